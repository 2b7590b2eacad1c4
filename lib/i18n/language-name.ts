// Names of languages (scenario locales, the session default) in the interface language:
// "pl" is "Polish" in English and "polski" in Polish.
import { toLocale, type Locale } from "./config";

/** The language's name in `uiLocale`; `standalone` capitalises it for a badge or list item. */
export function languageName(code: string, uiLocale: Locale, options: { standalone?: boolean } = {}): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([uiLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
  return options.standalone ? name.charAt(0).toLocaleUpperCase(uiLocale) + name.slice(1) : name;
}

/** Whether content in `contentLocale` ("pl-PL", "en") differs from the interface language. */
export function contentLanguageDiffers(contentLocale: string | null | undefined, uiLocale: Locale): boolean {
  if (!contentLocale) return false;
  return (toLocale(contentLocale) ?? contentLocale.toLowerCase()) !== uiLocale;
}

/** The base language of a content locale, for ICU selects ("pl-PL" → "pl"). */
export function baseLanguage(contentLocale: string): string {
  return contentLocale.toLowerCase().split(/[-_]/)[0];
}

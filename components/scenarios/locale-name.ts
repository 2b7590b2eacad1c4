// Human names for scenario locales in the interface language ("pl" → "Polish" / "Polski"),
// falling back to the tag itself.
import { languageName } from "@/lib/i18n/language-name";
import type { Locale } from "@/lib/i18n/config";

export function localeName(code: string, uiLocale: Locale): string {
  return languageName(code, uiLocale, { standalone: true });
}

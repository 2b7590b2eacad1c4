// Which interface languages exist and how a request's language is chosen. Pure: the
// cookie, Accept-Language and session default are passed in by the caller.
export const LOCALES = ["en", "pl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Set by the language switcher; an explicit choice beats everything else. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The supported language a locale tag belongs to ("pl-PL" → "pl"), or null. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : null;
}

/** Supported languages from an Accept-Language header, best first (q-values honoured). */
export function localesFromAcceptLanguage(header: string | null | undefined): Locale[] {
  if (!header) return [];
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { locale: toLocale(tag), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry): entry is { locale: Locale; weight: number; index: number } => entry.locale !== null && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return [...new Set(ranked.map((entry) => entry.locale))];
}

/**
 * The interface language for one request:
 * 1. the switcher's cookie (the person chose it);
 * 2. the browser's preferred languages, when one of them is supported;
 * 3. the session's default locale (on participant pages), for browsers in other languages;
 * 4. English.
 */
export function resolveLocale(input: { cookie?: string | null; acceptLanguage?: string | null; sessionDefault?: string | null }): Locale {
  const chosen = toLocale(input.cookie);
  if (chosen) return chosen;
  const browser = localesFromAcceptLanguage(input.acceptLanguage)[0];
  if (browser) return browser;
  return toLocale(input.sessionDefault) ?? DEFAULT_LOCALE;
}

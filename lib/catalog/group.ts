// One catalogue entry per scenario: a translation (translationOf) joins its original's entry,
// and the entry shows the version in the reader's language when there is one.
import type { ScenarioSummary } from "./store";

export type CatalogEntry = {
  /** The original scenario's slug; a translation's translationOf. */
  key: string;
  /** The version shown: the first of the preferred languages available, else the original. */
  shown: ScenarioSummary;
  /** Every language version, the original first. */
  languages: ScenarioSummary[];
};

const baseLanguage = (locale: string) => locale.toLowerCase().split("-")[0];

export function entryMatchesLocale(entry: CatalogEntry, locale: string): boolean {
  return entry.languages.some((s) => baseLanguage(s.locale) === baseLanguage(locale));
}

/** Groups summaries by original; `preferred` lists locales in order of preference. */
export function groupTranslations(summaries: readonly ScenarioSummary[], preferred: readonly string[] = []): CatalogEntry[] {
  const groups = new Map<string, ScenarioSummary[]>();
  for (const summary of summaries) {
    const key = summary.translationOf ?? summary.slug;
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  return [...groups].map(([key, versions]) => {
    const languages = [...versions].sort(
      (a, b) => Number(a.slug !== key) - Number(b.slug !== key) || a.locale.localeCompare(b.locale),
    );
    const shown =
      preferred.map((locale) => languages.find((s) => baseLanguage(s.locale) === baseLanguage(locale))).find(Boolean) ?? languages[0];
    return { key, shown, languages };
  });
}

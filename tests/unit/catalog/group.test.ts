// The catalogue lists one entry per scenario: translations join their original's entry and
// the entry shows the reader's language when it exists.
import { describe, expect, it } from "vitest";
import { entryMatchesLocale, groupTranslations } from "@/lib/catalog/group";
import type { ScenarioSummary } from "@/lib/catalog/store";

const summary = (slug: string, locale: string, translationOf?: string): ScenarioSummary => ({
  id: `${slug}-id`,
  slug,
  title: `${slug} title`,
  summary: "",
  locale,
  ...(translationOf ? { translationOf } : {}),
  tags: [],
  estimatedMinutes: 30,
  decisions: 3,
  source: "library",
  contentHash: "0",
  createdAt: new Date(0),
});

describe("groupTranslations", () => {
  const library = [
    summary("ransomware", "en"),
    summary("ransomware-pl", "pl", "ransomware"),
    summary("wyciek", "pl"),
    summary("insider-leak", "en", "wyciek"),
    summary("only-english", "en"),
  ];

  it("makes one entry per original with every language, the original first", () => {
    const entries = groupTranslations(library);
    expect(entries.map((e) => [e.key, e.languages.map((s) => s.slug)])).toEqual([
      ["ransomware", ["ransomware", "ransomware-pl"]],
      ["wyciek", ["wyciek", "insider-leak"]],
      ["only-english", ["only-english"]],
    ]);
  });

  it("shows the first preferred language available, else the original", () => {
    const shown = (preferred: string[]) => groupTranslations(library, preferred).map((e) => e.shown.slug);
    expect(shown([])).toEqual(["ransomware", "wyciek", "only-english"]);
    expect(shown(["en"])).toEqual(["ransomware", "insider-leak", "only-english"]);
    expect(shown(["pl-PL", "en"])).toEqual(["ransomware-pl", "wyciek", "only-english"]);
  });

  it("matches a language filter when any version is in that language", () => {
    const entries = groupTranslations(library);
    expect(entries.filter((e) => entryMatchesLocale(e, "pl")).map((e) => e.key)).toEqual(["ransomware", "wyciek"]);
  });
});

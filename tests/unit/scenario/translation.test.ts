// Translations share one graph with their original: the comparison itself, and every
// translated pair in the bundled library (files with translationOf are found automatically).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintScenarioSet, lintScenarioText } from "@/lib/scenario/lint";
import type { TScenario } from "@/lib/scenario/schema";
import { compareTranslation } from "@/lib/scenario/translation";
import { bundledScenarioFiles, minimalScenario } from "./helpers";

const parse = (data: unknown): TScenario => {
  const { scenario, findings } = lintScenarioText(JSON.stringify(data));
  if (!scenario) throw new Error(findings.map((f) => `${f.code} ${f.pointer}: ${f.message}`).join("\n"));
  return scenario;
};

/** A Polish translation of the reference scenario: every text changed, nothing else. */
function polish(): Record<string, any> {
  const s = minimalScenario();
  s.id = "valid-minimal-pl";
  s.translationOf = "valid-minimal";
  s.locale = "pl";
  s.title = "Odsłonięta baza opinii";
  s.summary = "Badacz zgłasza, że baza opinii klientów jest dostępna z internetu.";
  s.capabilities[0].name = "Wykrywanie";
  s.capabilities.push({ id: "pci", name: "PCI DSS", framework: "custom", ref: "PCI DSS v4.0, wymaganie 12.10" });
  s.nodes[3].options[0].score.pci = 1;
  s.roles[0].name = "Kierownik IT";
  s.training[0] = { ...s.training[0], title: "Triage incydentu", url: "https://uodo.gov.pl/" };
  s.objectives[0].text = "Opanuj ekspozycję i zachowaj dowody.";
  s.nodes[0].body = "Poniedziałek 09:12. Do skrzynki bezpieczeństwa przychodzi e-mail.";
  s.nodes[0].media = [{ kind: "email", text: "Państwa baza jest otwarta." }];
  s.nodes[0].questions[0].text = "Kto jest właścicielem tej bazy?";
  s.nodes[1].prompt = "Co robicie najpierw?";
  s.nodes[1].options[0].label = "Zablokujcie dostęp i zachowajcie logi";
  s.nodes[1].options[0].feedback = "Najpierw ograniczenie, z zachowaniem logów.";
  s.nodes[2].title = "Zakres";
  s.nodes[5].title = "Opanowane i zgłoszone na czas";
  s.nodes[5].debrief = "Zgłoszenie do Prezesa UODO w ciągu 72 godzin.";
  return s;
}

describe("compareTranslation", () => {
  const original = (() => {
    const s = minimalScenario();
    s.capabilities.push({ id: "pci", name: "PCI DSS", framework: "custom", ref: "PCI DSS v4.0 Req. 12.10" });
    s.nodes[3].options[0].score.pci = 1;
    return parse(s);
  })();

  it("accepts a translation whose text alone differs, including citations of non-CSF frameworks", () => {
    const withPci = minimalScenario();
    withPci.capabilities.push({ id: "pci", name: "PCI DSS", framework: "custom", ref: "PCI DSS v4.0 Req. 12.10" });
    withPci.nodes[3].options[0].score.pci = 1;
    expect(compareTranslation(parse(withPci), parse(polish()))).toEqual([]);
  });

  it.each([
    ["a changed score", (s: any) => (s.nodes[2].options[0].score.GV = 3), "/nodes/2/options/0/score/GV"],
    ["a changed target", (s: any) => (s.nodes[3].options[1].next = "on-time"), "/nodes/3/options/1/next"],
    ["reordered options", (s: any) => s.nodes[2].options.reverse(), "/nodes/2/options/0/id"],
    ["a changed condition", (s: any) => (s.nodes[4].cases[0].when.all[1].value = 48), "/nodes/4/cases/0/when/all/1/value"],
    ["a changed effect", (s: any) => (s.nodes[1].options[0].effects[1].value = 1), "/nodes/1/options/0/effects/1/value"],
    ["another decider", (s: any) => (s.nodes[3].decidedBy = "it-lead"), "/nodes/3/decidedBy"],
    ["another time limit", (s: any) => delete s.nodes[1].timeLimitSeconds, "/nodes/1/timeLimitSeconds"],
    ["another outcome", (s: any) => (s.nodes[6].outcome = "partial"), "/nodes/6/outcome"],
    ["another capability ref", (s: any) => (s.capabilities[2].ref = "GV.PO"), "/capabilities/2/ref"],
    ["an extra role", (s: any) => s.roles.push({ id: "comms", name: "Komunikacja" }), "/roles"],
    ["another variable default", (s: any) => (s.variables.hoursElapsed.default = 1), "/variables/hoursElapsed/default"],
    ["a different training link", (s: any) => s.nodes[1].options[0].training.push("gdpr-art33"), "/nodes/1/options/0/training"],
    ["an extra node", (s: any) => s.nodes.push({ id: "extra", type: "end", title: "x", outcome: "partial", debrief: "x" }), "/nodes"],
  ])("reports %s at its pointer", (_, change, pointer) => {
    const translation = polish();
    change(translation);
    const differences = compareTranslation(original, parse(translation));
    expect(differences.map((d) => d.pointer)).toContain(pointer);
  });

  it("requires another language and a link to an original that is not itself a translation", () => {
    const same = polish();
    same.locale = "en";
    expect(compareTranslation(original, parse(same)).map((d) => d.pointer)).toEqual(["/locale"]);
    const chained = parse({ ...JSON.parse(JSON.stringify(original)), translationOf: "something-else" });
    expect(compareTranslation(chained, parse(polish())).map((d) => d.pointer)).toEqual(["/translationOf"]);
  });

  it("is what the linter reports as TRANSLATION_MISMATCH when both files are linted together", () => {
    const translation = polish();
    translation.nodes[3].options[0].score = { GV: 1, pci: 1 };
    const [first, second] = lintScenarioSet([
      { name: "en.json", text: JSON.stringify(original) },
      { name: "pl.json", text: JSON.stringify(translation) },
    ]);
    expect(first.findings).toEqual([]);
    expect(second.findings.map((f) => `${f.severity} ${f.code} ${f.pointer}`)).toEqual(["error TRANSLATION_MISMATCH /nodes/3/options/0/score/GV"]);
    expect(second.findings[0].message).toContain('differs from its original "valid-minimal"');
    expect(second.scenario).toBeUndefined();
    // Alone, the translation cannot be compared and lints clean.
    expect(lintScenarioText(JSON.stringify(translation)).findings).toEqual([]);
  });
});

describe("translated pairs in the bundled library", () => {
  const scenarios = bundledScenarioFiles().map((file) => ({ file: path.basename(file), text: readFileSync(file, "utf8") }));
  const parsed = scenarios.flatMap(({ file, text }) => {
    const scenario = lintScenarioText(text).scenario;
    return scenario ? [{ file, scenario }] : [];
  });
  const translations = parsed.filter(({ scenario }) => scenario.translationOf !== undefined);

  for (const { file, scenario } of translations) {
    it(`${file} translates "${scenario.translationOf}" with the same graph`, () => {
      const original = parsed.find((p) => p.scenario.id === scenario.translationOf);
      expect(original, `no bundled scenario has the id "${scenario.translationOf}" named by translationOf`).toBeDefined();
      const differences = compareTranslation(original!.scenario, scenario);
      expect(differences.map((d) => `${file}${d.pointer}: ${d.message}`)).toEqual([]);
    });
  }

  it("links each original to at most one translation per language", () => {
    const seen = new Set<string>();
    for (const { scenario } of translations) {
      const key = `${scenario.translationOf} ${scenario.locale}`;
      expect(seen.has(key), `two translations of ${key}`).toBe(false);
      seen.add(key);
    }
  });

  it("has every scenario in English and in Polish", () => {
    const originals = parsed.filter(({ scenario }) => scenario.translationOf === undefined);
    const missing = originals.flatMap(({ file, scenario }) => {
      const languages = new Set([scenario.locale, ...translations.filter((t) => t.scenario.translationOf === scenario.id).map((t) => t.scenario.locale)]);
      return ["en", "pl"].filter((l) => !languages.has(l)).map((l) => `${file} has no ${l} version`);
    });
    expect(missing).toEqual([]);
  });
});

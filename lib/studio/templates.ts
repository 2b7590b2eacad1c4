// The studio's template gallery: a blank draft or one of three small patterns, each a whole
// scenario that lints without errors, so an author starts from something that already runs
// and replaces the placeholder text. Templates are content, written in the author's
// language (English or Polish); the gallery's own labels live in the message catalogue.
// Pure: no I/O.
import type { StudioDoc } from "./document";
import { emptyScenario } from "./document";

export const TEMPLATE_IDS = ["blank", "two-endings", "timed-decision", "delayed-consequence"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
type Lang = "en" | "pl";

type Words = {
  title: string;
  summary: string;
  objective: string;
  capability: { RS: string; GV: string };
  inject: { title: string; body: string };
  decision: { prompt: string; good: string; weak: string };
  win: { title: string; debrief: string };
  lose: { title: string; debrief: string };
  timeout: { title: string; debrief: string };
  update: { title: string; body: string };
};

const WORDS: Record<Lang, Words> = {
  en: {
    title: "New exercise",
    summary: "Replace this with two sentences: what happens, and what the team has to decide.",
    objective: "Replace with what the team should be able to do afterwards.",
    capability: { RS: "Respond", GV: "Govern" },
    inject: { title: "Something happens", body: "Describe what the team learns first: who calls, what they see, what time it is." },
    decision: { prompt: "What do you do first?", good: "Contain it now and preserve the evidence", weak: "Wait for more information" },
    win: { title: "Handled well", debrief: "Explain why this ending went well and what the team did right." },
    lose: { title: "It got worse", debrief: "Explain what went wrong and what the team could do differently." },
    timeout: { title: "No decision in time", debrief: "Explain what happens when nobody decides." },
    update: { title: "An hour later", body: "Describe what the team learns next. What happens after this depends on the first choice." },
  },
  pl: {
    title: "Nowe ćwiczenie",
    summary: "Zastąp to dwoma zdaniami: co się dzieje i o czym zespół musi zdecydować.",
    objective: "Zastąp tym, co zespół powinien umieć zrobić po ćwiczeniu.",
    capability: { RS: "Reagowanie", GV: "Nadzór" },
    inject: { title: "Coś się dzieje", body: "Opisz, czego zespół dowiaduje się najpierw: kto dzwoni, co widać, która jest godzina." },
    decision: { prompt: "Co robicie najpierw?", good: "Ograniczamy skutki teraz i zabezpieczamy dowody", weak: "Czekamy na więcej informacji" },
    win: { title: "Dobrze rozegrane", debrief: "Wyjaśnij, dlaczego to zakończenie jest dobre i co zespół zrobił dobrze." },
    lose: { title: "Sytuacja się pogorszyła", debrief: "Wyjaśnij, co poszło źle i co zespół mógł zrobić inaczej." },
    timeout: { title: "Brak decyzji na czas", debrief: "Wyjaśnij, co się dzieje, gdy nikt nie podejmuje decyzji." },
    update: { title: "Godzinę później", body: "Opisz, czego zespół dowiaduje się potem. Dalszy ciąg zależy od pierwszego wyboru." },
  },
};

function base(w: Words, lang: Lang, id: string): StudioDoc {
  return {
    ...emptyScenario(),
    id,
    title: w.title,
    summary: w.summary,
    locale: lang,
    estimatedMinutes: 20,
    capabilities: [
      { id: "RS", name: w.capability.RS, framework: "nist-csf-2.0", ref: "RS" },
      { id: "GV", name: w.capability.GV, framework: "nist-csf-2.0", ref: "GV" },
    ],
    objectives: [{ id: "obj-1", text: w.objective, capabilities: ["RS", "GV"] }],
    start: "first-inject",
  };
}

const inject = (w: Words, next: string) => ({ id: "first-inject", type: "inject", title: w.inject.title, body: w.inject.body, next });
// The two options trade one capability against the other, so the linter's NO_TRADEOFF and
// STRAWMAN_DECISION checks are met from the start.
const options = (w: Words, goodNext: string, weakNext: string) => [
  { id: "act", label: w.decision.good, score: { RS: 2, GV: 0 }, next: goodNext },
  { id: "wait", label: w.decision.weak, score: { RS: 0, GV: 1 }, next: weakNext },
];
const end = (id: string, outcome: "success" | "partial" | "failure", text: { title: string; debrief: string }) => ({ id, type: "end", title: text.title, outcome, debrief: text.debrief });

/** A new draft's document: `blank` is the empty scenario; the others are small runnable patterns. */
export function templateDocument(template: TemplateId, lang: Lang = "en"): StudioDoc {
  const w = WORDS[lang];
  switch (template) {
    case "blank":
      return { ...emptyScenario(), locale: lang };
    case "two-endings":
      return {
        ...base(w, lang, "inject-decision-two-endings"),
        nodes: [inject(w, "first-decision"), { id: "first-decision", type: "decision", prompt: w.decision.prompt, options: options(w, "handled", "worse") }, end("handled", "success", w.win), end("worse", "failure", w.lose)],
      };
    case "timed-decision":
      return {
        ...base(w, lang, "timed-decision-with-fallback"),
        nodes: [
          inject(w, "first-decision"),
          { id: "first-decision", type: "decision", prompt: w.decision.prompt, timeLimitSeconds: 180, options: options(w, "handled", "worse"), onTimeout: { next: "no-decision", score: { RS: 0, GV: 0 } } },
          end("handled", "success", w.win),
          end("worse", "failure", w.lose),
          end("no-decision", "failure", w.timeout),
        ],
      };
    case "delayed-consequence":
      return {
        ...base(w, lang, "decision-with-later-consequence"),
        variables: { evidencePreserved: { type: "boolean", default: false } },
        nodes: [
          inject(w, "first-decision"),
          {
            id: "first-decision",
            type: "decision",
            prompt: w.decision.prompt,
            options: options(w, "update", "update").map((o) => (o.id === "act" ? { ...o, effects: [{ set: "evidencePreserved", value: true }] } : o)),
          },
          { id: "update", type: "inject", title: w.update.title, body: w.update.body, next: "check-evidence" },
          { id: "check-evidence", type: "branch", cases: [{ when: { var: "evidencePreserved", op: "eq", value: true }, next: "handled" }], else: "worse" },
          end("handled", "success", w.win),
          end("worse", "partial", w.lose),
        ],
      };
  }
}

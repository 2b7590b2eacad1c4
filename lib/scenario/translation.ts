// Translations share one graph: a scenario with `translationOf` must match its original in
// everything the engine and the reports use (ids, order, types, targets, scores, conditions,
// effects, who decides and owns, time limits, exercise time, clocks and tasks, capability ids and CSF refs, roles, variables, training
// ids); only the text may differ. This projection and comparison serve the linter and the library test.
import { CSF_FRAMEWORK } from "./csf";
import type { TScenario } from "./schema";

export type TranslationDifference = { pointer: string; message: string };

/** The language-independent part of a scenario, keyed like the document so pointers match. */
export function graphSkeleton(scenario: TScenario): Record<string, unknown> {
  return {
    start: scenario.start,
    variables: scenario.variables,
    // A CSF ref is an id the reports group by; other frameworks' refs are citations in prose.
    capabilities: scenario.capabilities.map(({ id, framework, ref }) => ({ id, framework, ref: framework === CSF_FRAMEWORK ? ref : undefined })),
    roles: scenario.roles.map(({ id }) => ({ id })),
    training: scenario.training.map(({ id }) => ({ id })),
    objectives: scenario.objectives.map(({ id, capabilities }) => ({ id, capabilities })),
    exerciseTime: scenario.exerciseTime,
    clocks: scenario.clocks.map(({ id, regime, start, awareness, deadline }) => ({ id, regime, start, awareness, deadline })),
    tasks: scenario.tasks.map((task) =>
      task.kind === "notification"
        ? { id: task.id, kind: task.kind, clock: task.clock, opensAt: task.opensAt, submitter: task.submitter, phased: task.phased, fields: task.fields.map((f) => f.id) }
        : { id: task.id, kind: task.kind, opensAt: task.opensAt, completedBy: task.completedBy },
    ),
    nodes: scenario.nodes.map((node) => {
      switch (node.type) {
        case "inject":
          return {
            id: node.id,
            type: node.type,
            next: node.next,
            audience: node.audience,
            elapseMinutes: node.elapseMinutes,
            questions: node.questions?.map(({ id, kind, roles }) => ({ id, kind, roles })),
          };
        case "decision":
          return {
            id: node.id,
            type: node.type,
            decidedBy: node.decidedBy,
            timeLimitSeconds: node.timeLimitSeconds,
            teaching: node.teaching,
            owner: node.owner,
            consult: node.consult,
            justify: node.justify,
            elapseMinutes: node.elapseMinutes,
            options: node.options.map(({ id, when, effects, score, training, elapseMinutes, next }) => ({ id, when, effects, score, training, elapseMinutes, next })),
            onTimeout: node.onTimeout,
          };
        case "branch":
          return { id: node.id, type: node.type, cases: node.cases, else: node.else };
        case "end":
          return { id: node.id, type: node.type, outcome: node.outcome };
      }
    }),
  };
}

const escape = (seg: string | number) => String(seg).replace(/~/g, "~0").replace(/\//g, "~1");
const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

function diff(a: unknown, b: unknown, pointer: string, out: TranslationDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push({ pointer, message: `the original has ${a.length} item(s) here, the translation ${b.length}` });
      return;
    }
    a.forEach((item, i) => diff(item, b[i], `${pointer}/${i}`, out));
    return;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== undefined || b[k] !== undefined);
    for (const key of keys) diff(a[key], b[key], `${pointer}/${escape(key)}`, out);
    return;
  }
  if (a !== b) out.push({ pointer, message: `the original has ${show(a)}, the translation ${show(b)}` });
}

/**
 * Where `translation` departs from `original`: its link, its language and its graph.
 * Pointers locate the value in the translation's file.
 */
export function compareTranslation(original: TScenario, translation: TScenario): TranslationDifference[] {
  const out: TranslationDifference[] = [];
  if (translation.translationOf !== original.id) {
    out.push({ pointer: "/translationOf", message: `names "${translation.translationOf ?? ""}", not "${original.id}"` });
  }
  if (original.translationOf !== undefined) {
    out.push({ pointer: "/translationOf", message: `"${original.id}" is itself a translation (of "${original.translationOf}"); link to the original instead` });
  }
  if (original.locale === translation.locale) {
    out.push({ pointer: "/locale", message: `is "${translation.locale}", the same language as the original "${original.id}"; a translation is in another language` });
  }
  diff(graphSkeleton(original), graphSkeleton(translation), "", out);
  return out;
}

// What a scenario's landing page says before anything technical: who it is for, how long
// and how hard it is, what it practises, and how it opens. Pure, read from the document.
// The format has no difficulty field, so difficulty is derived from the shape of the
// exercise (how many decisions, how many under a time limit, how many hidden consequences),
// and the page shows those reasons next to the level.
import type { TScenario } from "@/lib/scenario";
import { CSF_CATEGORIES, CSF_FRAMEWORK, CSF_FUNCTIONS, type CsfFunctionId } from "@/lib/scenario/csf";

export type Difficulty = "introductory" | "intermediate" | "advanced";

export type CapabilityInWords = {
  id: string;
  name: string;
  /** NIST CSF 2.0 function and category names when the capability points at one. */
  csf: { functionName: string; categoryName: string | null; ref: string } | null;
  framework: string | null;
  objectives: string[];
};

export type ScenarioProfile = {
  minutes: number;
  decisions: number;
  timedDecisions: number;
  /** Branch nodes: consequences decided by earlier choices, not by the team at that moment. */
  consequences: number;
  endings: number;
  difficulty: Difficulty;
  roles: Array<{ id: string; name: string; description: string | null; decides: boolean }>;
  capabilities: CapabilityInWords[];
  opening: { kind: "inject" | "decision"; title: string; body: string } | null;
};

/**
 * Introductory: a few untimed decisions that lead straight to an outcome. Advanced: many
 * decisions, or time pressure combined with consequences of earlier choices. The rest is
 * intermediate.
 */
export function difficultyOf(p: Pick<ScenarioProfile, "decisions" | "timedDecisions" | "consequences">): Difficulty {
  if (p.decisions >= 8 || (p.timedDecisions >= 2 && p.consequences >= 2)) return "advanced";
  if (p.decisions <= 3 && p.timedDecisions === 0 && p.consequences <= 1) return "introductory";
  return "intermediate";
}

function csfOf(ref: string | undefined, framework: string | undefined): CapabilityInWords["csf"] {
  if (framework !== CSF_FRAMEWORK || !ref) return null;
  // A ref names a function ("RS") or one of its categories ("RS.CO").
  const fn = CSF_FUNCTIONS[ref.slice(0, 2) as CsfFunctionId];
  if (!fn || (ref.length > 2 && !CSF_CATEGORIES[ref])) return null;
  return { functionName: fn, categoryName: CSF_CATEGORIES[ref] ?? null, ref };
}

export function scenarioProfile(doc: TScenario): ScenarioProfile {
  const decisionNodes = doc.nodes.filter((n) => n.type === "decision");
  const deciders = new Set(decisionNodes.map((n) => n.decidedBy).filter((d): d is string => !!d && d !== "team-vote"));
  const counts = {
    decisions: decisionNodes.length,
    timedDecisions: decisionNodes.filter((n) => !!n.timeLimitSeconds).length,
    consequences: doc.nodes.filter((n) => n.type === "branch").length,
  };
  const start = doc.nodes.find((n) => n.id === doc.start);
  const opening =
    start?.type === "inject" ? { kind: "inject" as const, title: start.title, body: start.body }
    : start?.type === "decision" ? { kind: "decision" as const, title: start.title ?? "", body: start.prompt }
    : null;
  return {
    minutes: doc.estimatedMinutes,
    ...counts,
    endings: doc.nodes.filter((n) => n.type === "end").length,
    difficulty: difficultyOf(counts),
    roles: (doc.roles ?? []).map((r) => ({ id: r.id, name: r.name, description: r.description ?? null, decides: deciders.has(r.id) })),
    capabilities: doc.capabilities.map((c) => ({
      id: c.id,
      name: c.name,
      csf: csfOf(c.ref, c.framework),
      framework: c.framework ?? null,
      objectives: doc.objectives.filter((o) => o.capabilities.includes(c.id)).map((o) => o.text),
    })),
    opening,
  };
}

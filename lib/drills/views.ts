// What a drill participant sees, built from the scenario and their run's engine state:
// the current step (inject, decision) and, once finished or closed, their personal result
// (the path taken, the better options with their feedback, the training topics). Pure.
import { currentNode, describeOptions, findNode, TIMEOUT_CHOICE, type EngineState, type TScenario, type TScore } from "@/lib/scenario";
import { visitOf } from "@/lib/session/lifecycle";

export type DrillStep =
  | { kind: "inject"; nodeId: string; visit: number; title: string; body: string }
  | {
      kind: "decision";
      nodeId: string;
      visit: number;
      title: string | null;
      prompt: string;
      options: Array<{ id: string; label: string; available: boolean }>;
      justify: boolean;
      /** Seconds this sitting has for the decision, and when it runs out; null without a timer. */
      timeLimitSeconds: number | null;
      deadlineAt: string | null;
    }
  | { kind: "end" };

export function drillStep(scenario: TScenario, state: EngineState, timer: { seconds: number | null; deadlineAt: Date | null }): DrillStep {
  const node = currentNode(scenario, state);
  if (state.status === "ended" || !node || node.type === "end" || node.type === "branch") return { kind: "end" };
  const visit = visitOf(state);
  if (node.type === "inject") return { kind: "inject", nodeId: node.id, visit, title: node.title, body: node.body };
  return {
    kind: "decision",
    nodeId: node.id,
    visit,
    title: node.title ?? null,
    prompt: node.prompt,
    options: describeOptions(scenario, state),
    justify: node.justify === true,
    timeLimitSeconds: timer.seconds,
    deadlineAt: timer.deadlineAt?.toISOString() ?? null,
  };
}

const total = (score: TScore | undefined) => Object.values(score ?? {}).reduce((a, b) => a + b, 0);

export type ResultDecision = {
  nodeId: string;
  prompt: string;
  chosen: { id: string; label: string; feedback: string | null; points: number };
  best: boolean;
  /** Options worth more points than the one chosen, best first, with their feedback. */
  better: Array<{ id: string; label: string; feedback: string | null; points: number }>;
  confidence: number | null;
  reasoning: string | null;
};

export type DrillResult = {
  finished: boolean;
  outcome: string | null;
  endTitle: string | null;
  debrief: string | null;
  points: number;
  bestPoints: number;
  decisions: ResultDecision[];
  training: Array<{ id: string; title: string; url: string | null }>;
};

type AnswerFacts = { nodeId: string; visit: number; confidence: number | null; reasoning: string | null };

/** The personal result page: every decision on the path, in order, with what would have been better. */
export function drillResult(scenario: TScenario, state: EngineState, answers: readonly AnswerFacts[]): DrillResult {
  const visits = new Map<string, number>();
  const trainingIds = new Set<string>();
  const decisions: ResultDecision[] = [];
  let points = 0;
  let best = 0;
  for (const entry of state.history) {
    if (entry.event !== "choose" && entry.event !== "timeout") continue;
    const visit = (visits.get(entry.nodeId) ?? 0) + 1;
    visits.set(entry.nodeId, visit);
    const node = findNode(scenario, entry.nodeId);
    if (node?.type !== "decision") continue;
    const chosenPoints = total(entry.points);
    points += chosenPoints;
    best += total(entry.best);
    const option = node.options.find((o) => o.id === entry.choice);
    const better = node.options
      .filter((o) => total(o.score) > chosenPoints)
      .sort((a, b) => total(b.score) - total(a.score))
      .map((o) => ({ id: o.id, label: o.label, feedback: o.feedback ?? null, points: total(o.score) }));
    // Training linked from what was chosen and from what would have been better.
    for (const o of [option, ...node.options.filter((x) => better.some((b) => b.id === x.id))]) for (const id of o?.training ?? []) trainingIds.add(id);
    const answer = answers.find((a) => a.nodeId === entry.nodeId && a.visit === visit);
    decisions.push({
      nodeId: node.id,
      prompt: node.title ?? node.prompt,
      chosen: { id: entry.choice, label: entry.choice === TIMEOUT_CHOICE ? "" : (option?.label ?? entry.choice), feedback: option?.feedback ?? null, points: chosenPoints },
      best: better.length === 0,
      better,
      confidence: answer?.confidence ?? null,
      reasoning: answer?.reasoning ?? null,
    });
  }
  const end = state.status === "ended" ? findNode(scenario, state.nodeId) : undefined;
  return {
    finished: state.status === "ended",
    outcome: state.outcome ?? null,
    endTitle: end?.type === "end" ? end.title : null,
    debrief: end?.type === "end" ? end.debrief : null,
    points,
    bestPoints: best,
    decisions,
    training: scenario.training.filter((t) => trainingIds.has(t.id)).map((t) => ({ id: t.id, title: t.title, url: t.url ?? null })),
  };
}

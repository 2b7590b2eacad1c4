// Where a drill's people went: the distribution of paths taken, the most common wrong turns
// with sampled reasoning, and the training recommendations from their gap analyses. Pure.
// A path or a wrong turn's reasoning is shown only when at least k people share it.
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { TOutcome, TScenario } from "@/lib/scenario";
import { decisionKey } from "@/lib/scoring";
import type { DrillPersonScore } from "./drill-aggregate";

type Person = Pick<DrillPersonScore, "participantId" | "path" | "gaps" | "calibrated">;

export interface PathShare {
  /** The choices of the path, in order. */
  steps: Array<{ nodeId: string; optionId: string }>;
  /** The end reached; null for people who have not finished. */
  endNodeId: string | null;
  outcome: TOutcome | null;
  people: number;
}

export interface PathDistribution {
  /** Paths taken by at least k people, most taken first. */
  shown: PathShare[];
  /** People on paths taken by fewer than k people each, and how many such paths. */
  otherPeople: number;
  otherPaths: number;
}

/** People per distinct path (same choices in the same order, same end); a path below k is folded into "other". */
export function distributePaths(people: readonly Person[], minGroupSize: number): PathDistribution {
  const paths = new Map<string, PathShare>();
  for (const { path } of people) {
    const steps = path.decisions.map((d) => ({ nodeId: d.nodeId, optionId: d.optionId }));
    const key = JSON.stringify([steps.map((s) => `${s.nodeId}:${s.optionId}`), path.endNodeId]);
    const share = paths.get(key) ?? { steps, endNodeId: path.endNodeId, outcome: path.outcome, people: 0 };
    share.people += 1;
    paths.set(key, share);
  }
  const all = [...paths.entries()].sort(([ka, a], [kb, b]) => b.people - a.people || ka.localeCompare(kb)).map(([, share]) => share);
  const small = all.filter((p) => p.people < minGroupSize);
  return {
    shown: all.filter((p) => p.people >= minGroupSize),
    otherPeople: small.reduce((sum, p) => sum + p.people, 0),
    otherPaths: small.length,
  };
}

export interface WrongTurn {
  nodeId: string;
  optionId: string;
  /** The option's label in the scenario. */
  label: string;
  /** Distinct people who chose it when it was not a best option. */
  people: number;
  /** Distinct people who met this decision at all. */
  met: number;
  /** Times chosen (a loop may bring someone back). */
  times: number;
  meanConfidence: number;
  /** Times it was chosen with confidence ≥ 4. */
  confidentlyWrong: number;
  /** Points lost over all those times. */
  totalCost: number;
  /** The better options passed over: each time's, best first, in the order first met. */
  betterOptionIds: string[];
  /** Up to n people's reasoning; withheld when fewer than k people took this turn. */
  reasoning: Suppressible<string[]>;
}

/**
 * The wrong turns (choices that were not a best option), most common first: most people, then
 * most confidently wrong, then most points lost. Reasoning quotes are one per person, picked by
 * a stable hash of who wrote them, so the sample is repeatable but not the first to answer.
 */
export function rankWrongTurns(scenario: TScenario, people: readonly Person[], minGroupSize: number, samples: number): WrongTurn[] {
  const met = new Map<string, Set<string>>();
  for (const person of people) {
    for (const d of person.path.decisions) {
      const seen = met.get(d.nodeId) ?? new Set<string>();
      seen.add(person.participantId);
      met.set(d.nodeId, seen);
    }
  }

  type Turn = Omit<WrongTurn, "met" | "meanConfidence" | "reasoning" | "people"> & { who: Set<string>; confidenceSum: number; quotes: Map<string, string> };
  const turns = new Map<string, Turn>();
  for (const person of people) {
    const reviews = new Map(person.gaps.decisions.map((r) => [decisionKey(r), r]));
    const reasons = new Map(person.path.decisions.map((d) => [decisionKey(d), d.reasoning?.trim() ?? ""]));
    for (const choice of person.calibrated) {
      if (choice.best) continue;
      const key = `${choice.nodeId}\u0000${choice.optionId}`;
      let turn = turns.get(key);
      if (!turn) {
        const label = optionLabel(scenario, choice.nodeId, choice.optionId);
        turns.set(key, (turn = { nodeId: choice.nodeId, optionId: choice.optionId, label, who: new Set(), times: 0, confidenceSum: 0, confidentlyWrong: 0, totalCost: 0, betterOptionIds: [], quotes: new Map() }));
      }
      turn.who.add(person.participantId);
      turn.times += 1;
      turn.confidenceSum += choice.confidence;
      if (choice.tier === "confidently-wrong") turn.confidentlyWrong += 1;
      turn.totalCost += choice.lost;
      for (const id of reviews.get(decisionKey(choice))?.betterOptionIds ?? []) if (!turn.betterOptionIds.includes(id)) turn.betterOptionIds.push(id);
      const reason = reasons.get(decisionKey(choice));
      if (reason && !turn.quotes.has(person.participantId)) turn.quotes.set(person.participantId, reason);
    }
  }
  return [...turns.values()]
    .map(({ who, confidenceSum, quotes, ...turn }): WrongTurn => {
      const sample = [...quotes.entries()]
        .sort(([a], [b]) => stableHash(`${turn.nodeId}:${turn.optionId}:${a}`) - stableHash(`${turn.nodeId}:${turn.optionId}:${b}`) || a.localeCompare(b))
        .slice(0, samples)
        .map(([, text]) => text);
      return { ...turn, people: who.size, met: met.get(turn.nodeId)?.size ?? 0, meanConfidence: confidenceSum / turn.times, reasoning: suppressSmallGroup(who.size, minGroupSize, sample) };
    })
    .sort((a, b) => b.people - a.people || b.confidentlyWrong - a.confidentlyWrong || b.totalCost - a.totalCost || a.nodeId.localeCompare(b.nodeId) || a.optionId.localeCompare(b.optionId));
}

export interface TrainingRecommendation {
  trainingId: string;
  title: string;
  url?: string;
  /** People whose gap analysis lists the topic. */
  people: number;
  /** Decision visits involved, summed over people. */
  occurrences: number;
  /** Points lost on those visits, summed over people. */
  totalCost: number;
  /** Of those visits, the ones chosen with confidence ≥ 4. */
  confidentlyWrong: number;
}

/**
 * Training topics from everyone's gap analysis (analyseTrainingGaps per person), ranked with
 * confidently wrong choices first: most confidently wrong visits, then most people, then most
 * points lost, then the scenario's training order.
 */
export function recommendTraining(scenario: TScenario, people: readonly Person[]): TrainingRecommendation[] {
  const declared = new Map(scenario.training.map((t, index) => [t.id, { ...t, index }]));
  const topics = new Map<string, TrainingRecommendation>();
  for (const person of people) {
    const confident = new Set(person.calibrated.filter((d) => d.tier === "confidently-wrong").map(decisionKey));
    for (const gap of person.gaps.gaps) {
      let topic = topics.get(gap.trainingId);
      if (!topic) {
        const url = declared.get(gap.trainingId)?.url;
        topics.set(gap.trainingId, (topic = { trainingId: gap.trainingId, title: gap.title, ...(url ? { url } : {}), people: 0, occurrences: 0, totalCost: 0, confidentlyWrong: 0 }));
      }
      topic.people += 1;
      topic.occurrences += gap.occurrences;
      topic.totalCost += gap.totalCost;
      topic.confidentlyWrong += gap.decisions.filter((d) => confident.has(decisionKey(d))).length;
    }
  }
  const rank = (id: string) => declared.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...topics.values()].sort(
    (a, b) => b.confidentlyWrong - a.confidentlyWrong || b.people - a.people || b.totalCost - a.totalCost || rank(a.trainingId) - rank(b.trainingId) || a.trainingId.localeCompare(b.trainingId),
  );
}

function optionLabel(scenario: TScenario, nodeId: string, optionId: string): string {
  const node = scenario.nodes.find((n) => n.id === nodeId);
  return (node?.type === "decision" ? node.options.find((o) => o.id === optionId)?.label : undefined) ?? optionId;
}

/** FNV-1a, 32 bit: a repeatable order that does not follow the order people answered in. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

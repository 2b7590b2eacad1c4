// Training-gap analysis ("where is training missing?"): per team, the training topics of the
// options it chose and of the better options it passed over, ranked by how often and how much
// they cost; and, across sessions, the topics that stay weak. Pure. Rules: docs/scoring.md.
import {
  TIMEOUT_CHOICE,
  applyEvent,
  currentNode,
  describeOptions,
  startScenario,
  type EngineState,
  type TDecisionNode,
  type TOption,
  type TScenario,
} from "@/lib/scenario";
import { POINTS_EPSILON } from "./readiness";
import { decisionKey, totalPoints, type TRecordedDecision } from "./records";

type GapInputDecision = Pick<TRecordedDecision, "nodeId" | "visit" | "optionId" | "bestPoints"> &
  Partial<Pick<TRecordedDecision, "decidedAt">>;

/** How a topic came into a decision: on the option chosen, on a better option passed over, or on both. */
export type GapSource = "chosen" | "passed-over" | "both";

export interface GapDecision {
  nodeId: string;
  visit: number;
  /** The option chosen, or "@timeout". */
  optionId: string;
  /** Points lost on this decision vs its best option (the whole loss, not a share of it). */
  lost: number;
  via: GapSource;
}

export interface TrainingGap {
  trainingId: string;
  /** The scenario's title; the id for a topic the scenario does not declare. */
  title: string;
  /** Decision visits that lost points and involved this topic. */
  occurrences: number;
  /** Sum of `lost` over those decisions. */
  totalCost: number;
  decisions: GapDecision[];
}

/** How option availability at a decision was known; see docs/scoring.md. */
export type AvailabilitySource = "replayed" | "inferred";

export interface DecisionReview {
  nodeId: string;
  visit: number;
  optionId: string;
  /** Total score (all capabilities) of the chosen option, or of onTimeout for a timeout. */
  chosenTotal: number;
  /** The highest total among the options available, or chosenTotal if that is higher. */
  bestTotal: number;
  lost: number;
  /** Available options with the highest total. */
  bestOptionIds: string[];
  /** Available options whose total exceeds the chosen one's, best first. */
  betterOptionIds: string[];
  availability: AvailabilitySource;
}

export interface TrainingGapReport {
  /** Ranked: most occurrences first, then highest total cost, then the scenario's training order. */
  gaps: TrainingGap[];
  /** Every scored decision in the order it was locked. */
  decisions: DecisionReview[];
  /** Topics on any option available at a decision the team met: the topics this session could show. */
  assessedTopics: string[];
  /** Points lost over all decisions, vs their best options. */
  totalLost: number;
  /** Records that do not match the scenario (unknown decision or option); not scored. */
  skipped: Array<{ nodeId: string; visit: number; optionId: string; reason: string }>;
}

/**
 * The training-gap analysis of one team's session. A decision that lost points (some available
 * option had a higher total than the choice) contributes the topics of the chosen option and of
 * every better option passed over; a decision with no loss contributes none.
 */
export function analyseTrainingGaps(scenario: TScenario, decisions: readonly GapInputDecision[]): TrainingGapReport {
  const ordered = lockOrder(decisions);
  const replayed = replayAvailability(scenario, ordered);
  const titles = new Map(scenario.training.map((t) => [t.id, t.title]));
  const trainingOrder = new Map(scenario.training.map((t, index) => [t.id, index]));
  const nodes = new Map<string, TDecisionNode>();
  for (const node of scenario.nodes) if (node.type === "decision" && !nodes.has(node.id)) nodes.set(node.id, node);

  const gaps = new Map<string, TrainingGap>();
  const assessed = new Set<string>();
  const reviews: DecisionReview[] = [];
  const skipped: TrainingGapReport["skipped"] = [];
  let totalLost = 0;

  for (const decision of ordered) {
    const where = { nodeId: decision.nodeId, visit: decision.visit, optionId: decision.optionId };
    const node = nodes.get(decision.nodeId);
    if (!node) {
      skipped.push({ ...where, reason: `"${decision.nodeId}" is not a decision in scenario "${scenario.id}"` });
      continue;
    }
    const timedOut = decision.optionId === TIMEOUT_CHOICE;
    const chosen = timedOut ? undefined : node.options.find((o) => o.id === decision.optionId);
    if (!timedOut && !chosen) {
      skipped.push({ ...where, reason: `decision "${node.id}" has no option "${decision.optionId}"` });
      continue;
    }
    const chosenTotal = totalPoints(timedOut ? node.onTimeout?.score : chosen!.score);

    const availableIds = replayed.get(decisionKey(decision));
    const available = node.options.filter((option) =>
      option === chosen || (availableIds ? availableIds.has(option.id) : withinBest(option, decision.bestPoints)),
    );
    for (const option of available) for (const topic of option.training ?? []) assessed.add(topic);

    const totals = new Map(available.map((option) => [option.id, totalPoints(option.score)]));
    const bestTotal = Math.max(chosenTotal, ...totals.values());
    const lost = bestTotal - chosenTotal > POINTS_EPSILON ? bestTotal - chosenTotal : 0;
    const better = available
      .filter((option) => option !== chosen && totals.get(option.id)! > chosenTotal + POINTS_EPSILON)
      .sort((a, b) => totals.get(b.id)! - totals.get(a.id)!);
    reviews.push({
      ...where,
      chosenTotal,
      bestTotal,
      lost,
      bestOptionIds: available.filter((o) => Math.abs(totals.get(o.id)! - bestTotal) <= POINTS_EPSILON).map((o) => o.id),
      betterOptionIds: better.map((o) => o.id),
      availability: availableIds ? "replayed" : "inferred",
    });
    if (lost === 0) continue;
    totalLost += lost;

    const sources = new Map<string, GapSource>();
    for (const topic of chosen?.training ?? []) sources.set(topic, "chosen");
    for (const option of better) {
      for (const topic of option.training ?? []) {
        const seen = sources.get(topic);
        sources.set(topic, seen === "chosen" || seen === "both" ? "both" : "passed-over");
      }
    }
    for (const [trainingId, via] of sources) {
      let gap = gaps.get(trainingId);
      if (!gap) gaps.set(trainingId, (gap = { trainingId, title: titles.get(trainingId) ?? trainingId, occurrences: 0, totalCost: 0, decisions: [] }));
      gap.occurrences += 1;
      gap.totalCost += lost;
      gap.decisions.push({ ...where, lost, via });
    }
  }

  const rank = (id: string) => trainingOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  const ranked = [...gaps.values()].sort(
    (a, b) =>
      b.occurrences - a.occurrences ||
      b.totalCost - a.totalCost ||
      rank(a.trainingId) - rank(b.trainingId) ||
      a.trainingId.localeCompare(b.trainingId),
  );
  return { gaps: ranked, decisions: reviews, assessedTopics: [...assessed].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)), totalLost, skipped };
}

/** One session's gap analysis for a team, as persistentGaps reads it. */
export interface GapSession {
  sessionId: string;
  gaps: readonly Pick<TrainingGap, "trainingId" | "title" | "occurrences" | "totalCost">[];
  /**
   * Topics the session could have shown (TrainingGapReport.assessedTopics). A session that did
   * not assess a topic neither continues nor breaks its streak. Absent: every topic counts as
   * assessed, so a topic missing from `gaps` breaks its streak.
   */
  assessedTopics?: readonly string[];
}

export interface PersistentGap {
  trainingId: string;
  /** Title from the latest session of the streak. */
  title: string;
  /** Consecutive weak sessions, up to the latest session that assessed the topic. */
  streak: number;
  /** The sessions of the streak, oldest first. */
  sessionIds: string[];
  /** Occurrences and cost summed over the streak. */
  occurrences: number;
  totalCost: number;
}

/**
 * Topics that stay weak for one team: weak (in the gap list) in at least `minStreak`
 * consecutive sessions, counting back from the latest session that assessed the topic.
 * `history` is that team's sessions, oldest first. A topic that was weak twice and then
 * handled well is not flagged: the team improved. Ranked by streak, then cost, then occurrences.
 */
export function persistentGaps(history: readonly GapSession[], options: { minStreak?: number } = {}): PersistentGap[] {
  const minStreak = options.minStreak ?? 2;
  if (!Number.isInteger(minStreak) || minStreak < 2) {
    throw new RangeError(`minStreak must be a whole number of at least 2 sessions, got ${minStreak}`);
  }
  const topics = new Set(history.flatMap((session) => session.gaps.map((gap) => gap.trainingId)));
  const flagged: PersistentGap[] = [];
  for (const trainingId of topics) {
    let streak: Array<{ sessionId: string; gap: GapSession["gaps"][number] }> = [];
    for (const session of history) {
      const gap = session.gaps.find((g) => g.trainingId === trainingId);
      if (gap) streak.push({ sessionId: session.sessionId, gap });
      else if (!session.assessedTopics || session.assessedTopics.includes(trainingId)) streak = [];
    }
    if (streak.length < minStreak) continue;
    flagged.push({
      trainingId,
      title: streak[streak.length - 1].gap.title,
      streak: streak.length,
      sessionIds: streak.map((s) => s.sessionId),
      occurrences: streak.reduce((sum, s) => sum + s.gap.occurrences, 0),
      totalCost: streak.reduce((sum, s) => sum + s.gap.totalCost, 0),
    });
  }
  return flagged.sort(
    (a, b) => b.streak - a.streak || b.totalCost - a.totalCost || b.occurrences - a.occurrences || a.trainingId.localeCompare(b.trainingId),
  );
}

/** Decisions in lock order: by decidedAt when every record has a readable one, else as given. */
function lockOrder<T extends GapInputDecision>(decisions: readonly T[]): T[] {
  const times = decisions.map((d) => (d.decidedAt === undefined ? Number.NaN : new Date(d.decidedAt).getTime()));
  if (times.some((t) => !Number.isFinite(t))) return [...decisions];
  return decisions.map((decision, index) => ({ decision, index })).sort((a, b) => times[a.index] - times[b.index] || a.index - b.index).map((x) => x.decision);
}

/**
 * Which options were available at each decision, by replaying the recorded choices through
 * the engine (options with a `when` depend on earlier choices). Stops at the first record the
 * engine does not reach as recorded; later decisions fall back to withinBest.
 */
function replayAvailability(scenario: TScenario, ordered: readonly GapInputDecision[]): Map<string, Set<string>> {
  const available = new Map<string, Set<string>>();
  let state: EngineState;
  try {
    state = startScenario(scenario);
  } catch {
    return available;
  }
  for (const decision of ordered) {
    // Injects only ever "advance"; a chain longer than the node count means the records and the scenario disagree.
    for (let steps = 0; state.status === "running" && currentNode(scenario, state)?.type === "inject"; steps++) {
      if (steps > scenario.nodes.length) return available;
      const result = applyEvent(scenario, state, { type: "advance" });
      if (!result.ok) return available;
      state = result.state;
    }
    if (state.status !== "running" || state.nodeId !== decision.nodeId || (state.visits[state.nodeId] ?? 1) !== decision.visit) return available;
    available.set(decisionKey(decision), new Set(describeOptions(scenario, state).filter((o) => o.available).map((o) => o.id)));
    const result = applyEvent(scenario, state, decision.optionId === TIMEOUT_CHOICE ? { type: "timeout" } : { type: "choose", optionId: decision.optionId });
    if (!result.ok) return available;
    state = result.state;
  }
  return available;
}

/**
 * Fallback when replay is not possible: an option whose score exceeds the recorded best in some
 * capability cannot have been available, since the best is the maximum over available options.
 */
function withinBest(option: TOption, best: Readonly<Record<string, number>>): boolean {
  return Object.entries(option.score ?? {}).every(([capability, value]) => value <= (best[capability] ?? 0) + POINTS_EPSILON);
}

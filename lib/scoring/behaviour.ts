// How a team decided, beside what it decided: alignment of votes with the locked decisions,
// time from inject to lock, and participation. Pure functions over recorded rows.
import { TIMEOUT_CHOICE } from "@/lib/scenario";
import { decisionKey, type TRecordedDecision, type TRecordedResponse, type TRecordedVote } from "./records";

type LockedDecision = Pick<TRecordedDecision, "nodeId" | "visit" | "optionId">;
type TimedDecision = Pick<TRecordedDecision, "nodeId" | "visit" | "optionId" | "enteredAt" | "decidedAt">;
type Vote = Pick<TRecordedVote, "participantId" | "nodeId" | "visit" | "optionId">;
type Participation = Pick<TRecordedVote, "participantId">;

export interface DecisionAlignment {
  nodeId: string;
  visit: number;
  /** The locked option, or "@timeout". */
  optionId: string;
  votes: number;
  matching: number;
  /** matching ÷ votes, 0–1; null when nobody voted. */
  alignment: number | null;
}

export interface AlignmentReport {
  /** Every decision in the order given, including those without votes. */
  perDecision: DecisionAlignment[];
  /** Votes on recorded decisions, summed. */
  votes: number;
  matching: number;
  /** Share of all votes that matched their decision (vote-weighted); null when nobody voted. */
  overall: number | null;
  /** Votes on a node and visit that never locked (e.g. the session was aborted there); not counted. */
  unmatchedVotes: number;
}

/**
 * Alignment: the share of votes that match the decision that was locked. A timeout locks
 * "@timeout", which no vote names, so votes cast on a decision that timed out count as not
 * aligned. Overall alignment weighs every vote equally, not every decision.
 */
export function measureAlignment(decisions: readonly LockedDecision[], votes: readonly Vote[]): AlignmentReport {
  const byDecision = new Map<string, Vote[]>();
  for (const decision of decisions) byDecision.set(decisionKey(decision), []);
  let unmatchedVotes = 0;
  for (const vote of votes) {
    const bucket = byDecision.get(decisionKey(vote));
    if (bucket) bucket.push(vote);
    else unmatchedVotes++;
  }
  let total = 0;
  let totalMatching = 0;
  const perDecision = decisions.map((decision): DecisionAlignment => {
    const cast = byDecision.get(decisionKey(decision)) ?? [];
    const matching = cast.filter((vote) => vote.optionId === decision.optionId).length;
    total += cast.length;
    totalMatching += matching;
    return {
      nodeId: decision.nodeId,
      visit: decision.visit,
      optionId: decision.optionId,
      votes: cast.length,
      matching,
      alignment: cast.length ? matching / cast.length : null,
    };
  });
  return { perDecision, votes: total, matching: totalMatching, overall: total ? totalMatching / total : null, unmatchedVotes };
}

export interface DecisionTime {
  nodeId: string;
  visit: number;
  timedOut: boolean;
  /** decidedAt − enteredAt in ms; null when a timestamp is missing or unreadable, or lock precedes entry. */
  ms: number | null;
}

export interface DecisionTimeReport {
  perDecision: DecisionTime[];
  /** Decisions with a usable time. */
  counted: number;
  medianMs: number | null;
  meanMs: number | null;
}

/**
 * Decision time: from entering the decision (the inject is on screen) to the lock. Timeouts
 * count with the time they took, because running out the clock is part of how the team decides.
 */
export function measureDecisionTimes(decisions: readonly TimedDecision[]): DecisionTimeReport {
  const perDecision = decisions.map((decision): DecisionTime => {
    const ms = toMs(decision.decidedAt) - toMs(decision.enteredAt);
    return {
      nodeId: decision.nodeId,
      visit: decision.visit,
      timedOut: decision.optionId === TIMEOUT_CHOICE,
      ms: Number.isFinite(ms) && ms >= 0 ? ms : null,
    };
  });
  const times = perDecision.flatMap((d) => (d.ms === null ? [] : [d.ms]));
  return { perDecision, counted: times.length, medianMs: median(times), meanMs: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null };
}

export interface ParticipationReport {
  /** Distinct participants who voted or answered at least once. */
  participants: number;
  members: number;
  /** participants ÷ members, capped at 1; null when the team has no members. */
  rate: number | null;
}

/**
 * Participation: distinct people who voted on any decision or answered any question, divided
 * by the team's members. Capped at 1 because someone who voted and then left the team is no
 * longer among the members.
 */
export function measureParticipation(input: {
  memberCount: number;
  votes: readonly Participation[];
  responses?: readonly Pick<TRecordedResponse, "participantId">[];
}): ParticipationReport {
  const people = new Set([...input.votes, ...(input.responses ?? [])].map((row) => row.participantId));
  const members = Math.max(0, input.memberCount);
  return { participants: people.size, members, rate: members > 0 ? Math.min(1, people.size / members) : null };
}

export interface BehaviourReport {
  alignment: AlignmentReport;
  decisionTime: DecisionTimeReport;
  participation: ParticipationReport;
}

/** All three behaviour measures of one team. */
export function scoreBehaviour(input: {
  decisions: readonly TimedDecision[];
  votes: readonly Vote[];
  responses?: readonly Pick<TRecordedResponse, "participantId">[];
  memberCount: number;
}): BehaviourReport {
  return {
    alignment: measureAlignment(input.decisions, input.votes),
    decisionTime: measureDecisionTimes(input.decisions),
    participation: measureParticipation(input),
  };
}

function toMs(value: Date | string | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN;
  return (value instanceof Date ? value : new Date(value)).getTime();
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

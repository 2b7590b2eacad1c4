// The recorded data that scoring reads: decisions, votes and answers as the session service
// stores them. The zod schemas are for the boundary where rows come out of the database
// (Prisma returns the points columns as untyped JSON); the scoring functions trust the types.
import { z } from "zod";

/** Points per capability id, as stored in `decisions.points` and `decisions.best_points`. */
export const ZPoints = z.record(z.string(), z.number());
export type TPoints = z.infer<typeof ZPoints>;

const ZTimestamp = z.union([z.date(), z.string()]);

/** One locked decision of one team (model Decision). Extra columns are ignored. */
export const ZRecordedDecision = z.object({
  nodeId: z.string().min(1),
  /** 1 for the first time the team met this decision, 2 for the second (loops), … */
  visit: z.number().int().positive(),
  /** The option id, or "@timeout" when the decision resolved through its onTimeout. */
  optionId: z.string().min(1),
  /** majority | role | tie-break | override | facilitator | timeout | …-at-timeout */
  method: z.string().optional(),
  /** Points this choice earned, per capability (onTimeout's score for a timeout). */
  points: ZPoints,
  /** The most each capability could have earned at this decision, when it was met. */
  bestPoints: ZPoints,
  enteredAt: ZTimestamp,
  decidedAt: ZTimestamp,
});
export type TRecordedDecision = z.infer<typeof ZRecordedDecision>;

/** One participant's vote (model Vote). */
export const ZRecordedVote = z.object({
  participantId: z.string().min(1),
  nodeId: z.string().min(1),
  visit: z.number().int().positive(),
  optionId: z.string().min(1),
});
export type TRecordedVote = z.infer<typeof ZRecordedVote>;

/** One participant's answer to an inject question (model Response); only who answered matters here. */
export const ZRecordedResponse = z.object({
  participantId: z.string().min(1),
  nodeId: z.string().min(1),
  visit: z.number().int().positive(),
  questionId: z.string().min(1),
});
export type TRecordedResponse = z.infer<typeof ZRecordedResponse>;

/** Identifies one visit of one decision: loops make (nodeId, visit) the key, never nodeId alone. */
export function decisionKey(decision: { nodeId: string; visit: number }): string {
  return `${decision.nodeId}#${decision.visit}`;
}

/** Sums a points record; capabilities a record does not mention count as 0. */
export function totalPoints(points: Readonly<Record<string, number>> | undefined): number {
  let total = 0;
  for (const value of Object.values(points ?? {})) total += value;
  return total;
}

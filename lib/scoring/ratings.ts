// HSEEP ratings: a P/S/M/U rating proposed from a readiness percentage, and the facilitator's
// override with its rationale. A rating record always keeps the proposal beside the override.
import { z } from "zod";

export const HSEEP_RATINGS = ["P", "S", "M", "U"] as const;
export const ZHseepRating = z.enum(HSEEP_RATINGS, { error: 'a rating is one of "P", "S", "M" or "U"' });
export type THseepRating = z.infer<typeof ZHseepRating>;

/** The HSEEP wording of each rating, for reports and the AAR. */
export const HSEEP_RATING_LABELS: Readonly<Record<THseepRating, string>> = {
  P: "Performed without challenges",
  S: "Performed with some challenges",
  M: "Performed with major challenges",
  U: "Unable to be performed",
};

const ZThreshold = (rating: "P" | "S" | "M") =>
  z
    .number({ error: `the ${rating} threshold must be a number` })
    .min(0, { error: `the ${rating} threshold must be between 0 and 100` })
    .max(100, { error: `the ${rating} threshold must be between 0 and 100` });

/**
 * Lowest readiness % for P, S and M (inclusive); anything below M is U. Each band must be
 * reachable, so 100 ≥ P > S > M > 0. Parse with this schema: the brand means a threshold
 * object that reached proposeRating was validated.
 */
export const ZRatingThresholds = z
  .strictObject({ P: ZThreshold("P"), S: ZThreshold("S"), M: ZThreshold("M") })
  .superRefine((t, ctx) => {
    if (!(t.S < t.P)) ctx.addIssue({ code: "custom", path: ["S"], message: `the S threshold (${t.S}) must be below the P threshold (${t.P})` });
    if (!(t.M < t.S)) ctx.addIssue({ code: "custom", path: ["M"], message: `the M threshold (${t.M}) must be below the S threshold (${t.S})` });
    // Below 0 is already reported by the range check.
    if (t.M === 0) ctx.addIssue({ code: "custom", path: ["M"], message: "the M threshold must be above 0, or no score could ever be rated U" });
  })
  .brand<"RatingThresholds">();
export type TRatingThresholds = z.infer<typeof ZRatingThresholds>;

/** P ≥ 85, S ≥ 65, M ≥ 40, else U. Why these numbers: docs/scoring.md. */
export const DEFAULT_RATING_THRESHOLDS: TRatingThresholds = ZRatingThresholds.parse({ P: 85, S: 65, M: 40 });

/** The proposed rating for a readiness %; null when the capability was not assessed. */
export function proposeRating(percent: number | null, thresholds: TRatingThresholds = DEFAULT_RATING_THRESHOLDS): THseepRating | null {
  if (percent === null) return null;
  if (!Number.isFinite(percent)) throw new RangeError(`a readiness percentage must be a finite number, got ${percent}`);
  if (percent >= thresholds.P) return "P";
  if (percent >= thresholds.S) return "S";
  if (percent >= thresholds.M) return "M";
  return "U";
}

export const ZRatingOverride = z.strictObject({
  rating: ZHseepRating,
  rationale: z
    .string({ error: "an override needs a rationale" })
    .trim()
    .min(1, { error: "an override needs a rationale: say why the team's performance differs from the proposed rating" })
    .max(2000, { error: "keep the rationale under 2000 characters; put longer notes in the after-action report" }),
  /** Who overrode (a user id); the caller supplies it, this module has no session. */
  by: z.string().min(1).optional(),
  /** When (ISO 8601); the caller supplies it, this module has no clock. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type TRatingOverride = z.infer<typeof ZRatingOverride>;
export type TRatingOverrideInput = z.input<typeof ZRatingOverride>;

export interface RatingRecord {
  /** The readiness % the proposal came from; null when not assessed. */
  percent: number | null;
  /** The thresholds used, so the proposal can be explained later even if defaults change. */
  thresholds: TRatingThresholds;
  proposed: THseepRating | null;
  /** The facilitator's rating and why; null until someone overrides. */
  override: TRatingOverride | null;
}

/** Thrown by applyOverride for an override without a valid rating or rationale. */
export class RatingOverrideError extends Error {
  constructor(
    message: string,
    /** The offending field, e.g. "rationale". */
    readonly field: string,
  ) {
    super(message);
    this.name = "RatingOverrideError";
  }
}

/** A fresh record: the proposal for `percent`, no override. */
export function rateReadiness(percent: number | null, thresholds: TRatingThresholds = DEFAULT_RATING_THRESHOLDS): RatingRecord {
  return { percent, thresholds, proposed: proposeRating(percent, thresholds), override: null };
}

/**
 * Records a facilitator override. Returns a new record; the proposal, percent and thresholds
 * are untouched, and a later override replaces an earlier one. A capability that was not
 * assessed may still be rated by observation. Throws RatingOverrideError without a rationale.
 */
export function applyOverride(record: RatingRecord, override: TRatingOverrideInput): RatingRecord {
  const parsed = ZRatingOverride.safeParse(override);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RatingOverrideError(issue.message, issue.path.map(String).join(".") || "override");
  }
  return { ...record, override: parsed.data };
}

/** Withdraws the override; the proposal stands again. */
export function clearOverride(record: RatingRecord): RatingRecord {
  return { ...record, override: null };
}

/** The rating that counts: the override when there is one, otherwise the proposal. */
export function finalRating(record: RatingRecord): THseepRating | null {
  return record.override?.rating ?? record.proposed;
}

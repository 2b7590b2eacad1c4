// Calibration: does a person's confidence match how often they pick the best option? The Brier
// score of the stated confidence against "the choice was a best available option", per person
// and pooled over people; and the wrong choices ranked as training gaps, confidently wrong
// first. "Best" is the training-gap analysis' own (lib/scoring/gaps.ts). Rules: docs/scoring.md.
import { TIMEOUT_CHOICE } from "@/lib/scenario";
import { CONFIDENCE_MAX, CONFIDENCE_MIN } from "./drill-path";
import type { DecisionReview } from "./gaps";
import { decisionKey } from "./records";

/**
 * Confidence 1–5 as the probability that the choice is a best option: c ÷ 5, so 1 → 0.2, 2 → 0.4,
 * 3 → 0.6, 4 → 0.8, 5 → 1.0. A "1" means "I am guessing", and a guess among the 3–5 options of
 * a typical decision is right 0.2–0.33 of the time; "5" means "certain". Why not 0.5–1.0:
 * docs/scoring.md ("Calibration and confidence").
 */
export function confidenceProbability(confidence: number): number {
  if (!Number.isInteger(confidence) || confidence < CONFIDENCE_MIN || confidence > CONFIDENCE_MAX) {
    throw new RangeError(`confidence must be a whole number from ${CONFIDENCE_MIN} to ${CONFIDENCE_MAX}, got ${confidence}`);
  }
  return confidence / CONFIDENCE_MAX;
}

/** Confidence at or above this on a choice that was not best is "confidently wrong". */
export const CONFIDENTLY_WRONG_MIN = 4;
/** Confidence at or below this on a wrong choice is "unsure". */
export const UNSURE_MAX = 2;

/** How sure a wrong choice was; the order is the training priority. */
export const WRONG_TIERS = ["confidently-wrong", "hesitant", "unsure"] as const;
export type WrongTier = (typeof WRONG_TIERS)[number];

export interface CalibratedDecision {
  nodeId: string;
  visit: number;
  optionId: string;
  confidence: number;
  /** confidenceProbability(confidence). */
  probability: number;
  /** The choice was one of the best available options (it lost no points). */
  best: boolean;
  /** Points lost vs the best option (DecisionReview.lost). */
  lost: number;
  /** (probability − outcome)², the decision's share of the Brier score. */
  squaredError: number;
  /** How sure a wrong choice was; null for a best choice. */
  tier: WrongTier | null;
}

export interface ConfidenceLevel {
  confidence: number;
  probability: number;
  /** Decisions answered at this confidence. */
  rated: number;
  /** Of which the choice was best. */
  best: number;
}

export interface CalibrationSummary {
  /** People with at least one rated decision (1 for one person's summary, 0 when nothing was rated). */
  people: number;
  /** Decisions with a confidence (timeouts have none). */
  rated: number;
  best: number;
  /** Mean squared error of probability vs outcome, 0 (perfect) to 1; null when nothing was rated. */
  brier: number | null;
  /** Mean stated probability; null when nothing was rated. */
  meanProbability: number | null;
  /** Share of rated choices that were best; null when nothing was rated. */
  accuracy: number | null;
  /** meanProbability − accuracy: above 0 overconfident, below 0 underconfident. */
  overconfidence: number | null;
  confidentlyWrong: number;
  /** The reliability table: one row per confidence level, 1 to 5. */
  levels: ConfidenceLevel[];
}

type ConfidentChoice = { nodeId: string; visit: number; optionId: string; confidence: number | null };

/**
 * Joins a person's choices with the gap analysis of the same decisions (analyseTrainingGaps'
 * `decisions`). Timeouts and choices without a review (skipped records) are left out: nothing
 * was chosen, or the scenario could not say what was best.
 */
export function calibrateDecisions(choices: readonly ConfidentChoice[], reviews: readonly DecisionReview[]): CalibratedDecision[] {
  const byKey = new Map(reviews.map((review) => [decisionKey(review), review]));
  const calibrated: CalibratedDecision[] = [];
  for (const choice of choices) {
    const review = byKey.get(decisionKey(choice));
    if (choice.optionId === TIMEOUT_CHOICE || choice.confidence === null || !review || review.optionId !== choice.optionId) continue;
    const probability = confidenceProbability(choice.confidence);
    const best = review.lost === 0;
    calibrated.push({
      nodeId: choice.nodeId,
      visit: choice.visit,
      optionId: choice.optionId,
      confidence: choice.confidence,
      probability,
      best,
      lost: review.lost,
      squaredError: (probability - (best ? 1 : 0)) ** 2,
      tier: best ? null : tierOf(choice.confidence),
    });
  }
  return calibrated;
}

function tierOf(confidence: number): WrongTier {
  if (confidence >= CONFIDENTLY_WRONG_MIN) return "confidently-wrong";
  if (confidence <= UNSURE_MAX) return "unsure";
  return "hesitant";
}

/** One person's calibration: the Brier score over their rated decisions, and the reliability table. */
export function summariseCalibration(decisions: readonly CalibratedDecision[]): CalibrationSummary {
  const rated = decisions.length;
  const best = decisions.filter((d) => d.best).length;
  const mean = (values: number[]) => (rated ? values.reduce((a, b) => a + b, 0) / rated : null);
  const brier = mean(decisions.map((d) => d.squaredError));
  const meanProbability = mean(decisions.map((d) => d.probability));
  const accuracy = rated ? best / rated : null;
  return {
    people: rated ? 1 : 0,
    rated,
    best,
    brier,
    meanProbability,
    accuracy,
    overconfidence: meanProbability === null || accuracy === null ? null : meanProbability - accuracy,
    confidentlyWrong: decisions.filter((d) => d.tier === "confidently-wrong").length,
    levels: levelsOf(decisions.map((d) => ({ confidence: d.confidence, rated: 1, best: d.best ? 1 : 0 }))),
  };
}

/**
 * A group's calibration from its people's summaries. Each person counts once: the Brier score,
 * mean probability, accuracy and overconfidence are means of the people's own, so one person
 * on a long path does not outweigh the rest. Counts and the reliability table are summed.
 */
export function poolCalibration(people: readonly CalibrationSummary[]): CalibrationSummary {
  const rated = people.filter((p) => p.rated > 0);
  const mean = (pick: (p: CalibrationSummary) => number | null) =>
    rated.length ? rated.reduce((sum, p) => sum + (pick(p) ?? 0), 0) / rated.length : null;
  return {
    people: rated.length,
    rated: sum(rated, (p) => p.rated),
    best: sum(rated, (p) => p.best),
    brier: mean((p) => p.brier),
    meanProbability: mean((p) => p.meanProbability),
    accuracy: mean((p) => p.accuracy),
    overconfidence: mean((p) => p.overconfidence),
    confidentlyWrong: sum(rated, (p) => p.confidentlyWrong),
    levels: levelsOf(rated.flatMap((p) => p.levels)),
  };
}

/**
 * The wrong choices as training gaps, most urgent first: confidently wrong, then hesitant,
 * then unsure (someone who knew they were guessing has less to unlearn than someone who was
 * sure); within a tier, most points lost, then highest confidence, then the order given.
 */
export function rankWrongDecisions(decisions: readonly CalibratedDecision[]): CalibratedDecision[] {
  return decisions
    .map((decision, index) => ({ decision, index }))
    .filter(({ decision }) => decision.tier !== null)
    .sort(
      (a, b) =>
        WRONG_TIERS.indexOf(a.decision.tier!) - WRONG_TIERS.indexOf(b.decision.tier!) ||
        b.decision.lost - a.decision.lost ||
        b.decision.confidence - a.decision.confidence ||
        a.index - b.index,
    )
    .map(({ decision }) => decision);
}

function levelsOf(rows: ReadonlyArray<{ confidence: number; rated: number; best: number }>): ConfidenceLevel[] {
  const levels: ConfidenceLevel[] = [];
  for (let confidence = CONFIDENCE_MIN; confidence <= CONFIDENCE_MAX; confidence++) {
    const at = rows.filter((row) => row.confidence === confidence);
    levels.push({ confidence, probability: confidenceProbability(confidence), rated: sum(at, (r) => r.rated), best: sum(at, (r) => r.best) });
  }
  return levels;
}

function sum<T>(rows: readonly T[], pick: (row: T) => number): number {
  return rows.reduce((total, row) => total + pick(row), 0);
}

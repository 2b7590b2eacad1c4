// Readiness per team: for each capability, the share of the best available points that the
// team earned on the decisions it actually met; objectives roll up from their capabilities.
// Pure: reads recorded decisions and the scenario document, nothing else. Rules: docs/scoring.md.
import type { TScenario } from "@/lib/scenario";
import type { TRecordedDecision } from "./records";

/** Sums of fractional points may be off by rounding noise; differences below this are equal. */
export const POINTS_EPSILON = 1e-9;

/**
 * How a capability's percentage was reached:
 * - "ratio": best > 0, percent = earned ÷ best, clamped to 0–100;
 * - "penalty-only": the decisions met offered no positive points in this capability (best ≤ 0),
 *   so percent is 100 when the team avoided every avoidable loss and 0 otherwise;
 * - "not-assessed": no decision the team met scored this capability; percent is null.
 */
export type ReadinessBasis = "ratio" | "penalty-only" | "not-assessed";

export interface CapabilityReadiness {
  capabilityId: string;
  /** The scenario's name for it; the id for a capability the scenario does not declare. */
  name: string;
  /** Raw points earned, summed over the decisions met; may be negative. */
  earned: number;
  /** Raw best points available on those same decisions. */
  best: number;
  /** How many decision visits scored this capability. */
  decisions: number;
  /** 0–100, or null when not assessed. Not rounded: rounding is for display. */
  percent: number | null;
  basis: ReadinessBasis;
}

export interface ObjectiveReadiness {
  objectiveId: string;
  text: string;
  capabilityIds: string[];
  /** Capabilities of this objective that have a percentage, in the objective's order. */
  assessed: string[];
  /** Capabilities of this objective that the team's decisions never scored. */
  notAssessed: string[];
  /** Unweighted mean of the assessed capabilities' percentages; null when none is assessed. */
  percent: number | null;
}

export interface ReadinessReport {
  /** Decision visits scored (each visit of a looped decision counts). */
  decisionsMet: number;
  /** Every capability of the scenario in its order, then any other capability found in the records. */
  capabilities: CapabilityReadiness[];
  objectives: ObjectiveReadiness[];
}

type ScoredDecision = Pick<TRecordedDecision, "points" | "bestPoints">;

/**
 * Readiness % from raw sums. null when nothing was assessed (decisions = 0); see
 * ReadinessBasis for best ≤ 0. Negative earnings clamp to 0 and impossible earnings above
 * the best clamp to 100, while the raw sums stay in the report.
 */
export function readinessPercent(earned: number, best: number, decisions: number): { percent: number | null; basis: ReadinessBasis } {
  if (decisions <= 0) return { percent: null, basis: "not-assessed" };
  if (best <= POINTS_EPSILON) return { percent: earned >= best - POINTS_EPSILON ? 100 : 0, basis: "penalty-only" };
  // 100 × earned ÷ best (not earned ÷ best × 100) keeps integer inputs exact, e.g. 17 of 20 is 85.
  return { percent: clamp((100 * earned) / best, 0, 100), basis: "ratio" };
}

/** Readiness of one team from the decisions it met (each recorded visit once, in any order). */
export function scoreReadiness(
  scenario: Pick<TScenario, "capabilities" | "objectives">,
  decisions: readonly ScoredDecision[],
): ReadinessReport {
  const sums = new Map<string, { earned: number; best: number; decisions: number }>();
  for (const capability of scenario.capabilities) sums.set(capability.id, { earned: 0, best: 0, decisions: 0 });

  for (const decision of decisions) {
    // A decision assesses every capability that any of its choices scores: the engine's
    // bestPoints lists them all (0 when only penalties were possible). `points` is merged in
    // for records whose best misses a key, so no earned point is ever dropped.
    const assessed = new Set([...Object.keys(decision.bestPoints), ...Object.keys(decision.points)]);
    for (const capabilityId of assessed) {
      let sum = sums.get(capabilityId);
      if (!sum) sums.set(capabilityId, (sum = { earned: 0, best: 0, decisions: 0 }));
      sum.earned += decision.points[capabilityId] ?? 0;
      sum.best += decision.bestPoints[capabilityId] ?? 0;
      sum.decisions += 1;
    }
  }

  const names = new Map(scenario.capabilities.map((c) => [c.id, c.name]));
  const declared = scenario.capabilities.map((c) => c.id);
  const undeclared = [...sums.keys()].filter((id) => !names.has(id)).sort();
  const capabilities = [...declared, ...undeclared].map((capabilityId): CapabilityReadiness => {
    const sum = sums.get(capabilityId)!;
    return {
      capabilityId,
      name: names.get(capabilityId) ?? capabilityId,
      earned: sum.earned,
      best: sum.best,
      decisions: sum.decisions,
      ...readinessPercent(sum.earned, sum.best, sum.decisions),
    };
  });

  const byId = new Map(capabilities.map((c) => [c.capabilityId, c]));
  const objectives = scenario.objectives.map((objective): ObjectiveReadiness => {
    const capabilityIds = [...new Set(objective.capabilities)];
    const assessed = capabilityIds.filter((id) => byId.get(id)?.percent != null);
    const percents = assessed.map((id) => byId.get(id)!.percent!);
    return {
      objectiveId: objective.id,
      text: objective.text,
      capabilityIds,
      assessed,
      notAssessed: capabilityIds.filter((id) => !assessed.includes(id)),
      percent: percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : null,
    };
  });

  return { decisionsMet: decisions.length, capabilities, objectives };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// The pooled view: when teams are withheld as small groups, readiness of all teams together,
// for the after-action report (the teams of one session) and the dashboard (the organisation
// teams of the filtered sessions). Whether a pooled figure may be shown is decided by
// lib/privacy/pooling.ts, per figure, over the teams that contributed to it: never when the
// pool minus the shown teams would leave a group below k. Pure.
import { proposeRating, readinessPercent, type ReadinessBasis, type THseepRating, type TRatingThresholds } from "@/lib/scoring";
import { decidePool, type PoolDecision, type PoolMember } from "@/lib/privacy/pooling";

/** One team's sums for one capability, and whether the team (or that figure) is withheld. */
export type PoolInput = { withheld: boolean; respondents: number; earned: number; best: number; decisions: number };

export type PooledFigure =
  | { shown: true; percent: number | null; basis: ReadinessBasis; rating: THseepRating | null; teams: number }
  | { shown: false; decision: Extract<PoolDecision, { offered: false }> };

export type PooledCapability = { id: string; name: string; figure: PooledFigure };

export type PooledView = {
  /** The pool of every team that took part: offered, or why not. */
  decision: PoolDecision;
  overall: PooledFigure | null;
  /** Per capability, only when the pool is offered. */
  capabilities: PooledCapability[];
};

/**
 * One pooled figure over the teams that contributed to it (decisions > 0). Shown when the
 * withheld contributors together reach k, or when none of them contributed (the figure is then
 * the shown teams' own sums and reveals nothing new).
 */
export function poolFigure(inputs: readonly PoolInput[], minGroupSize: number, thresholds?: TRatingThresholds): PooledFigure {
  const contributors = inputs.filter((i) => i.decisions > 0);
  const decision = decidePool(contributors, minGroupSize);
  if (!decision.offered && decision.reason !== "nothing-withheld") return { shown: false, decision };
  const sum = (key: "earned" | "best" | "decisions") => contributors.reduce((s, i) => s + i[key], 0);
  const { percent, basis } = readinessPercent(sum("earned"), sum("best"), sum("decisions"));
  return { shown: true, percent, basis, rating: proposeRating(percent, thresholds), teams: contributors.length };
}

/**
 * The pooled view, or null when no team is withheld. `teams` are every team with its
 * respondents and withheld flag; `cells` each team's sums per capability (a withheld cell in a
 * shown row counts as withheld for that capability).
 */
export function pooledView(
  teams: ReadonlyArray<PoolMember & { id: string; decisions: number }>,
  cells: ReadonlyArray<PoolInput & { teamId: string; capabilityId: string }>,
  capabilities: ReadonlyArray<{ id: string; name: string }>,
  minGroupSize: number,
  thresholds?: TRatingThresholds,
): PooledView | null {
  const contributing = teams.filter((t) => t.decisions > 0);
  if (!contributing.some((t) => t.withheld)) return null;
  const decision = decidePool(contributing, minGroupSize);
  if (!decision.offered) return { decision, overall: null, capabilities: [] };
  const withheldTeam = new Set(contributing.filter((t) => t.withheld).map((t) => t.id));
  const teamRespondents = new Map(teams.map((t) => [t.id, t.respondents]));
  const of = (list: typeof cells) => list.map((c) => ({ ...c, withheld: c.withheld || withheldTeam.has(c.teamId) }));
  // The overall figure sums every capability, so its contributors are whole teams. A shown
  // team with a withheld cell is withheld for it, by that cell's people (the most of its
  // withheld cells: they are the same team's people), since subtracting its shown cells leaves them.
  const overallInputs = contributing.map((t) => {
    const own = cells.filter((c) => c.teamId === t.id);
    const hiddenCells = own.filter((c) => c.withheld);
    const withheld = t.withheld || hiddenCells.length > 0;
    const respondents = t.withheld ? (teamRespondents.get(t.id) ?? 0) : hiddenCells.length ? Math.max(...hiddenCells.map((c) => c.respondents)) : (teamRespondents.get(t.id) ?? 0);
    return { withheld, respondents, earned: own.reduce((s, c) => s + c.earned, 0), best: own.reduce((s, c) => s + c.best, 0), decisions: own.reduce((s, c) => s + c.decisions, 0) };
  });
  return {
    decision,
    overall: poolFigure(overallInputs, minGroupSize, thresholds),
    capabilities: capabilities
      .map((cap) => ({ id: cap.id, name: cap.name, figure: poolFigure(of(cells.filter((c) => c.capabilityId === cap.id)), minGroupSize, thresholds) }))
      .filter((c) => !c.figure.shown || c.figure.teams > 0),
  };
}

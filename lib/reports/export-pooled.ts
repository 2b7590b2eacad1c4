// The pooled view (lib/reports/pooled.ts) as export rows, after the teams' own rows: one row for
// all teams together overall and one per capability, in the reader's language. A pooled figure
// the rule withholds (docs/privacy.md, "Pooled view of small teams") is a row with the reason
// "pool-below-k" and no figures; a pool not offered at all is one overall row saying so. No
// rows when no team is withheld (there is then nothing to pool).
import type { PooledFigure, PooledView } from "./pooled";
import type { ResultRow } from "./export";

/** The words a pooled row carries: the pool's name in the team column and the overall row's capability. */
export type PooledLabels = { team: string; overall: string };

/** The capability id of the pooled overall row. */
export const POOLED_OVERALL = "overall";

const NO_FIGURES = { earned: null, best: null, decisions: null, percent: null, proposed: null, rating: null, overridden: false };

function row(labels: PooledLabels, capabilityId: string, capability: string, sessions: number, figure: PooledFigure | { shown: false; reason: string }): ResultRow {
  const base = { teamId: null, team: labels.team, capabilityId, capability, sessions, respondents: null };
  if (!figure.shown) return { ...base, ...NO_FIGURES, suppressed: true, reason: "reason" in figure ? figure.reason : "pool-below-k" };
  return { ...base, ...NO_FIGURES, suppressed: false, reason: null, percent: figure.percent, proposed: figure.rating, rating: figure.rating };
}

export function pooledRows(pooled: PooledView | null, labels: PooledLabels, sessions: number): ResultRow[] {
  if (!pooled) return [];
  if (!pooled.decision.offered) return [row(labels, POOLED_OVERALL, labels.overall, sessions, { shown: false, reason: `pool-${pooled.decision.reason}` })];
  return [
    ...(pooled.overall ? [row(labels, POOLED_OVERALL, labels.overall, sessions, pooled.overall)] : []),
    ...pooled.capabilities.map((c) => row(labels, c.id, c.name, sessions, c.figure)),
  ];
}

// The manager dashboard's figures: readiness per organisation team × capability (heat-map),
// readiness over time (trends), and the sessions behind one heat-map cell (drill-down).
// Sums and counts are done in SQL over session_team_scores (decision_scores summed per team
// session by a trigger); the percentage and rating of each
// aggregated row come from lib/scoring, so the definitions cannot drift apart.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { proposeRating, readinessPercent, DEFAULT_RATING_THRESHOLDS, type ReadinessBasis, type THseepRating } from "@/lib/scoring";
import { isSmallGroup, suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { scopedTeams, sessionConditions } from "./sql";
import { OVER_STATUSES } from "@/lib/session/lifecycle";
import { pooledView, type PooledView } from "./pooled";
import { rollupCells, rollupTeams, rollupTrendRows, rowSource, type CellRow, type RowSource, type TeamRow, type TrendRow } from "./rollup";

type Db = Pick<PrismaClient, "$queryRaw">;

export type Figures = {
  earned: number;
  best: number;
  /** Decision visits that assessed the capability. */
  decisions: number;
  percent: number | null;
  basis: ReadinessBasis;
  proposed: THseepRating | null;
};

export type HeatCell = Figures & {
  sessions: number;
  /** The facilitator's rating when the cell is one session whose rating was overridden. */
  override: { rating: string; proposed: string | null } | null;
  /** Session ratings overridden in this cell (shown per session in the drill-down). */
  overrides: number;
};

export type HeatRow = {
  teamId: string;
  name: string;
  sessions: number;
  decisions: number;
  /** The most people who voted on any one decision of the team: a floor for how many took part. */
  respondents: number;
  /** The row as a whole; hidden when fewer than k people responded. */
  row: Suppressible<{ cells: Record<string, Suppressible<HeatCell>> }>;
};

export type Capability = { id: string; name: string };

export type HeatMap = {
  capabilities: Capability[];
  teams: HeatRow[];
  minGroupSize: number;
  /** All teams together when some rows or cells are withheld (lib/reports/pooled.ts); null when none is. */
  pooled: PooledView | null;
};

export function figures(earned: number, best: number, decisions: number): Figures {
  const { percent, basis } = readinessPercent(earned, best, decisions);
  return { earned, best, decisions, percent, basis, proposed: proposeRating(percent, DEFAULT_RATING_THRESHOLDS) };
}

/** Capability names from the scenarios the covered sessions ran, in their declared order. */
export async function capabilityNames(db: Db, scope: ReportScope, filters: TReportFilters, ids: Iterable<string>): Promise<Capability[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  // Only the scenarios the shown teams ran name and order the columns: another team's newer
  // scenario that declares the same capability id in another place must not reorder them.
  const teamFilter = filters.team.length
    ? Prisma.sql`and exists (select 1 from session_teams st where st.session_id = s.id and st.team_id in (${Prisma.join(filters.team)}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ id: string; name: string; ord: number }>>`
    with used as (
      select sc0.id as scenario_id from scenarios sc0
      where exists (select 1 from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
        where s.scenario_id = sc0.id and ${sessionConditions(scope, filters, OVER_STATUSES)} ${teamFilter})
    )
    select distinct on (c.value->>'id') c.value->>'id' as id, c.value->>'name' as name, c.ord::int as ord
    from used join scenarios sc on sc.id = used.scenario_id
    cross join lateral jsonb_array_elements(case when jsonb_typeof(sc.document->'capabilities') = 'array' then sc.document->'capabilities' else '[]'::jsonb end) with ordinality as c(value, ord)
    where c.value->>'id' in (${Prisma.join(wanted)})
    order by c.value->>'id', sc.created_at desc`;
  const named = new Map(rows.map((r) => [r.id, r]));
  return wanted
    .map((id) => ({ id, name: named.get(id)?.name ?? id, ord: named.get(id)?.ord ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.ord - b.ord || a.id.localeCompare(b.id))
    .map(({ id, name }) => ({ id, name }));
}

/** `source` forces where the sums come from (the rollup test compares both); by default the rollup when the scope allows. */
export type SourceOption = { source?: RowSource };

type OverrideRow = { teamId: string; capabilityId: string; overrides: number; rating: string; proposed: string | null };

/** The heat-map's raw sums, one row per team × capability (exported as is, before suppression). */
export async function heatMapCells(db: Db, scope: ReportScope, filters: TReportFilters, opts: SourceOption = {}): Promise<CellRow[]> {
  if (rowSource(scope, opts.source, filters) === "rollup") return rollupCells(db, filters);
  return db.$queryRaw<CellRow[]>`
    with ${scopedTeams(scope, filters)}
    select scoped.team_id as "teamId", ts.capability_id as "capabilityId",
      sum(ts.earned)::float8 as earned, sum(ts.best)::float8 as best, sum(ts.decisions)::int as decisions,
      count(distinct scoped.session_id)::int as sessions, max(ts.respondents)::int as respondents
    from scoped join session_team_scores ts on ts.session_team_id = scoped.session_team_id
    group by scoped.team_id, ts.capability_id`;
}

/** Teams in the covered sessions, including those that never reached or never voted on a decision. */
export async function heatMapTeams(db: Db, scope: ReportScope, filters: TReportFilters, opts: SourceOption = {}): Promise<TeamRow[]> {
  if (rowSource(scope, opts.source, filters) === "rollup") return rollupTeams(db, filters);
  return db.$queryRaw<TeamRow[]>`
    with ${scopedTeams(scope, filters)}
    select t.id as "teamId", t.name, count(distinct scoped.session_id)::int as sessions,
      coalesce(sum(tt.decisions), 0)::int as decisions, coalesce(max(tt.respondents), 0)::int as respondents
    from scoped join teams t on t.id = scoped.team_id
    left join session_team_totals tt on tt.session_team_id = scoped.session_team_id
    group by t.id, t.name
    order by t.name`;
}

export async function heatMap(db: Db, scope: ReportScope, filters: TReportFilters, minGroupSize: number, opts: SourceOption = {}): Promise<HeatMap> {
  const teamCondition = filters.team.length ? Prisma.sql`and st.team_id in (${Prisma.join(filters.team)})` : Prisma.empty;
  const [cells, teams, overrides] = await Promise.all([
    heatMapCells(db, scope, filters, opts),
    heatMapTeams(db, scope, filters, opts),
    // Driven from the few overrides rather than from every covered team session.
    db.$queryRaw<OverrideRow[]>`
      select st.team_id as "teamId", ro.capability_id as "capabilityId", count(*)::int as overrides,
        max(ro.rating) as rating, max(ro.proposed) as proposed
      from rating_overrides ro
      join session_teams st on st.id = ro.session_team_id
      join exercise_sessions s on s.id = st.session_id
      join scenarios sc on sc.id = s.scenario_id
      where st.team_id is not null ${teamCondition} and ${sessionConditions(scope, filters)}
      group by st.team_id, ro.capability_id`,
  ]);
  const overrideOf = new Map(overrides.map((o) => [`${o.teamId}\u0000${o.capabilityId}`, o]));
  const byTeam = new Map<string, CellRow[]>();
  for (const c of cells) byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c]);
  const rows: HeatRow[] = teams.map((t) => {
    const cellMap: Record<string, Suppressible<HeatCell>> = {};
    for (const c of byTeam.get(t.teamId) ?? []) {
      const o = overrideOf.get(`${c.teamId}\u0000${c.capabilityId}`);
      const cell: HeatCell = {
        ...figures(c.earned, c.best, c.decisions),
        sessions: c.sessions,
        override: o && c.sessions === 1 && o.overrides === 1 ? { rating: o.rating, proposed: o.proposed } : null,
        overrides: o?.overrides ?? 0,
      };
      cellMap[c.capabilityId] = suppressSmallGroup(c.respondents, minGroupSize, cell);
    }
    return { ...t, row: suppressSmallGroup(t.respondents, minGroupSize, { cells: cellMap }) };
  });
  const capabilities = await capabilityNames(db, scope, filters, cells.map((c) => c.capabilityId));
  const withheldRow = new Set(rows.filter((r) => r.row.suppressed).map((r) => r.teamId));
  const pooled = pooledView(
    teams.map((t) => ({ id: t.teamId, withheld: withheldRow.has(t.teamId), respondents: t.respondents, decisions: t.decisions })),
    cells.map((c) => ({ ...c, withheld: withheldRow.has(c.teamId) || isSmallGroup(c.respondents, minGroupSize) })),
    capabilities,
    minGroupSize,
  );
  return { capabilities, teams: rows, minGroupSize, pooled };
}

// ------------------------------------------------------------------ trends

export type TrendPoint = { bucket: string; percent: number | null; suppressed: boolean; respondents: number };
export type TrendSeries = { id: string; name: string; points: TrendPoint[] };
export type Trends = { bucket: "week" | "month"; buckets: string[]; teams: TrendSeries[]; capabilities: TrendSeries[]; minGroupSize: number };

export async function trendRows(db: Db, scope: ReportScope, filters: TReportFilters, opts: SourceOption = {}): Promise<TrendRow[]> {
  if (rowSource(scope, opts.source, filters) === "rollup") return rollupTrendRows(db, filters);
  return db.$queryRaw<TrendRow[]>`
    with ${scopedTeams(scope, filters)}
    select date_trunc(${filters.bucket}::text, scoped.at) as bucket, scoped.team_id as "teamId", ts.capability_id as "capabilityId",
      sum(ts.earned)::float8 as earned, sum(ts.best)::float8 as best, sum(ts.decisions)::int as decisions, max(ts.respondents)::int as respondents
    from scoped join session_team_scores ts on ts.session_team_id = scoped.session_team_id
    group by 1, 2, 3
    order by 1, 2, 3`;
}

/**
 * Per team: the mean of its capability percentages in each period (the same roll-up as an
 * objective). Per capability: the pooled percentage of all filtered teams in each period.
 * A period whose group had fewer than k respondents is a gap in the line.
 */
export async function trends(db: Db, scope: ReportScope, filters: TReportFilters, minGroupSize: number, opts: SourceOption = {}): Promise<Trends> {
  const [rows, teams] = await Promise.all([trendRows(db, scope, filters, opts), heatMapTeams(db, scope, filters, opts)]);
  const buckets = [...new Set(rows.map((r) => r.bucket.toISOString()))].sort();
  const teamName = new Map(teams.map((t) => [t.teamId, t.name]));

  const teamSeries = new Map<string, Map<string, { percents: number[]; respondents: number }>>();
  const capSeries = new Map<string, Map<string, { earned: number; best: number; decisions: number; respondents: number }>>();
  for (const r of rows) {
    const b = r.bucket.toISOString();
    const t = teamSeries.get(r.teamId) ?? new Map();
    teamSeries.set(r.teamId, t);
    const tp = t.get(b) ?? { percents: [], respondents: 0 };
    t.set(b, tp);
    const p = figures(r.earned, r.best, r.decisions).percent;
    if (p !== null) tp.percents.push(p);
    tp.respondents = Math.max(tp.respondents, r.respondents);

    const c = capSeries.get(r.capabilityId) ?? new Map();
    capSeries.set(r.capabilityId, c);
    const cp = c.get(b) ?? { earned: 0, best: 0, decisions: 0, respondents: 0 };
    c.set(b, cp);
    cp.earned += r.earned;
    cp.best += r.best;
    cp.decisions += r.decisions;
    cp.respondents = Math.max(cp.respondents, r.respondents);
  }
  const point = (bucket: string, percent: number | null, respondents: number): TrendPoint => {
    const suppressed = respondents < minGroupSize;
    return { bucket, percent: suppressed ? null : percent, suppressed, respondents };
  };
  const capabilities = await capabilityNames(db, scope, filters, capSeries.keys());
  return {
    bucket: filters.bucket,
    buckets,
    minGroupSize,
    teams: [...teamSeries.entries()]
      .map(([id, m]) => ({
        id,
        name: teamName.get(id) ?? id,
        points: [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([b, v]) => point(b, v.percents.length ? v.percents.reduce((x, y) => x + y, 0) / v.percents.length : null, v.respondents)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    capabilities: capabilities.map((cap) => ({
      id: cap.id,
      name: cap.name,
      points: [...capSeries.get(cap.id)!.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([b, v]) => point(b, figures(v.earned, v.best, v.decisions).percent, v.respondents)),
    })),
  };
}

// The manager dashboard's figures: readiness per organisation team × capability (heat-map),
// readiness over time (trends), and the sessions behind one heat-map cell (drill-down).
// Sums and counts are done in SQL over session_team_scores (decision_scores summed per team
// session by a trigger); the percentage and rating of each
// aggregated row come from lib/scoring, so the definitions cannot drift apart.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { proposeRating, readinessPercent, DEFAULT_RATING_THRESHOLDS, type ReadinessBasis, type THseepRating } from "@/lib/scoring";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { scopedTeams, sessionConditions } from "./sql";
import { OVER_STATUSES } from "@/lib/session/lifecycle";

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

export type HeatMap = { capabilities: Capability[]; teams: HeatRow[]; minGroupSize: number };

export function figures(earned: number, best: number, decisions: number): Figures {
  const { percent, basis } = readinessPercent(earned, best, decisions);
  return { earned, best, decisions, percent, basis, proposed: proposeRating(percent, DEFAULT_RATING_THRESHOLDS) };
}

/** Capability names from the scenarios the covered sessions ran, in their declared order. */
export async function capabilityNames(db: Db, scope: ReportScope, filters: TReportFilters, ids: Iterable<string>): Promise<Capability[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const rows = await db.$queryRaw<Array<{ id: string; name: string; ord: number }>>`
    with used as (
      select distinct s.scenario_id from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
      where ${sessionConditions(scope, filters, OVER_STATUSES)}
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

type CellRow = { teamId: string; capabilityId: string; earned: number; best: number; decisions: number; sessions: number; respondents: number };
type TeamRow = { teamId: string; name: string; sessions: number; decisions: number; respondents: number };
type OverrideRow = { teamId: string; capabilityId: string; overrides: number; rating: string; proposed: string | null };

/** The heat-map's raw sums, one row per team × capability (exported as is, before suppression). */
export async function heatMapCells(db: Db, scope: ReportScope, filters: TReportFilters): Promise<CellRow[]> {
  return db.$queryRaw<CellRow[]>`
    with ${scopedTeams(scope, filters)}
    select scoped.team_id as "teamId", ts.capability_id as "capabilityId",
      sum(ts.earned)::float8 as earned, sum(ts.best)::float8 as best, sum(ts.decisions)::int as decisions,
      count(distinct scoped.session_id)::int as sessions, max(ts.respondents)::int as respondents
    from scoped join session_team_scores ts on ts.session_team_id = scoped.session_team_id
    group by scoped.team_id, ts.capability_id`;
}

/** Teams in the covered sessions, including those that never reached or never voted on a decision. */
export async function heatMapTeams(db: Db, scope: ReportScope, filters: TReportFilters): Promise<TeamRow[]> {
  return db.$queryRaw<TeamRow[]>`
    with ${scopedTeams(scope, filters)}
    select t.id as "teamId", t.name, count(distinct scoped.session_id)::int as sessions,
      coalesce(sum(tt.decisions), 0)::int as decisions, coalesce(max(tt.respondents), 0)::int as respondents
    from scoped join teams t on t.id = scoped.team_id
    left join session_team_totals tt on tt.session_team_id = scoped.session_team_id
    group by t.id, t.name
    order by t.name`;
}

export async function heatMap(db: Db, scope: ReportScope, filters: TReportFilters, minGroupSize: number): Promise<HeatMap> {
  const [cells, teams, overrides] = await Promise.all([
    heatMapCells(db, scope, filters),
    heatMapTeams(db, scope, filters),
    db.$queryRaw<OverrideRow[]>`
      with ${scopedTeams(scope, filters)}
      select scoped.team_id as "teamId", ro.capability_id as "capabilityId", count(*)::int as overrides,
        max(ro.rating) as rating, max(ro.proposed) as proposed
      from scoped join rating_overrides ro on ro.session_team_id = scoped.session_team_id
      group by scoped.team_id, ro.capability_id`,
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
  return { capabilities, teams: rows, minGroupSize };
}

// ------------------------------------------------------------------ trends

export type TrendPoint = { bucket: string; percent: number | null; suppressed: boolean; respondents: number };
export type TrendSeries = { id: string; name: string; points: TrendPoint[] };
export type Trends = { bucket: "week" | "month"; buckets: string[]; teams: TrendSeries[]; capabilities: TrendSeries[]; minGroupSize: number };

type TrendRow = { bucket: Date; teamId: string; capabilityId: string; earned: number; best: number; decisions: number; respondents: number };

export async function trendRows(db: Db, scope: ReportScope, filters: TReportFilters): Promise<TrendRow[]> {
  return db.$queryRaw<TrendRow[]>`
    with ${scopedTeams(scope, filters)}
    select date_trunc(${filters.bucket}::text, scoped.at) as bucket, scoped.team_id as "teamId", ts.capability_id as "capabilityId",
      sum(ts.earned)::float8 as earned, sum(ts.best)::float8 as best, sum(ts.decisions)::int as decisions, max(ts.respondents)::int as respondents
    from scoped join session_team_scores ts on ts.session_team_id = scoped.session_team_id
    group by 1, 2, 3
    order by 1`;
}

/**
 * Per team: the mean of its capability percentages in each period (the same roll-up as an
 * objective). Per capability: the pooled percentage of all filtered teams in each period.
 * A period whose group had fewer than k respondents is a gap in the line.
 */
export async function trends(db: Db, scope: ReportScope, filters: TReportFilters, minGroupSize: number): Promise<Trends> {
  const [rows, teams] = await Promise.all([trendRows(db, scope, filters), heatMapTeams(db, scope, filters)]);
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

// ------------------------------------------------------------------ drill-down

export type CellSession = {
  sessionId: string;
  title: string;
  status: string;
  at: Date;
  anonymous: boolean;
  scenarioTitle: string;
  sessionTeamId: string;
  teamName: string;
  respondents: number;
  figures: Suppressible<Figures & { override: { rating: string; proposed: string | null; rationale: string } | null }>;
  decisions: Array<{ id: string; nodeId: string; visit: number; optionId: string; method: string; earned: number; best: number; decidedAt: Date }>;
};

/**
 * The sessions behind one heat-map cell, newest first, with the team's decisions that
 * assessed the capability. Aborted sessions are listed too, marked, but the heat-map does
 * not count them.
 */
export async function cellSessions(db: Db, scope: ReportScope, filters: TReportFilters, teamId: string, capabilityId: string, minGroupSize: number, limit = 50): Promise<CellSession[]> {
  const sessions = await db.$queryRaw<Array<{ sessionId: string; title: string; status: string; at: Date; anonymous: boolean; scenarioTitle: string; sessionTeamId: string; teamName: string; earned: number; best: number; decisions: number; respondents: number; rating: string | null; proposed: string | null; rationale: string | null }>>`
    with ${scopedTeams(scope, filters, { statuses: OVER_STATUSES, teamIds: [teamId] })}
    select s.id as "sessionId", s.title, s.status::text as status, scoped.at, s.anonymous, sc.title as "scenarioTitle",
      st.id as "sessionTeamId", st.name as "teamName",
      sum(ds.earned)::float8 as earned, sum(ds.best)::float8 as best, count(*)::int as decisions, max(ds.respondents)::int as respondents,
      max(ro.rating) as rating, max(ro.proposed) as proposed, max(ro.rationale) as rationale
    from scoped
    join decision_scores ds on ds.session_team_id = scoped.session_team_id and ds.capability_id = ${capabilityId}
    join exercise_sessions s on s.id = scoped.session_id
    join scenarios sc on sc.id = s.scenario_id
    join session_teams st on st.id = scoped.session_team_id
    left join rating_overrides ro on ro.session_team_id = scoped.session_team_id and ro.capability_id = ${capabilityId}
    group by s.id, s.title, s.status, scoped.at, s.anonymous, sc.title, st.id, st.name
    order by scoped.at desc, s.id
    limit ${limit}`;
  if (!sessions.length) return [];
  const decisions = await db.$queryRaw<Array<CellSession["decisions"][number] & { sessionTeamId: string }>>`
    select d.id, d.session_team_id as "sessionTeamId", d.node_id as "nodeId", d.visit, d.option_id as "optionId", d.method,
      ds.earned, ds.best, d.decided_at as "decidedAt"
    from decision_scores ds join decisions d on d.id = ds.decision_id
    where ds.capability_id = ${capabilityId} and ds.session_team_id in (${Prisma.join(sessions.map((s) => s.sessionTeamId))})
    order by d.decided_at, d.id`;
  return sessions.map((s) => ({
    sessionId: s.sessionId,
    title: s.title,
    status: s.status,
    at: s.at,
    anonymous: s.anonymous,
    scenarioTitle: s.scenarioTitle,
    sessionTeamId: s.sessionTeamId,
    teamName: s.teamName,
    respondents: s.respondents,
    figures: suppressSmallGroup(s.respondents, minGroupSize, {
      ...figures(s.earned, s.best, s.decisions),
      override: s.rating ? { rating: s.rating, proposed: s.proposed, rationale: s.rationale ?? "" } : null,
    }),
    decisions: decisions.filter((d) => d.sessionTeamId === s.sessionTeamId).map(({ sessionTeamId: _, ...d }) => d),
  }));
}

export type FilterOptions = { scenarios: Array<{ slug: string; title: string }>; teams: Array<{ id: string; name: string }>; sessions: number; aborted: number };

/** What the filter controls offer: scenarios and teams of the sessions in scope. */
export async function filterOptions(db: Db, scope: ReportScope): Promise<FilterOptions> {
  const none = { team: [], bucket: "month" as const };
  const [scenarios, teams, counts] = await Promise.all([
    db.$queryRaw<Array<{ slug: string; title: string }>>`
      select distinct on (sc.slug) sc.slug, sc.title from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
      where ${sessionConditions(scope, none, OVER_STATUSES)} order by sc.slug, sc.created_at desc`,
    db.$queryRaw<Array<{ id: string; name: string }>>`
      select distinct t.id, t.name from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
      join session_teams st on st.session_id = s.id join teams t on t.id = st.team_id
      where ${sessionConditions(scope, none, OVER_STATUSES)} order by t.name`,
    db.$queryRaw<Array<{ sessions: number; aborted: number }>>`
      select count(*) filter (where s.status = 'ENDED')::int as sessions, count(*) filter (where s.status = 'ABORTED')::int as aborted
      from exercise_sessions s join scenarios sc on sc.id = s.scenario_id where ${sessionConditions(scope, none, OVER_STATUSES)}`,
  ]);
  return { scenarios: scenarios.sort((a, b) => a.title.localeCompare(b.title)), teams, sessions: counts[0]?.sessions ?? 0, aborted: counts[0]?.aborted ?? 0 };
}

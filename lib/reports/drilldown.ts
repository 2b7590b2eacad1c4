// The heat-map's drill-down: the sessions behind one cell (one organisation team × one
// capability), newest first, each with the team's decisions that assessed the capability,
// named by their titles in the scenario version the session ran.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import { OVER_STATUSES } from "@/lib/session/lifecycle";
import { figures, type Figures, type SourceOption } from "./dashboard";
import { rowSource, type RowSource } from "./rollup";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { scopedTeams, sessionDateRange } from "./sql";

type Db = Pick<PrismaClient, "$queryRaw">;

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
  /** nodeTitle: the decision's title in the scenario version the session ran (the id when it has none). */
  decisions: Array<{ id: string; nodeId: string; nodeTitle: string; visit: number; optionId: string; method: string; earned: number; best: number; decidedAt: Date }>;
};

/**
 * The sessions behind one heat-map cell, newest first, with the team's decisions that
 * assessed the capability. Aborted sessions are listed too, marked, but the heat-map does
 * not count them.
 */
type CellSessionRow = { sessionId: string; title: string; status: string; at: Date; anonymous: boolean; scenarioTitle: string; scenarioId: string; sessionTeamId: string; teamName: string; earned: number; best: number; decisions: number; respondents: number; rating: string | null; proposed: string | null; rationale: string | null };

/**
 * The cell's latest team sessions with their sums. Unscoped, from report_cell_sessions (an index
 * scan of the rows listed, migration 20261203210000_report_views_at_scale); a user's own scope
 * from the per-session tables. Both give the same rows (tests/integration/reports/rollup.test.ts).
 */
function cellSessionRows(db: Db, scope: ReportScope, filters: TReportFilters, teamId: string, capabilityId: string, limit: number, source?: RowSource): Promise<CellSessionRow[]> {
  if (rowSource(scope, source) === "rollup") {
    const { from, before } = sessionDateRange(filters);
    const parts: Prisma.Sql[] = [Prisma.sql`c.team_id = ${teamId}`, Prisma.sql`c.capability_id = ${capabilityId}`, Prisma.sql`c.status in (${Prisma.join([...OVER_STATUSES])})`];
    if (filters.scenario) parts.push(Prisma.sql`c.scenario_slug = ${filters.scenario}`);
    if (from) parts.push(Prisma.sql`c.at >= ${from}`);
    if (before) parts.push(Prisma.sql`c.at < ${before}`);
    return db.$queryRaw<CellSessionRow[]>`
      with cell as (
        select c.session_team_id, c.session_id, c.at, c.earned, c.best, c.decisions, c.respondents
        from report_cell_sessions c
        where ${Prisma.join(parts, " and ")}
        order by c.at desc, c.session_id, c.session_team_id
        limit ${limit}
      )
      select s.id as "sessionId", s.title, s.status::text as status, cell.at, s.anonymous, sc.title as "scenarioTitle", sc.id as "scenarioId",
        st.id as "sessionTeamId", st.name as "teamName",
        cell.earned::float8 as earned, cell.best::float8 as best, cell.decisions::int as decisions, cell.respondents::int as respondents,
        ro.rating, ro.proposed, ro.rationale
      from cell
      join exercise_sessions s on s.id = cell.session_id
      join scenarios sc on sc.id = s.scenario_id
      join session_teams st on st.id = cell.session_team_id
      left join rating_overrides ro on ro.session_team_id = cell.session_team_id and ro.capability_id = ${capabilityId}
      order by cell.at desc, cell.session_id, cell.session_team_id`;
  }
  return db.$queryRaw<CellSessionRow[]>`
    with ${scopedTeams(scope, filters, { statuses: OVER_STATUSES, teamIds: [teamId] })}
    -- session_team_scores holds the team session's sums per capability (the decision trigger
    -- keeps them), so only the listed sessions' decisions are read below.
    select s.id as "sessionId", s.title, s.status::text as status, scoped.at, s.anonymous, sc.title as "scenarioTitle", sc.id as "scenarioId",
      st.id as "sessionTeamId", st.name as "teamName",
      ts.earned::float8 as earned, ts.best::float8 as best, ts.decisions::int as decisions, ts.respondents::int as respondents,
      ro.rating, ro.proposed, ro.rationale
    from scoped
    join session_team_scores ts on ts.session_team_id = scoped.session_team_id and ts.capability_id = ${capabilityId}
    join exercise_sessions s on s.id = scoped.session_id
    join scenarios sc on sc.id = s.scenario_id
    join session_teams st on st.id = scoped.session_team_id
    left join rating_overrides ro on ro.session_team_id = scoped.session_team_id and ro.capability_id = ${capabilityId}
    order by scoped.at desc, s.id, st.id
    limit ${limit}`;
}

export async function cellSessions(db: Db, scope: ReportScope, filters: TReportFilters, teamId: string, capabilityId: string, minGroupSize: number, limit = 50, opts: SourceOption = {}): Promise<CellSession[]> {
  const sessions = await cellSessionRows(db, scope, filters, teamId, capabilityId, limit, opts.source);
  if (!sessions.length) return [];
  const decisions = await db.$queryRaw<Array<CellSession["decisions"][number] & { sessionTeamId: string }>>`
    select d.id, d.session_team_id as "sessionTeamId", d.node_id as "nodeId", d.visit, d.option_id as "optionId", d.method,
      ds.earned, ds.best, d.decided_at as "decidedAt"
    from decision_scores ds join decisions d on d.id = ds.decision_id
    where ds.capability_id = ${capabilityId} and ds.session_team_id in (${Prisma.join(sessions.map((s) => s.sessionTeamId))})
    order by d.decided_at, d.id`;
  const titles = await nodeTitles(db, [...new Set(sessions.map((s) => s.scenarioId))]);
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
    decisions: decisions
      .filter((d) => d.sessionTeamId === s.sessionTeamId)
      .map(({ sessionTeamId: _, ...d }) => ({ ...d, nodeTitle: titles.get(`${s.scenarioId}\u0000${d.nodeId}`) ?? d.nodeId })),
  }));
}

/** Node titles by scenario version and node id, read once per scenario version. */
async function nodeTitles(db: Db, scenarioIds: string[]): Promise<Map<string, string>> {
  if (!scenarioIds.length) return new Map();
  const rows = await db.$queryRaw<Array<{ scenarioId: string; nodeId: string; title: string }>>`
    select sc.id as "scenarioId", n->>'id' as "nodeId", n->>'title' as title
    from scenarios sc
    cross join lateral jsonb_array_elements(case when jsonb_typeof(sc.document->'nodes') = 'array' then sc.document->'nodes' else '[]'::jsonb end) n
    where sc.id in (${Prisma.join(scenarioIds)}) and jsonb_typeof(n->'title') = 'string'`;
  return new Map(rows.map((r) => [`${r.scenarioId}\u0000${r.nodeId}`, r.title]));
}

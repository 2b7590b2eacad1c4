// The training-gap views read from their rollups (migration 20261203150000_reports_gap_rollup,
// kept by triggers): the ranking from report_gap_rollup and report_gap_rollup_sessions, a
// team's latest sessions from report_team_sessions. Only the unscoped view (scope: all) with
// no team filter reads them: the rollups have no facilitator or grant in their key. The
// distinct-session count across a chosen set of teams is not additive: with up to
// WEAK_SET_MAX teams left out (the dashboard leaving small groups out) it is the count over
// every team less the sessions only left-out teams were weak in (report_gap_weak_sets,
// migration 20261204190000_gap_weak_sets); with more left out the ranking reads the sessions.
// Both paths give the same figures (tests/integration/reports/rollup.test.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { rollupConditions, type RowSource } from "./rollup";
import { scopedTeams, sessionDateRange } from "./sql";

type Db = Pick<PrismaClient, "$queryRaw">;

/** The rollup serves the unscoped view of all teams (a team filter reads the per-session tables). */
export function gapSource(scope: ReportScope, filters: TReportFilters, requested?: RowSource): RowSource {
  if (scope.kind !== "all" || filters.team.length > 0 || filters.mode !== "all") return "sessions";
  return requested ?? "rollup";
}

export type GapRankRow = { trainingId: string; title: string; occurrences: number; cost: number; sessions: number; teams: number };

/** The most teams the ranking from the rollup leaves out (sets report_gap_weak_sets keeps). */
export const WEAK_SET_MAX = 3;

/**
 * The ranking over every team but `leftOut` (at most WEAK_SET_MAX), from the rollup. A session
 * counts once whichever teams were weak in it (report_gap_rollup_sessions counts them across
 * teams), less the sessions in which only left-out teams were weak.
 */
export function rollupGapRanking(db: Db, filters: TReportFilters, limit: number, leftOut: readonly string[] = []): Promise<GapRankRow[]> {
  if (leftOut.length > WEAK_SET_MAX) throw new Error(`rollupGapRanking leaves out at most ${WEAK_SET_MAX} teams, not ${leftOut.length}`);
  const kept = leftOut.length ? Prisma.sql`r.team_id <> all(${[...leftOut]}::text[])` : Prisma.sql`true`;
  const onlyLeftOut = leftOut.length
    ? Prisma.sql`coalesce((select sum(r.sessions) from report_gap_weak_sets r where r.training_id = t.training_id and r.weak_teams <@ ${[...leftOut]}::text[] and ${rollupConditions(filters, "month")}), 0)`
    : Prisma.sql`0`;
  return db.$queryRaw<GapRankRow[]>`
    with topics as (
      select r.training_id, max(r.title) as title, sum(r.occurrences)::int as occurrences, sum(r.cost)::float8 as cost, count(distinct r.team_id)::int as teams
      from report_gap_rollup r
      where ${rollupConditions(filters, "month")} and ${kept}
      group by r.training_id
      order by occurrences desc, cost desc, r.training_id
      limit ${limit}
    )
    select t.training_id as "trainingId", t.title, t.occurrences, t.cost, t.teams,
      (coalesce((select sum(r.sessions) from report_gap_rollup_sessions r where r.training_id = t.training_id and ${rollupConditions(filters, "month")}), 0) - ${onlyLeftOut})::int as sessions
    from topics t
    order by t.occurrences desc, t.cost desc, t.training_id`;
}

/** The teams that have ended sessions in the filters, from the rollup. */
export async function rollupTeamIds(db: Db, filters: TReportFilters): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ teamId: string }>>`select distinct r.team_id as "teamId" from report_rollup_teams r where ${rollupConditions(filters, "month")}`;
  return rows.map((r) => r.teamId);
}

/**
 * A CTE named `latest`: (session_team_id, team_id, session_id, at) of each team's latest
 * `window` analysed sessions in the filters. From report_team_sessions, an index scan per team.
 */
export function latestFromRollup(filters: TReportFilters, window: number): Prisma.Sql {
  const { from, before } = sessionDateRange(filters);
  const parts: Prisma.Sql[] = [Prisma.sql`rts.team_id = tm.team_id`];
  if (filters.scenario) parts.push(Prisma.sql`rts.scenario_slug = ${filters.scenario}`);
  if (from) parts.push(Prisma.sql`rts.at >= ${from}`);
  if (before) parts.push(Prisma.sql`rts.at < ${before}`);
  return Prisma.sql`latest as (
    select l.* from (select distinct r.team_id from report_rollup_teams r where ${rollupConditions(filters, "month")}) tm
    cross join lateral (
      select rts.session_team_id, rts.team_id, rts.session_id, rts.at from report_team_sessions rts
      where ${Prisma.join(parts, " and ")} and exists (select 1 from gap_analyses ga where ga.session_team_id = rts.session_team_id)
      order by rts.at desc, rts.session_id desc, rts.session_team_id desc
      limit ${window}
    ) l
  )`;
}

/** The same CTE from the per-session tables, for scopes and filters the rollup does not serve. */
export function latestFromSessions(scope: ReportScope, filters: TReportFilters, window: number): Prisma.Sql {
  return Prisma.sql`${scopedTeams(scope, filters)},
    latest as (
      select session_team_id, team_id, session_id, at from (
        select scoped.*, row_number() over (partition by scoped.team_id order by scoped.at desc, scoped.session_id desc, scoped.session_team_id desc) as n
        from scoped where exists (select 1 from gap_analyses ga where ga.session_team_id = scoped.session_team_id)
      ) ranked
      where ranked.n <= ${window}
    )`;
}

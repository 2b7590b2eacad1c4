// The dashboard's sums read from the rollup (report_rollup, report_rollup_teams: ended
// sessions per organisation team × scenario × day, kept by triggers; see the migration
// 20261203130000_report_rollup). A few thousand rows instead of every team session, so the unscoped
// heat-map and trends stay interactive at 10,000 sessions. The rollup has no facilitator or
// grant in its key: a scope narrowed to one user's sessions reads the per-session tables
// (lib/reports/sql.ts), which are small for one user. Both give the same figures
// (tests/integration/reports/rollup.test.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";

type Db = Pick<PrismaClient, "$queryRaw">;

/** Where the dashboard's sums come from: the rollup, or the per-session tables. */
export type RowSource = "rollup" | "sessions";

/** The rollup covers every session, so only the unscoped view can read it. */
export function rowSource(scope: ReportScope, requested?: RowSource): RowSource {
  if (scope.kind !== "all") return "sessions";
  return requested ?? "rollup";
}

/** Conditions on a rollup alias `r` for the filters (teams, scenario, days). */
function rollupConditions(filters: TReportFilters, teamIds: readonly string[] = filters.team): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (teamIds.length) parts.push(Prisma.sql`r.team_id in (${Prisma.join([...teamIds])})`);
  if (filters.scenario) parts.push(Prisma.sql`r.scenario_slug = ${filters.scenario}`);
  if (filters.from) parts.push(Prisma.sql`r.day >= ${filters.from}::date`);
  if (filters.to) parts.push(Prisma.sql`r.day <= ${filters.to}::date`);
  return Prisma.join(parts, " and ");
}

export type CellRow = { teamId: string; capabilityId: string; earned: number; best: number; decisions: number; sessions: number; respondents: number };
export type TeamRow = { teamId: string; name: string; sessions: number; decisions: number; respondents: number };
export type TrendRow = { bucket: Date; teamId: string; capabilityId: string; earned: number; best: number; decisions: number; respondents: number };

export function rollupCells(db: Db, filters: TReportFilters): Promise<CellRow[]> {
  return db.$queryRaw<CellRow[]>`
    select r.team_id as "teamId", r.capability_id as "capabilityId",
      sum(r.earned)::float8 as earned, sum(r.best)::float8 as best, sum(r.decisions)::int as decisions,
      sum(r.sessions)::int as sessions, max(r.respondents)::int as respondents
    from report_rollup r
    where ${rollupConditions(filters)}
    group by r.team_id, r.capability_id`;
}

export function rollupTeams(db: Db, filters: TReportFilters): Promise<TeamRow[]> {
  return db.$queryRaw<TeamRow[]>`
    select t.id as "teamId", t.name, sum(r.sessions)::int as sessions,
      sum(r.decisions)::int as decisions, max(r.respondents)::int as respondents
    from report_rollup_teams r join teams t on t.id = r.team_id
    where ${rollupConditions(filters)}
    group by t.id, t.name
    order by t.name`;
}

export function rollupTrendRows(db: Db, filters: TReportFilters): Promise<TrendRow[]> {
  return db.$queryRaw<TrendRow[]>`
    select date_trunc(${filters.bucket}::text, r.day::timestamp) as bucket, r.team_id as "teamId", r.capability_id as "capabilityId",
      sum(r.earned)::float8 as earned, sum(r.best)::float8 as best, sum(r.decisions)::int as decisions, max(r.respondents)::int as respondents
    from report_rollup r
    where ${rollupConditions(filters)}
    group by 1, 2, 3
    order by 1, 2, 3`;
}

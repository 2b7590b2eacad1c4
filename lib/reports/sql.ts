// The one definition of "the sessions and teams a report covers", shared by every query:
// ended sessions in the user's scope that match the filters, one row per session team of an
// organisation team. Aborted and unfinished sessions are not counted (docs/scoring.md, Reports).
import { Prisma } from "@/lib/generated/prisma/client";
import type { TReportFilters } from "./filters";
import { scopeCondition, type ReportScope } from "./scope";

const DAY_MS = 86_400_000;

export function sessionDateRange(filters: Pick<TReportFilters, "from" | "to">): { from: Date | null; before: Date | null } {
  return {
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : null,
    before: filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS) : null,
  };
}

/** Conditions on sessions `s` (and scenarios `sc`) for the filters, the scope and the given statuses. */
export function sessionConditions(scope: ReportScope, filters: TReportFilters, statuses: readonly string[] = ["ENDED"], opts: { typedStatus?: boolean } = {}): Prisma.Sql {
  const { from, before } = sessionDateRange(filters);
  const parts: Prisma.Sql[] = [
    // typedStatus compares the enum itself, so the planner estimates from the column's
    // statistics (the text cast is estimated at 0.5 % of sessions, whatever their status).
    // Only the gap stale check asks for it: everywhere, it made the filtered persistent gaps
    // and the filter options about 10 times slower at 10,000 sessions on Postgres (the better
    // estimate chose a worse plan; docs/performance.md, round 5).
    opts.typedStatus ? Prisma.sql`s.status = any(${[...statuses]}::text[]::"SessionStatus"[])` : Prisma.sql`s.status::text in (${Prisma.join([...statuses])})`,
    scopeCondition(scope),
  ];
  if (filters.scenario) parts.push(Prisma.sql`sc.slug = ${filters.scenario}`);
  if (filters.mode === "live") parts.push(Prisma.sql`s.mode = 'LIVE'`);
  if (filters.mode === "drill") parts.push(Prisma.sql`s.mode = 'DRILL'`);
  if (from) parts.push(Prisma.sql`coalesce(s.started_at, s.created_at) >= ${from}`);
  if (before) parts.push(Prisma.sql`coalesce(s.started_at, s.created_at) < ${before}`);
  return Prisma.join(parts, " and ");
}

/**
 * A CTE named `scoped`: (session_team_id, team_id, session_id, at) for every counted session
 * team. `teamFilter` narrows to organisation teams (the filter's, or one for a drill-down).
 */
export function scopedTeams(scope: ReportScope, filters: TReportFilters, opts: { statuses?: readonly string[]; teamIds?: readonly string[] } = {}): Prisma.Sql {
  const teamIds = opts.teamIds ?? filters.team;
  const teamCondition = teamIds.length ? Prisma.sql`and st.team_id in (${Prisma.join([...teamIds])})` : Prisma.empty;
  return Prisma.sql`scoped as (
    select st.id as session_team_id, st.team_id, s.id as session_id, coalesce(s.started_at, s.created_at) as at
    from exercise_sessions s
    join scenarios sc on sc.id = s.scenario_id
    join session_teams st on st.session_id = s.id
    where st.team_id is not null ${teamCondition} and ${sessionConditions(scope, filters, opts.statuses)}
  )`;
}

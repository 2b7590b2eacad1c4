// The dashboard's sums read from the rollup (report_rollup, report_rollup_teams: ended
// sessions per organisation team × scenario × day, week and month, kept by triggers; see the
// migration 20261203130000_report_rollup). A date range is read as whole months (or weeks, for
// weekly trends) plus the days at its edges, so the unscoped heat-map and trends read a few
// thousand rows instead of every team session and stay interactive at 10,000 sessions. The rollup has no facilitator or
// grant in its key: a scope narrowed to one user's sessions reads the per-session tables
// (lib/reports/sql.ts), which are small for one user. Both give the same figures
// (tests/integration/reports/rollup.test.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";

type Db = Pick<PrismaClient, "$queryRaw">;

/** Where the dashboard's sums come from: the rollup, or the per-session tables. */
export type RowSource = "rollup" | "sessions";

/** The rollup covers every session of both modes, so only the unscoped view of all modes can read it. */
export function rowSource(scope: ReportScope, requested?: RowSource, filters?: Pick<TReportFilters, "mode">): RowSource {
  if (scope.kind !== "all" || (filters && filters.mode !== "all")) return "sessions";
  return requested ?? "rollup";
}

type Grain = "week" | "month";
const DAY_MS = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the period of `grain` that holds `day` (ISO weeks start on Monday). */
function periodStart(day: Date, grain: Grain): Date {
  if (grain === "month") return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

function nextPeriod(period: Date, grain: Grain): Date {
  return grain === "month" ? new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 1)) : new Date(period.getTime() + 7 * DAY_MS);
}

/**
 * The range [from, to] (whole days, either end open) as whole periods of `grain` plus the
 * days before the first and after the last whole period. Exported for its test.
 */
export function splitRange(from: string | undefined, to: string | undefined, grain: Grain): { periods: { from: string | null; before: string | null }; days: Array<{ from: string | null; before: string | null }> } {
  const start = from ? new Date(`${from}T00:00:00Z`) : null;
  const end = to ? new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) : null; // exclusive
  const first = start && periodStart(start, grain).getTime() !== start.getTime() ? nextPeriod(periodStart(start, grain), grain) : start;
  const last = end ? periodStart(end, grain) : null; // exclusive end of the whole periods
  if (first && last && first.getTime() >= last.getTime()) return { periods: { from: ymd(first), before: ymd(first) }, days: [{ from: from ?? null, before: end ? ymd(end) : null }] };
  const days: Array<{ from: string | null; before: string | null }> = [];
  if (start && first && first.getTime() > start.getTime()) days.push({ from: ymd(start), before: ymd(first) });
  if (end && last && end.getTime() > last.getTime()) days.push({ from: ymd(last), before: ymd(end) });
  return { periods: { from: first ? ymd(first) : null, before: last ? ymd(last) : null }, days };
}

/** Conditions on a rollup alias `r`: the teams and scenario, and the date range as whole periods of `grain` plus edge days. */
export function rollupConditions(filters: TReportFilters, grain: Grain): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (filters.team.length) parts.push(Prisma.sql`r.team_id in (${Prisma.join([...filters.team])})`);
  if (filters.scenario) parts.push(Prisma.sql`r.scenario_slug = ${filters.scenario}`);
  const { periods, days } = splitRange(filters.from, filters.to, grain);
  const range = (r: { from: string | null; before: string | null }) =>
    Prisma.join([Prisma.sql`true`, ...(r.from ? [Prisma.sql`r.period >= ${r.from}::date`] : []), ...(r.before ? [Prisma.sql`r.period < ${r.before}::date`] : [])], " and ");
  const pieces = [Prisma.sql`(r.grain = ${grain} and ${range(periods)})`, ...days.map((d) => Prisma.sql`(r.grain = 'day' and ${range(d)})`)];
  parts.push(Prisma.sql`(${Prisma.join(pieces, " or ")})`);
  return Prisma.join(parts, " and ");
}

export type CellRow = { teamId: string; capabilityId: string; earned: number; best: number; decisions: number; sessions: number; respondents: number };
export type TeamRow = { teamId: string; name: string; sessions: number; decisions: number; respondents: number };
export type TrendRow = { bucket: Date; teamId: string; capabilityId: string; earned: number; best: number; decisions: number; respondents: number };

/**
 * The rollup table to read: without a scenario filter, report_rollup_all (summed over
 * scenarios, migration 20261203210000_report_views_at_scale), else report_rollup.
 */
function rollupTable(filters: TReportFilters): Prisma.Sql {
  return filters.scenario ? Prisma.sql`report_rollup` : Prisma.sql`report_rollup_all`;
}

export function rollupCells(db: Db, filters: TReportFilters): Promise<CellRow[]> {
  return db.$queryRaw<CellRow[]>`
    select r.team_id as "teamId", r.capability_id as "capabilityId",
      sum(r.earned)::float8 as earned, sum(r.best)::float8 as best, sum(r.decisions)::int as decisions,
      sum(r.sessions)::int as sessions, max(r.respondents)::int as respondents
    from ${rollupTable(filters)} r
    where ${rollupConditions(filters, "month")}
    group by r.team_id, r.capability_id`;
}

export function rollupTeams(db: Db, filters: TReportFilters): Promise<TeamRow[]> {
  return db.$queryRaw<TeamRow[]>`
    select t.id as "teamId", t.name, sum(r.sessions)::int as sessions,
      sum(r.decisions)::int as decisions, max(r.respondents)::int as respondents
    from report_rollup_teams r join teams t on t.id = r.team_id
    where ${rollupConditions(filters, "month")}
    group by t.id, t.name
    order by t.name`;
}

export function rollupTrendRows(db: Db, filters: TReportFilters): Promise<TrendRow[]> {
  // Whole periods of report_rollup_all are one row per bucket, team and capability already,
  // read in its key's order: nothing to group or sort unless edge days are added in.
  if (!filters.scenario && splitRange(filters.from, filters.to, filters.bucket).days.length === 0)
    return db.$queryRaw<TrendRow[]>`
      select r.period::timestamp as bucket, r.team_id as "teamId", r.capability_id as "capabilityId",
        r.earned::float8 as earned, r.best::float8 as best, r.decisions::int as decisions, r.respondents::int as respondents
      from report_rollup_all r
      where ${rollupConditions(filters, filters.bucket)}
      order by r.grain, r.period, r.team_id, r.capability_id`;
  return db.$queryRaw<TrendRow[]>`
    select date_trunc(${filters.bucket}::text, r.period::timestamp) as bucket, r.team_id as "teamId", r.capability_id as "capabilityId",
      sum(r.earned)::float8 as earned, sum(r.best)::float8 as best, sum(r.decisions)::int as decisions, max(r.respondents)::int as respondents
    from ${rollupTable(filters)} r
    where ${rollupConditions(filters, filters.bucket)}
    group by 1, 2, 3
    order by 1, 2, 3`;
}

// The comparisons rollup.test.ts runs on its seeded world after each change: every report
// figure the rollups serve against the per-session queries they replace, for a set of filters
// per family (the dashboard rollup, the dashboard views at scale, the training gaps); and the
// rows each family's triggers keep, for comparing with its bulk rebuild.
import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { heatMap, trends } from "@/lib/reports/dashboard";
import { cellSessions } from "@/lib/reports/drilldown";
import { gapRanking, persistentTeamGaps, refreshGapAnalyses } from "@/lib/reports/gaps";
import { rollupGapRanking, WEAK_SET_MAX } from "@/lib/reports/gaps-rollup";
import type { TReportFilters } from "@/lib/reports/filters";
import type { ReportScope } from "@/lib/reports/scope";
import { reportFilters as filters, type RollupWorld } from "../../helpers/report-seed-world";

const ALL: ReportScope = { kind: "all" };
export const K = 3;
const SESSIONS = { source: "sessions" } as const;

/** report_rollup and report_rollup_teams (migration 20261203130000_report_rollup): heat-map and trends. */
export async function expectSameDashboard(prisma: PrismaClient, { a, b }: RollupWorld, label: string) {
  const views: Array<[string, TReportFilters]> = [
    ["no filter", filters()],
    ["by week", filters({ bucket: "week" })],
    ["one scenario", filters({ scenario: a.slug })],
    ["two teams of two scenarios", filters({ team: [a.teamIds[0], b.teamIds[1]] })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days", filters({ from: "2026-01-15", to: "2026-03-10" })],
    ["everything at once", filters({ scenario: a.slug, team: [a.teamIds[1], a.teamIds[3]], from: "2026-01-29", to: "2026-02-20", bucket: "week" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];
  for (const [name, f] of views) {
    const [rolled, perSession] = await Promise.all([heatMap(prisma, ALL, f, K), heatMap(prisma, ALL, f, K, SESSIONS)]);
    expect(rolled, `${label}: heat-map, ${name}`).toEqual(perSession);
    const [rolledTrend, perSessionTrend] = await Promise.all([trends(prisma, ALL, f, K), trends(prisma, ALL, f, K, SESSIONS)]);
    expect(rolledTrend, `${label}: trends, ${name}`).toEqual(perSessionTrend);
  }
}

/**
 * report_rollup_all and report_cell_sessions (migration 20261203210000_report_views_at_scale):
 * heat-map and trends (month and week), and the drill-down of three teams × three capabilities.
 */
export async function expectSameViews(prisma: PrismaClient, { a, b }: RollupWorld, label: string) {
  const views: Array<[string, TReportFilters]> = [
    ["no filter", filters()],
    ["no filter, by week", filters({ bucket: "week" })],
    ["one scenario", filters({ scenario: a.slug })],
    ["two teams", filters({ team: [a.teamIds[0], b.teamIds[0]] })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days, by week", filters({ from: "2026-01-15", to: "2026-03-10", bucket: "week" })],
    ["one scenario and dates", filters({ scenario: a.slug, from: "2026-01-29", to: "2026-02-20" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];
  let drilled = 0;
  for (const [name, f] of views) {
    const map = await heatMap(prisma, ALL, f, K);
    expect(map, `${label}: heat-map, ${name}`).toEqual(await heatMap(prisma, ALL, f, K, SESSIONS));
    expect(await trends(prisma, ALL, f, K), `${label}: trends, ${name}`).toEqual(await trends(prisma, ALL, f, K, SESSIONS));
    for (const teamId of [a.teamIds[0], a.teamIds[3], b.teamIds[1]]) {
      for (const capability of map.capabilities.slice(0, 3).map((c) => c.id)) {
        const list = await cellSessions(prisma, ALL, f, teamId, capability, K, 5);
        drilled += list.length;
        expect(list, `${label}: drill-down ${teamId} × ${capability}, ${name}`).toEqual(await cellSessions(prisma, ALL, f, teamId, capability, K, 5, SESSIONS));
      }
    }
  }
  expect(drilled, `${label}: some drill-downs list sessions`).toBeGreaterThan(0);
}

/**
 * report_gap_rollup, report_gap_rollup_sessions and report_team_sessions (migration
 * 20261203150000_reports_gap_rollup) and report_gap_weak_sets: the gap ranking, with and without teams left out as
 * small groups, and the persistent gaps.
 */
export async function expectSameGaps(prisma: PrismaClient, { a, b }: RollupWorld, label: string) {
  const views: Array<[string, TReportFilters]> = [
    ["no filter", filters()],
    ["one scenario", filters({ scenario: a.slug })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days", filters({ from: "2026-01-15", to: "2026-03-10" })],
    ["one scenario and dates", filters({ scenario: a.slug, from: "2026-01-29", to: "2026-02-20" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];
  expect(await refreshGapAnalyses(prisma, ALL, filters())).toBeGreaterThanOrEqual(0);
  // Up to three left out read report_gap_weak_sets (sets of one, two and three teams, two of
  // them in the same sessions); four left out read the sessions.
  const leftOut = [[], [a.teamIds[0]], [a.teamIds[1], b.teamIds[0]], [a.teamIds[1], a.teamIds[2]], [a.teamIds[0], a.teamIds[2], a.teamIds[3]], [...a.teamIds]];
  const all = [...a.teamIds, ...b.teamIds];
  for (const [name, f] of views) {
    expect(await gapRanking(prisma, ALL, f, { limit: 50 }), `${label}: ranking, ${name}`).toEqual(await gapRanking(prisma, ALL, f, { limit: 50, source: "sessions" }));
    for (const out of leftOut) {
      const teamIds = all.filter((id) => !out.includes(id));
      const perSession = await gapRanking(prisma, ALL, f, { limit: 50, teamIds, source: "sessions" });
      expect(await gapRanking(prisma, ALL, f, { limit: 50, teamIds }), `${label}: ranking without ${out.length} teams, ${name}`).toEqual(perSession);
      // The subtraction itself, not a fallback to the sessions: report_gap_weak_sets gives the same.
      if (out.length <= WEAK_SET_MAX) expect(await rollupGapRanking(prisma, f, 50, out), `${label}: weak sets without ${out.length} teams, ${name}`).toEqual(perSession);
    }
    expect(await persistentTeamGaps(prisma, ALL, f, K), `${label}: persistent, ${name}`).toEqual(await persistentTeamGaps(prisma, ALL, f, K, { source: "sessions" }));
  }
}

/** Each family's trigger-kept rows and the function that rebuilds them in bulk. */
export const REBUILDS = [
  {
    family: "dashboard rollup",
    rebuild: (prisma: PrismaClient) => prisma.$queryRaw`select readyroom_rollup_rebuild()::text`,
    rows: (prisma: PrismaClient) => Promise.all([
      prisma.$queryRaw<unknown[]>`select grain, team_id, scenario_slug, period::text as period, capability_id, earned, best, decisions, sessions, respondents from report_rollup order by 1, 2, 3, 4, 5`,
      prisma.$queryRaw<unknown[]>`select grain, team_id, scenario_slug, period::text as period, sessions, decisions, respondents from report_rollup_teams order by 1, 2, 3, 4`,
    ]),
    atLeast: [50],
  },
  {
    family: "dashboard views",
    rebuild: (prisma: PrismaClient) => prisma.$queryRaw`select readyroom_report_views_rebuild()::text`,
    rows: (prisma: PrismaClient) => Promise.all([
      prisma.$queryRaw<unknown[]>`select grain, team_id, period::text as period, capability_id, earned, best, decisions, sessions, respondents from report_rollup_all order by 1, 2, 3, 4`,
      prisma.$queryRaw<unknown[]>`select session_team_id, capability_id, team_id, session_id, scenario_slug, status, at, earned, best, decisions, respondents from report_cell_sessions order by 1, 2`,
    ]),
    atLeast: [20, 20],
  },
  {
    family: "training gaps",
    rebuild: (prisma: PrismaClient) => prisma.$queryRaw`select readyroom_gap_rollup_rebuild()::text`,
    rows: (prisma: PrismaClient) => Promise.all([
      prisma.$queryRaw<unknown[]>`select grain, team_id, scenario_slug, period::text as period, training_id, title, occurrences, cost from report_gap_rollup order by 1, 2, 3, 4, 5`,
      prisma.$queryRaw<unknown[]>`select grain, scenario_slug, period::text as period, training_id, sessions from report_gap_rollup_sessions order by 1, 2, 3, 4`,
      prisma.$queryRaw<unknown[]>`select grain, scenario_slug, period::text as period, training_id, weak_key, weak_teams, sessions from report_gap_weak_sets order by 1, 2, 3, 4, 5`,
      prisma.$queryRaw<unknown[]>`select session_team_id, team_id, session_id, scenario_slug, at from report_team_sessions order by 1`,
      prisma.$queryRaw<unknown[]>`select session_team_id from gap_analysis_queue order by 1`,
    ]),
    atLeast: [20, 5, 5],
  },
];

// The dashboard views at scale (migration 20261203210000_report_views_at_scale) against the
// per-session queries they replace, on each database target: the heat-map and trends (month
// and week) from report_rollup_all, and the drill-down from report_cell_sessions, give the same
// figures for every filter, kept right by the triggers as decisions are rewritten, sessions
// reopen, end, are re-dated or deleted and teams merge; and a bulk rebuild gives the very rows
// the triggers keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DB_TARGETS } from "../../helpers/db";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";
import { heatMap, trends } from "@/lib/reports/dashboard";
import { cellSessions } from "@/lib/reports/drilldown";
import { parseReportFilters, type TReportFilters } from "@/lib/reports/filters";
import type { ReportScope } from "@/lib/reports/scope";

const ALL: ReportScope = { kind: "all" };
const K = 3;
const filters = (p: Record<string, string | string[]> = {}): TReportFilters => {
  const r = parseReportFilters(p);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.filters;
};
const SESSIONS = { source: "sessions" } as const;

describe.each(DB_TARGETS)("the dashboard views' rollups on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let a: ReportSeed;
  let b: ReportSeed;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    // Two scenarios sharing teams' days, weeks and months; a small team, a silent team and
    // aborted sessions (listed by the drill-down, not counted by the heat-map): all through the triggers.
    a = await seedReports(prisma, { tag: "va", sessions: 16, teams: 4, decisionsPerTeam: 4, start: new Date("2026-01-28T20:00:00Z"), spacingHours: 20, abortEvery: 7, smallTeamVoters: 2, silentTeam: true });
    b = await seedReports(prisma, { tag: "vb", sessions: 6, teams: 2, decisionsPerTeam: 4, start: new Date("2026-02-10T09:00:00Z"), spacingHours: 30, scenarioFile: "scenarios/cloud-tenant-takeover.json" });
  }, 600_000);
  afterAll(async () => close?.());

  const views = (): Array<[string, TReportFilters]> => [
    ["no filter", filters()],
    ["no filter, by week", filters({ bucket: "week" })],
    ["one scenario", filters({ scenario: a.slug })],
    ["two teams", filters({ team: [a.teamIds[0], b.teamIds[0]] })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days, by week", filters({ from: "2026-01-15", to: "2026-03-10", bucket: "week" })],
    ["one scenario and dates", filters({ scenario: a.slug, from: "2026-01-29", to: "2026-02-20" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];

  async function expectSameFigures(label: string) {
    let drilled = 0;
    for (const [name, f] of views()) {
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

  it("gives the same heat-map, trends and drill-down as the per-session tables for every filter", async () => {
    const map = await heatMap(prisma, ALL, filters(), K);
    expect(map.teams.length).toBeGreaterThanOrEqual(6);
    const listed = await cellSessions(prisma, ALL, filters(), a.teamIds[0], map.capabilities[0].id, K);
    expect(listed.some((s) => s.status === "ABORTED")).toBe(true);
    await expectSameFigures("seeded");
  }, 300_000);

  it("stays right as decisions change, sessions end, are re-dated, teams merge and sessions are deleted", async () => {
    await prisma.$executeRaw`update decisions set points = best_points
      where id = (select d.id from decisions d join session_teams st on st.id = d.session_team_id
        where st.session_id = ${a.sessionIds[4]} and st.team_id is not null order by d.id limit 1)`;
    await expectSameFigures("a decision rewritten");
    const running = a.sessionIds[3];
    await prisma.$executeRaw`update exercise_sessions set status = 'RUNNING' where id = ${running}`;
    await expectSameFigures("a session reopened");
    await prisma.$executeRaw`update exercise_sessions set status = 'ENDED' where id = ${running}`;
    await prisma.$executeRaw`update exercise_sessions set started_at = started_at + interval '40 days' where id = ${a.sessionIds[2]}`;
    await expectSameFigures("a session ended again and another re-dated");
    await prisma.$executeRaw`update session_teams set team_id = ${a.teamIds[0]} where team_id = ${a.teamIds[1]}`;
    await expectSameFigures("two teams merged");
    await prisma.$executeRaw`delete from session_teams where id = (select id from session_teams where session_id = ${a.sessionIds[5]} and team_id is not null order by id limit 1)`;
    await prisma.$executeRaw`delete from exercise_sessions where id = ${a.sessionIds[6]}`;
    await expectSameFigures("a team session and a session deleted");
  }, 600_000);

  it("rebuilds in bulk to the very rows the triggers keep", async () => {
    const snapshot = () => Promise.all([
      prisma.$queryRaw`select grain, team_id, period::text as period, capability_id, earned, best, decisions, sessions, respondents from report_rollup_all order by 1, 2, 3, 4`,
      prisma.$queryRaw`select session_team_id, capability_id, team_id, session_id, scenario_slug, status, at, earned, best, decisions, respondents from report_cell_sessions order by 1, 2`,
    ]);
    const kept = await snapshot();
    expect((kept[0] as unknown[]).length).toBeGreaterThan(20);
    expect((kept[1] as unknown[]).length).toBeGreaterThan(20);
    await prisma.$queryRaw`select readyroom_report_views_rebuild()::text`;
    expect(await snapshot()).toEqual(kept);
  }, 60_000);
});

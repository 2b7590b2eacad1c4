// The dashboard's rollup (report_rollup, report_rollup_teams) against the per-session tables it
// replaces, on each database target: the same heat-map and trends for every filter, kept right
// by the triggers as sessions end, decisions are rewritten, teams merge and sessions are
// deleted, and a bulk rebuild gives the very rows the triggers keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DB_TARGETS } from "../../helpers/db";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";
import { heatMap, trends } from "@/lib/reports/dashboard";
import { rowSource } from "@/lib/reports/rollup";
import { parseReportFilters, type TReportFilters } from "@/lib/reports/filters";
import type { ReportScope } from "@/lib/reports/scope";

const ALL: ReportScope = { kind: "all" };
const K = 3;
const filters = (p: Record<string, string | string[]> = {}): TReportFilters => {
  const r = parseReportFilters(p);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.filters;
};

describe.each(DB_TARGETS)("the report rollup on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let a: ReportSeed;
  let b: ReportSeed;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    // Two scenarios, sessions every 20 hours (several share a day, weeks and months are crossed),
    // a small team, a silent team, aborted sessions: every decision goes through the triggers.
    a = await seedReports(prisma, { tag: "ra", sessions: 16, teams: 4, decisionsPerTeam: 4, start: new Date("2026-01-28T20:00:00Z"), spacingHours: 20, abortEvery: 7, smallTeamVoters: 2, silentTeam: true });
    b = await seedReports(prisma, { tag: "rb", sessions: 6, teams: 2, decisionsPerTeam: 4, start: new Date("2026-02-10T09:00:00Z"), spacingHours: 30, scenarioFile: "scenarios/cloud-tenant-takeover.json" });
  }, 600_000);
  afterAll(async () => close?.());

  const views = (): Array<[string, TReportFilters]> => [
    ["no filter", filters()],
    ["by week", filters({ bucket: "week" })],
    ["one scenario", filters({ scenario: a.slug })],
    ["two teams of two scenarios", filters({ team: [a.teamIds[0], b.teamIds[1]] })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days", filters({ from: "2026-01-15", to: "2026-03-10" })],
    ["everything at once", filters({ scenario: a.slug, team: [a.teamIds[1], a.teamIds[3]], from: "2026-01-29", to: "2026-02-20", bucket: "week" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];

  async function expectSameFigures(label: string) {
    for (const [name, f] of views()) {
      const [rolled, perSession] = await Promise.all([heatMap(prisma, ALL, f, K), heatMap(prisma, ALL, f, K, { source: "sessions" })]);
      expect(rolled, `${label}: heat-map, ${name}`).toEqual(perSession);
      const [rolledTrend, perSessionTrend] = await Promise.all([trends(prisma, ALL, f, K), trends(prisma, ALL, f, K, { source: "sessions" })]);
      expect(rolledTrend, `${label}: trends, ${name}`).toEqual(perSessionTrend);
    }
  }

  it("gives the same heat-map and trends as the per-session tables for every filter", async () => {
    const map = await heatMap(prisma, ALL, filters(), K);
    expect(map.teams.length).toBe(7); // 4 + 1 silent of a, 2 of b
    expect(map.teams.some((t) => t.row.suppressed)).toBe(true);
    await expectSameFigures("seeded");
  }, 120_000);

  it("is read only for the unscoped view; a facilitator's own scope reads the sessions", () => {
    expect(rowSource({ kind: "all" })).toBe("rollup");
    expect(rowSource({ kind: "own", userId: "u" })).toBe("sessions");
    expect(rowSource({ kind: "own", userId: "u" }, "rollup")).toBe("sessions");
  });

  it("stays right as sessions end, decisions are rewritten, teams merge and sessions are deleted", async () => {
    const running = a.sessionIds[3];
    await prisma.$executeRaw`update exercise_sessions set status = 'RUNNING' where id = ${running}`;
    await expectSameFigures("a session reopened");
    await prisma.$executeRaw`update exercise_sessions set status = 'ENDED' where id = ${running}`;
    await expectSameFigures("the session ended again");

    // Fewer voters on one decision (as an erasure leaves it): the maximum must drop too.
    await prisma.$executeRaw`update decisions set tally = '{"counts":{},"counted":1,"total":1}'::jsonb
      where session_team_id in (select id from session_teams where session_id = ${a.sessionIds[1]})`;
    await expectSameFigures("tallies rewritten");

    await prisma.$executeRaw`update exercise_sessions set started_at = started_at + interval '40 days' where id = ${a.sessionIds[2]}`;
    await expectSameFigures("a session re-dated");

    // A team merge moves every team session of one team to another.
    await prisma.$executeRaw`update session_teams set team_id = ${a.teamIds[0]} where team_id = ${a.teamIds[1]}`;
    await expectSameFigures("two teams merged");

    await prisma.$executeRaw`delete from session_teams where id = (select id from session_teams where session_id = ${a.sessionIds[5]} order by id limit 1)`;
    await prisma.$executeRaw`delete from exercise_sessions where id = ${a.sessionIds[6]}`;
    await expectSameFigures("a team session and a session deleted");
  }, 240_000);

  it("rebuilds in bulk to the very rows the triggers keep", async () => {
    const snapshot = () => Promise.all([
      prisma.$queryRaw`select grain, team_id, scenario_slug, period::text as period, capability_id, earned, best, decisions, sessions, respondents from report_rollup order by 1, 2, 3, 4, 5`,
      prisma.$queryRaw`select grain, team_id, scenario_slug, period::text as period, sessions, decisions, respondents from report_rollup_teams order by 1, 2, 3, 4`,
    ]);
    const kept = await snapshot();
    expect((kept[0] as unknown[]).length).toBeGreaterThan(50);
    await prisma.$queryRaw`select readyroom_rollup_rebuild()::text`;
    expect(await snapshot()).toEqual(kept);
  }, 60_000);
});

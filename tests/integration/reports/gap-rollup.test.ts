// The training-gap rollups (report_gap_rollup, report_gap_rollup_sessions, report_team_sessions,
// gap_analysis_queue) against the per-session queries they replace, on each database target:
// the same gap ranking (with and without teams left out as small groups) and the same
// persistent gaps for every filter, kept right by the triggers as sessions end, decisions are
// rewritten, teams merge and sessions are deleted; the stale check finds exactly what changed;
// and a bulk rebuild gives the very rows the triggers keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DB_TARGETS } from "../../helpers/db";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";
import { gapRanking, persistentTeamGaps, refreshGapAnalyses } from "@/lib/reports/gaps";
import { gapSource } from "@/lib/reports/gaps-rollup";
import { parseReportFilters, type TReportFilters } from "@/lib/reports/filters";
import type { ReportScope } from "@/lib/reports/scope";

const ALL: ReportScope = { kind: "all" };
const K = 3;
const filters = (p: Record<string, string | string[]> = {}): TReportFilters => {
  const r = parseReportFilters(p);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.filters;
};

describe.each(DB_TARGETS)("the training-gap rollups on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let a: ReportSeed;
  let b: ReportSeed;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    // Two scenarios, sessions every 20 hours (several share a day; weeks and months are
    // crossed), a small team, a silent team, aborted sessions: everything through the triggers.
    a = await seedReports(prisma, { tag: "ga", sessions: 16, teams: 4, decisionsPerTeam: 4, start: new Date("2026-01-28T20:00:00Z"), spacingHours: 20, abortEvery: 7, smallTeamVoters: 2, silentTeam: true });
    b = await seedReports(prisma, { tag: "gb", sessions: 6, teams: 2, decisionsPerTeam: 4, start: new Date("2026-02-10T09:00:00Z"), spacingHours: 30, scenarioFile: "scenarios/cloud-tenant-takeover.json" });
  }, 600_000);
  afterAll(async () => close?.());

  const views = (): Array<[string, TReportFilters]> => [
    ["no filter", filters()],
    ["one scenario", filters({ scenario: a.slug })],
    ["a date range", filters({ from: "2026-02-03", to: "2026-02-14" })],
    ["a whole month and edge days", filters({ from: "2026-01-15", to: "2026-03-10" })],
    ["one scenario and dates", filters({ scenario: a.slug, from: "2026-01-29", to: "2026-02-20" })],
    ["an empty range", filters({ from: "2030-01-01" })],
  ];

  async function expectSameFigures(label: string) {
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBeGreaterThanOrEqual(0);
    const leftOut = [[], [a.teamIds[0]], [a.teamIds[1], b.teamIds[0]]];
    const all = [...a.teamIds, ...b.teamIds];
    for (const [name, f] of views()) {
      expect(await gapRanking(prisma, ALL, f, { limit: 50 }), `${label}: ranking, ${name}`).toEqual(await gapRanking(prisma, ALL, f, { limit: 50, source: "sessions" }));
      for (const out of leftOut) {
        const teamIds = all.filter((id) => !out.includes(id));
        expect(await gapRanking(prisma, ALL, f, { limit: 50, teamIds }), `${label}: ranking without ${out.length} teams, ${name}`).toEqual(await gapRanking(prisma, ALL, f, { limit: 50, teamIds, source: "sessions" }));
      }
      expect(await persistentTeamGaps(prisma, ALL, f, K), `${label}: persistent, ${name}`).toEqual(await persistentTeamGaps(prisma, ALL, f, K, { source: "sessions" }));
    }
  }

  it("gives the same ranking and persistent gaps as the per-session tables for every filter", async () => {
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBeGreaterThan(20);
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(0);
    const ranking = await gapRanking(prisma, ALL, filters(), { limit: 50 });
    expect(ranking.length).toBeGreaterThan(0);
    expect(ranking.some((r) => r.sessions > 1 && r.teams > 1)).toBe(true);
    await expectSameFigures("seeded");
  }, 180_000);

  it("is read only for the unscoped view of all teams", () => {
    expect(gapSource(ALL, filters())).toBe("rollup");
    expect(gapSource(ALL, filters({ team: ["t"] }))).toBe("sessions");
    expect(gapSource({ kind: "own", userId: "u" }, filters(), "rollup")).toBe("sessions");
  });

  it("queues exactly the team sessions whose decisions changed", async () => {
    await refreshGapAnalyses(prisma, ALL, filters());
    await prisma.$executeRaw`update decisions set option_id = option_id || '-x'
      where id = (select d.id from decisions d join session_teams st on st.id = d.session_team_id
        where st.session_id = ${a.sessionIds[4]} and st.team_id is not null order by d.id limit 1)`;
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(1);
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(0);
    await expectSameFigures("a decision rewritten and analysed again");
  }, 180_000);

  it("stays right as sessions end, are re-dated, teams merge and sessions are deleted", async () => {
    const running = a.sessionIds[3];
    await prisma.$executeRaw`update exercise_sessions set status = 'RUNNING' where id = ${running}`;
    await expectSameFigures("a session reopened");
    await prisma.$executeRaw`update exercise_sessions set status = 'ENDED' where id = ${running}`;
    await expectSameFigures("the session ended again");

    await prisma.$executeRaw`update exercise_sessions set started_at = started_at + interval '40 days' where id = ${a.sessionIds[2]}`;
    await expectSameFigures("a session re-dated");

    await prisma.$executeRaw`update session_teams set team_id = ${a.teamIds[0]} where team_id = ${a.teamIds[1]}`;
    await expectSameFigures("two teams merged");

    await prisma.$executeRaw`delete from session_teams where id = (select id from session_teams where session_id = ${a.sessionIds[5]} order by id limit 1)`;
    await prisma.$executeRaw`delete from exercise_sessions where id = ${a.sessionIds[6]}`;
    await expectSameFigures("a team session and a session deleted");
  }, 300_000);

  it("rebuilds in bulk to the very rows the triggers keep", async () => {
    const snapshot = () => Promise.all([
      prisma.$queryRaw`select grain, team_id, scenario_slug, period::text as period, training_id, title, occurrences, cost from report_gap_rollup order by 1, 2, 3, 4, 5`,
      prisma.$queryRaw`select grain, scenario_slug, period::text as period, training_id, sessions from report_gap_rollup_sessions order by 1, 2, 3, 4`,
      prisma.$queryRaw`select session_team_id, team_id, session_id, scenario_slug, at from report_team_sessions order by 1`,
      prisma.$queryRaw`select session_team_id from gap_analysis_queue order by 1`,
    ]);
    const kept = await snapshot();
    expect((kept[0] as unknown[]).length).toBeGreaterThan(20);
    await prisma.$queryRaw`select readyroom_gap_rollup_rebuild()::text`;
    expect(await snapshot()).toEqual(kept);
  }, 60_000);
});

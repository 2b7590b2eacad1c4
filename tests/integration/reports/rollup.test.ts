// The report rollups against the per-session queries they replace, on each database target,
// on one seeded world (every decision through the triggers): the dashboard rollup
// (report_rollup, report_rollup_teams: heat-map and trends), the dashboard views at scale
// (report_rollup_all, report_cell_sessions: heat-map, trends by month and week, drill-down) and
// the training-gap rollups (report_gap_rollup, report_gap_rollup_sessions, report_team_sessions,
// gap_analysis_queue: ranking with and without teams left out, persistent gaps) give the same
// figures for every filter, kept right by the triggers as decisions are rewritten, sessions
// reopen, end, are re-dated or deleted and teams merge; the stale check finds exactly what
// changed; and each bulk rebuild gives the very rows the triggers keep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { DB_TARGETS } from "../../helpers/db";
import { reportFilters as filters, seedRollupWorld, type RollupWorld } from "../../helpers/report-seed-world";
import { heatMap } from "@/lib/reports/dashboard";
import { cellSessions } from "@/lib/reports/drilldown";
import { gapRanking, refreshGapAnalyses } from "@/lib/reports/gaps";
import { gapSource } from "@/lib/reports/gaps-rollup";
import { rowSource } from "@/lib/reports/rollup";
import type { ReportScope } from "@/lib/reports/scope";
import { K, REBUILDS, expectSameDashboard, expectSameGaps, expectSameViews } from "./rollup-compare";

const ALL: ReportScope = { kind: "all" };

describe.each(DB_TARGETS)("the report rollups on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let world: RollupWorld;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    world = await seedRollupWorld(prisma);
  }, 600_000);
  afterAll(async () => close?.());

  it("gives the same dashboard heat-map and trends as the per-session tables for every filter", async () => {
    const map = await heatMap(prisma, ALL, filters(), K);
    expect(map.teams.length).toBe(7); // 4 + 1 silent of a, 2 of b
    expect(map.teams.some((t) => t.row.suppressed)).toBe(true);
    await expectSameDashboard(prisma, world, "seeded");
  }, 120_000);

  it("gives the same views' heat-map, trends and drill-down as the per-session tables for every filter", async () => {
    const map = await heatMap(prisma, ALL, filters(), K);
    expect(map.teams.length).toBeGreaterThanOrEqual(6);
    const listed = await cellSessions(prisma, ALL, filters(), world.a.teamIds[0], map.capabilities[0].id, K);
    expect(listed.some((s) => s.status === "ABORTED")).toBe(true);
    await expectSameViews(prisma, world, "seeded");
  }, 300_000);

  it("gives the same gap ranking and persistent gaps as the per-session tables for every filter", async () => {
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBeGreaterThan(20);
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(0);
    const ranking = await gapRanking(prisma, ALL, filters(), { limit: 50 });
    expect(ranking.length).toBeGreaterThan(0);
    expect(ranking.some((r) => r.sessions > 1 && r.teams > 1)).toBe(true);
    await expectSameGaps(prisma, world, "seeded");
  }, 180_000);

  it("is read only for the unscoped view (of all teams, for gaps); a facilitator's own scope reads the sessions", () => {
    expect(rowSource({ kind: "all" })).toBe("rollup");
    expect(rowSource({ kind: "own", userId: "u" })).toBe("sessions");
    expect(rowSource({ kind: "own", userId: "u" }, "rollup")).toBe("sessions");
    expect(gapSource(ALL, filters())).toBe("rollup");
    expect(gapSource(ALL, filters({ team: ["t"] }))).toBe("sessions");
    expect(gapSource({ kind: "own", userId: "u" }, filters(), "rollup")).toBe("sessions");
  });

  it("keeps the views right when a decision's points are rewritten", async () => {
    await prisma.$executeRaw`update decisions set points = best_points
      where id = (select d.id from decisions d join session_teams st on st.id = d.session_team_id
        where st.session_id = ${world.a.sessionIds[4]} and st.team_id is not null order by d.id limit 1)`;
    await expectSameViews(prisma, world, "a decision rewritten");
  }, 300_000);

  it("queues exactly the team sessions whose decisions changed", async () => {
    await refreshGapAnalyses(prisma, ALL, filters());
    await prisma.$executeRaw`update decisions set option_id = option_id || '-x'
      where id = (select d.id from decisions d join session_teams st on st.id = d.session_team_id
        where st.session_id = ${world.a.sessionIds[4]} and st.team_id is not null order by d.id limit 1)`;
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(1);
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(0);
    await expectSameGaps(prisma, world, "a decision rewritten and analysed again");
  }, 180_000);

  it("stays right as sessions reopen, end, are re-dated, tallies are rewritten, teams merge and sessions are deleted", async () => {
    const { a } = world;
    const dashboard = (label: string) => expectSameDashboard(prisma, world, label);
    const views = (label: string) => expectSameViews(prisma, world, label);
    const gaps = (label: string) => expectSameGaps(prisma, world, label);

    const running = a.sessionIds[3];
    await prisma.$executeRaw`update exercise_sessions set status = 'RUNNING' where id = ${running}`;
    for (const check of [dashboard, views, gaps]) await check("a session reopened");
    await prisma.$executeRaw`update exercise_sessions set status = 'ENDED' where id = ${running}`;
    for (const check of [dashboard, gaps]) await check("the session ended again");

    // Fewer voters on one session's decisions (as an erasure leaves them): the maximum must drop too.
    await prisma.$executeRaw`update decisions set tally = '{"counts":{},"counted":1,"total":1}'::jsonb
      where session_team_id in (select id from session_teams where session_id = ${a.sessionIds[1]})`;
    await dashboard("tallies rewritten");

    await prisma.$executeRaw`update exercise_sessions set started_at = started_at + interval '40 days' where id = ${a.sessionIds[2]}`;
    for (const check of [dashboard, views, gaps]) await check("a session ended again and another re-dated");

    // A team merge moves every team session of one team to another.
    await prisma.$executeRaw`update session_teams set team_id = ${a.teamIds[0]} where team_id = ${a.teamIds[1]}`;
    for (const check of [dashboard, views, gaps]) await check("two teams merged");

    await prisma.$executeRaw`delete from session_teams where id = (select id from session_teams where session_id = ${a.sessionIds[5]} and team_id is not null order by id limit 1)`;
    await prisma.$executeRaw`delete from exercise_sessions where id = ${a.sessionIds[6]}`;
    for (const check of [dashboard, views, gaps]) await check("a team session and a session deleted");
  }, 1_200_000);

  it("keeps no team session of an aborted session in the gap queue (an aborted session is never analysed)", async () => {
    const queued = async (sessionId?: string) =>
      (
        await prisma.$queryRaw<Array<{ n: number }>>`select count(*)::int as n from gap_analysis_queue q
          join session_teams st on st.id = q.session_team_id join exercise_sessions s on s.id = st.session_id
          where ${sessionId ? Prisma.sql`s.id = ${sessionId}` : Prisma.sql`s.status = 'ABORTED'`}`
      )[0].n;
    expect(await queued()).toBe(0);
    const [{ id }] = await prisma.$queryRaw<Array<{ id: string }>>`select id from exercise_sessions
      where id in (${Prisma.join(world.a.sessionIds.slice(8))}) and status = 'ENDED' order by id limit 1`;
    // Reopened and its decisions rewritten: queued, as any running session's.
    await prisma.$executeRaw`update exercise_sessions set status = 'RUNNING' where id = ${id}`;
    await prisma.$executeRaw`update decisions set option_id = option_id || '-y' where session_id = ${id}`;
    expect(await queued(id)).toBeGreaterThan(0);
    // Aborted: its team sessions leave the queue, and a later rewrite queues nothing.
    await prisma.$executeRaw`update exercise_sessions set status = 'ABORTED' where id = ${id}`;
    expect(await queued(id)).toBe(0);
    await prisma.$executeRaw`update decisions set option_id = option_id || '-z' where session_id = ${id}`;
    expect(await queued(id)).toBe(0);
    expect(await refreshGapAnalyses(prisma, ALL, filters())).toBe(0);
    await expectSameGaps(prisma, world, "a session aborted");
  }, 180_000);

  it("rebuilds each family in bulk to the very rows the triggers keep", async () => {
    for (const { family, rebuild, rows, atLeast } of REBUILDS) {
      const kept = await rows(prisma);
      atLeast.forEach((n, i) => expect(kept[i].length, `${family}: rows of table ${i + 1}`).toBeGreaterThan(n));
      await rebuild(prisma);
      expect(await rows(prisma), `${family}: rebuilt`).toEqual(kept);
    }
  }, 120_000);
});

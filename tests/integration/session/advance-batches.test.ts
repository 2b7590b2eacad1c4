// Facilitators' advances committed in groups (lib/session/advance-batcher.ts), on each
// database target: a burst over many teams commits every advance with its event and replay
// record, a retry in the same burst replays, and a command that cannot apply is refused
// alone while the rest of its group goes through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { createStaff, importFixtureScenario } from "../../helpers/session-world";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SessionService, type SessionPublisher } from "@/lib/session/service";
import type { TeamView } from "@/lib/session/views";
import type { SignedInUser } from "@/lib/auth/types";

const noTimers = { schedule() {}, cancel() {} };

describe.each(DB_TARGETS)("grouped advances on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let scenarioId: string;
  let facilitator: SignedInUser;
  const views = new Map<string, TeamView[]>();
  const publisher: SessionPublisher = {
    teamChanged: (_s, t, view) => {
      if (view) views.set(t, [...(views.get(t) ?? []), view]);
    },
    sessionChanged: () => undefined,
    consoleChanged: () => undefined,
    participantChanged: () => undefined,
  };

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    scenarioId = await importFixtureScenario(prisma);
    facilitator = await createStaff(prisma, `adv-${target.name}@x.io`);
  });
  afterAll(async () => close?.());

  async function started(teamCount: number) {
    const service = new SessionService(prisma, publisher, noTimers, () => "http://rr.test");
    const s = await service.createSession(facilitator, { scenarioId, teams: Array.from({ length: teamCount }, (_, i) => `T${i + 1}`), anonymous: true });
    await service.command(facilitator, s.id, { type: "start" }, "start");
    const teams = await prisma.sessionTeam.findMany({ where: { sessionId: s.id }, orderBy: { position: "asc" } });
    return { service, sessionId: s.id, teamIds: teams.map((t) => t.id) };
  }

  it("commits a burst of advances over many teams, each with its event, replay record and view", async () => {
    const { service, sessionId, teamIds } = await started(12);
    // The last team is already at its decision: advancing it again is refused alone.
    await service.command(facilitator, sessionId, { type: "advance", teamId: teamIds[11] }, "early");
    const outcomes = await Promise.allSettled([
      ...teamIds.map((teamId, i) => service.command(facilitator, sessionId, { type: "advance", teamId }, `adv-${i}`)),
      // A retry of team 1's command, sent in the same burst.
      service.command(facilitator, sessionId, { type: "advance", teamId: teamIds[0] }, "adv-0"),
    ]);
    const refused = outcomes.flatMap((o, i) => (o.status === "rejected" ? [{ i, reason: o.reason }] : []));
    expect(refused.map((r) => r.i)).toEqual([11]);
    expect(refused[0].reason).toMatchObject({ code: expect.any(String) });
    expect(refused[0].reason.code).not.toBe("INTERNAL");
    for (const o of outcomes.slice(0, 11)) expect(o).toMatchObject({ status: "fulfilled", value: { nodeId: "contain", visit: 1, status: "running" } });
    // The retry answers with the first run's result.
    expect(outcomes[12]).toEqual(outcomes[0]);

    const teams = await prisma.sessionTeam.findMany({ where: { sessionId }, orderBy: { position: "asc" } });
    for (const t of teams) {
      expect((t.state as { nodeId: string }).nodeId).toBe("contain");
      // Started (1), advanced once (2): the retry and the refused command changed nothing.
      expect(t.revision).toBe(2);
      expect(t.deadlineAt).not.toBeNull();
    }
    expect(await prisma.sessionEvent.count({ where: { sessionId, type: "team.advanced" } })).toBe(12);
    const event = await prisma.sessionEvent.findFirstOrThrow({ where: { sessionTeamId: teamIds[3], type: "team.advanced" } });
    expect(event).toMatchObject({ payload: { from: "alert", to: "contain", visit: 1 }, actorType: "user", actorId: facilitator.id });
    expect(await prisma.processedCommand.count({ where: { sessionId, key: { startsWith: `cmd:${sessionId}:adv-` } } })).toBe(11);
    // Each team's pushed view is the committed one.
    for (const [i, teamId] of teamIds.entries()) {
      const last = views.get(teamId)!.at(-1)!;
      expect(last).toMatchObject({ revision: 2, node: { id: "contain" } });
      expect(last.deadlineAt).toBe(teams[i].deadlineAt!.toISOString());
    }
  });

  it("refuses an advance of another session's team or of a paused session, and lets the others through", async () => {
    const a = await started(3);
    const b = await started(1);
    const outcomes = await Promise.allSettled([
      a.service.command(facilitator, a.sessionId, { type: "advance", teamId: a.teamIds[0] }, "x-0"),
      a.service.command(facilitator, a.sessionId, { type: "advance", teamId: b.teamIds[0] }, "x-foreign"),
      a.service.command(facilitator, a.sessionId, { type: "advance", teamId: a.teamIds[1] }, "x-1"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "TEAM_NOT_FOUND" });
    expect((await prisma.sessionTeam.findUniqueOrThrow({ where: { id: b.teamIds[0] } })).revision).toBe(1);

    await a.service.command(facilitator, a.sessionId, { type: "pause" }, "pause");
    await expect(a.service.command(facilitator, a.sessionId, { type: "advance", teamId: a.teamIds[2] }, "x-2")).rejects.toMatchObject({ code: "SESSION_NOT_RUNNING" });
    expect(await prisma.sessionEvent.count({ where: { sessionId: a.sessionId, type: "team.advanced" } })).toBe(2);
  });

  it("replays an advance after a restart (the replay record is in the database, not the process)", async () => {
    const { service, sessionId, teamIds } = await started(2);
    const first = await service.command(facilitator, sessionId, { type: "advance", teamId: teamIds[0] }, "r-0");
    const restarted = new SessionService(prisma, publisher, noTimers, () => "http://rr.test");
    await expect(restarted.command(facilitator, sessionId, { type: "advance", teamId: teamIds[0] }, "r-0")).resolves.toEqual(first);
    expect((await prisma.sessionTeam.findUniqueOrThrow({ where: { id: teamIds[0] } })).revision).toBe(2);
  });
});

// Sessions that were never ended: once idle for longer than `abandonedAfterDays` they count
// as aborted (ending at their last activity), and their raw data is then deleted on the
// same retention clock as an ended session's. Aggregates stay. On each database target.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runRetention } from "@/lib/privacy/retention";
import { updateSettings } from "@/lib/privacy/settings";
import { playSession, setupPrivacyWorld, type PrivacyWorld } from "./seed";

const DAY = 86_400_000;

describe.each(DB_TARGETS)("abandoned sessions on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let world: PrivacyWorld;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    world = await setupPrivacyWorld(prisma, target.name);
  });
  afterAll(async () => close?.());

  const raw = async (sessionId: string) => ({
    responses: await prisma.response.count({ where: { sessionId } }),
    votes: await prisma.vote.count({ where: { sessionId } }),
    participants: await prisma.participant.count({ where: { sessionId } }),
  });

  it("aborts idle unfinished sessions and deletes their raw data on the retention clock, keeping aggregates", async () => {
    await updateSettings(prisma, world.admin, { abandonedAfterDays: 14, retentionDays: 30 });
    const running = await playSession(world); // RUNNING, two locked decisions
    const paused = await playSession(world, { stopAt: "contain" });
    await world.service.command(world.facilitator, paused.sessionId, { type: "pause" }, "pause-key-1");
    const lobby = await world.service.createSession(world.facilitator, { scenarioId: world.scenarioId, teams: ["Blue"], anonymous: true });
    await world.service.joinSession({ code: lobby.joinCode });
    const ended = await playSession(world, { end: true });
    const decisionsBefore = await prisma.decision.findMany({ where: { sessionId: running.sessionId }, orderBy: { nodeId: "asc" } });
    expect(decisionsBefore).toHaveLength(2);
    const t0 = Date.now();

    // 13 days idle: nothing is abandoned yet.
    const early = await runRetention(prisma, new Date(t0 + 13 * DAY), { system: "test" });
    expect(early.abortedSessionIds).toEqual([]);
    expect((await prisma.exerciseSession.findUnique({ where: { id: running.sessionId } }))?.status).toBe("RUNNING");

    // 15 days idle: the three unfinished sessions are aborted, ending at their last activity;
    // their raw data is kept until the retention period (30 days) from that moment has passed.
    const aborted = await runRetention(prisma, new Date(t0 + 15 * DAY), { system: "test" });
    expect(new Set(aborted.abortedSessionIds)).toEqual(new Set([running.sessionId, paused.sessionId, lobby.id]));
    expect(aborted.abandoned).toBe(3);
    for (const id of [running.sessionId, paused.sessionId, lobby.id]) {
      const s = await prisma.exerciseSession.findUniqueOrThrow({ where: { id } });
      expect(s.status).toBe("ABORTED");
      expect(s.endedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(s.endedAt!.getTime()).toBeGreaterThan(t0 - 60_000);
      expect(await prisma.sessionEvent.count({ where: { sessionId: id, type: "session.aborted" } })).toBe(1);
    }
    expect((await prisma.exerciseSession.findUniqueOrThrow({ where: { id: ended.sessionId } })).status).toBe("ENDED");
    expect(await raw(running.sessionId)).toEqual({ responses: 6, votes: 6, participants: 3 });
    expect(aborted.sessionIds).not.toContain(running.sessionId);
    expect(await prisma.auditLog.count({ where: { action: "modify", resourceType: "session", resourceId: running.sessionId, detail: { path: ["reason"], equals: "abandoned" } } })).toBe(1);

    // A facilitator cannot bring an aborted session back.
    await expect(world.service.command(world.facilitator, running.sessionId, { type: "resume" }, "resume-key-1")).rejects.toBeTruthy();

    // 31 days after the last activity: raw data goes, for the aborted and the ended sessions alike.
    const purged = await runRetention(prisma, new Date(t0 + 31 * DAY), { system: "test" });
    expect(purged.abortedSessionIds).toEqual([]);
    expect(new Set(purged.sessionIds)).toEqual(new Set([running.sessionId, paused.sessionId, lobby.id, ended.sessionId]));
    for (const id of [running.sessionId, paused.sessionId, lobby.id, ended.sessionId]) expect(await raw(id)).toEqual({ responses: 0, votes: 0, participants: 0 });
    // Aggregates stay: decisions with their tallies, and the event log.
    expect(await prisma.decision.findMany({ where: { sessionId: running.sessionId }, orderBy: { nodeId: "asc" } })).toEqual(decisionsBefore);
    expect(await prisma.sessionEvent.count({ where: { sessionId: running.sessionId } })).toBeGreaterThan(5);
  });
});

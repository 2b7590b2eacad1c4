// Retention against each database target: raw data of sessions past the retention period
// goes, aggregates and the event log stay, the run is audited, and a second run is a no-op.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { lastRetentionRun, retentionPurges, runRetention } from "@/lib/privacy/retention";
import { updateSettings } from "@/lib/privacy/settings";
import { playSession, setupPrivacyWorld, type PrivacyWorld } from "./seed";

const DAY = 86_400_000;

describe.each(DB_TARGETS)("retention on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let world: PrivacyWorld;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    world = await setupPrivacyWorld(prisma, target.name);
  });
  afterAll(async () => close?.());

  async function rawCounts(sessionId: string) {
    const where = { sessionId };
    return {
      responses: await prisma.response.count({ where }),
      votes: await prisma.vote.count({ where }),
      participants: await prisma.participant.count({ where }),
      processedCommands: await prisma.processedCommand.count({ where }),
    };
  }

  async function kept(sessionId: string) {
    const where = { sessionId };
    return {
      session: await prisma.exerciseSession.findUnique({ where: { id: sessionId }, select: { status: true, endedAt: true } }),
      decisions: await prisma.decision.findMany({ where, orderBy: { nodeId: "asc" }, select: { nodeId: true, optionId: true, method: true, tally: true, points: true } }),
      teams: await prisma.sessionTeam.findMany({ where, select: { state: true } }),
      notes: await prisma.note.count({ where }),
      events: await prisma.sessionEvent.count({ where }),
    };
  }

  it("deletes raw data only of sessions that ended before the retention period, keeps aggregates, and audits it", async () => {
    const now = new Date();
    const old = await playSession(world, { end: true });
    const recent = await playSession(world, { end: true });
    const running = await playSession(world);
    await prisma.exerciseSession.update({ where: { id: old.sessionId }, data: { endedAt: new Date(now.getTime() - 181 * DAY) } });
    await prisma.exerciseSession.update({ where: { id: recent.sessionId }, data: { endedAt: new Date(now.getTime() - 179 * DAY) } });

    const oldBefore = await rawCounts(old.sessionId);
    expect(oldBefore).toMatchObject({ responses: 6, votes: 6, participants: 3 });
    expect(oldBefore.processedCommands).toBeGreaterThan(0);
    const recentBefore = await rawCounts(recent.sessionId);
    const runningBefore = await rawCounts(running.sessionId);
    const keptBefore = await kept(old.sessionId);
    expect(keptBefore.decisions.map((d) => d.tally)).toEqual([
      { counts: { isolate: 2, wait: 1, "notify-now": 0 }, counted: 3, total: 3 },
      { counts: { yes: 2, no: 1 }, counted: 2, total: 3 },
    ]);

    const result = await runRetention(prisma, now, { system: "test" });
    expect(result).toMatchObject({ retentionDays: 180, sessions: 1, sessionIds: [old.sessionId], responses: 6, votes: 6, participants: 3, processedCommands: oldBefore.processedCommands });

    expect(await rawCounts(old.sessionId)).toEqual({ responses: 0, votes: 0, participants: 0, processedCommands: 0 });
    expect(await rawCounts(recent.sessionId)).toEqual(recentBefore);
    expect(await rawCounts(running.sessionId)).toEqual(runningBefore);
    // The resume tokens went with the participant rows.
    await expect(world.service.participantByToken(old.ada.token)).rejects.toMatchObject({ code: "PARTICIPANT_UNKNOWN" });

    // Aggregates, notes, team states and the append-only event log are untouched.
    expect(await kept(old.sessionId)).toEqual(keptBefore);
    expect(keptBefore.teams[0].state).not.toBeNull();
    expect(keptBefore.notes).toBe(1);
    // The events never held the raw text or names in the first place.
    const events = await prisma.sessionEvent.findMany({ where: { sessionId: old.sessionId } });
    expect(events.length).toBeGreaterThan(10);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toMatch(/secret answer|Ada|Ben|"Cy"/);

    const audits = await prisma.auditLog.findMany({ where: { action: "delete", resourceType: "responses" } });
    expect(audits).toEqual([
      expect.objectContaining({
        actorLabel: "test",
        resourceId: old.sessionId,
        detail: expect.objectContaining({ reason: "retention", retentionDays: 180, responses: 6, votes: 6, participants: 3 }),
      }),
    ]);
    expect([...(await retentionPurges(prisma, [old.sessionId, recent.sessionId])).keys()]).toEqual([old.sessionId]);

    // A second run finds nothing left to delete and writes no audit row.
    const again = await runRetention(prisma, now, { system: "test" });
    expect(again).toMatchObject({ sessions: 0, sessionIds: [], responses: 0, votes: 0, participants: 0, processedCommands: 0 });
    expect(await prisma.auditLog.count({ where: { action: "delete", resourceType: "responses" } })).toBe(1);
    expect(await lastRetentionRun(prisma)).toMatchObject({ actor: "test", sessions: 0, at: now.toISOString() });
  });

  it("follows the live retention setting", async () => {
    const s = await playSession(world, { end: true });
    const now = new Date();
    expect((await runRetention(prisma, new Date(now.getTime() + 2 * DAY), { system: "test" })).sessionIds).not.toContain(s.sessionId);
    const { changed } = await updateSettings(prisma, world.admin, { retentionDays: 1 });
    expect(changed).toEqual({ retentionDays: { old: 180, new: 1 } });
    expect(await prisma.auditLog.findFirst({ where: { action: "modify", resourceType: "settings" }, orderBy: { id: "desc" } })).toMatchObject({
      actorId: world.admin.id,
      detail: { fields: ["retentionDays"] },
    });
    const r = await runRetention(prisma, new Date(now.getTime() + 2 * DAY), world.admin);
    expect(r.sessionIds).toContain(s.sessionId);
    expect(await rawCounts(s.sessionId)).toEqual({ responses: 0, votes: 0, participants: 0, processedCommands: 0 });
  });
});

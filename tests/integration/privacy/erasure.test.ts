// Erasure and export of one participant against each database target: their rows go,
// stored tallies are recomputed without them, their token stops working (also mid-session),
// and a named participant's export holds exactly their own data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { eraseParticipant, exportParticipant } from "@/lib/privacy/erasure";
import { playSession, setupPrivacyWorld, type PrivacyWorld } from "./seed";

describe.each(DB_TARGETS)("participant erasure and export on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let world: PrivacyWorld;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    world = await setupPrivacyWorld(prisma, target.name);
  });
  afterAll(async () => close?.());

  const tallies = (sessionId: string) =>
    prisma.decision.findMany({ where: { sessionId }, orderBy: { nodeId: "asc" }, select: { nodeId: true, optionId: true, method: true, tally: true } });

  it("erases a participant of an ended session and recomputes the decisions' tallies without them", async () => {
    const s = await playSession(world, { end: true });
    const result = await eraseParticipant(prisma, world.admin, s.ada.me.id);
    expect(result).toEqual({
      participantId: s.ada.me.id,
      sessionId: s.sessionId,
      responses: 2,
      votes: 2,
      processedCommands: 4,
      decisionsRecomputed: 2,
      dataKeys: 1,
      // The embedded default owns its KEK file and replaces it; an operator's KEK is due for rotation.
      kekRotated: target.name === "embedded",
      kekRotationDue: target.name !== "embedded",
      kekId: expect.any(String),
    });

    expect(await prisma.participant.findUnique({ where: { id: s.ada.me.id } })).toBeNull();
    expect(await prisma.response.count({ where: { participantId: s.ada.me.id } })).toBe(0);
    expect(await prisma.vote.count({ where: { participantId: s.ada.me.id } })).toBe(0);
    expect(await prisma.processedCommand.count({ where: { key: { contains: s.ada.me.id } } })).toBe(0);
    // Everyone else's data is untouched.
    expect(await prisma.response.count({ where: { sessionId: s.sessionId } })).toBe(4);
    expect(await prisma.participant.count({ where: { sessionId: s.sessionId } })).toBe(2);

    // The decisions stand; the counts behind them no longer include Ada.
    expect(await tallies(s.sessionId)).toEqual([
      { nodeId: "contain", optionId: "isolate", method: "majority", tally: { counts: { isolate: 1, wait: 1, "notify-now": 0 }, counted: 2, total: 2 } },
      { nodeId: "notify", optionId: "yes", method: "role", tally: { counts: { yes: 1, no: 1 }, counted: 1, total: 2 } },
    ]);

    await expect(world.service.participantByToken(s.ada.token)).rejects.toMatchObject({ code: "PARTICIPANT_UNKNOWN" });
    expect(await prisma.auditLog.findFirst({ where: { action: "delete", resourceType: "user", resourceId: s.ada.me.id } })).toMatchObject({
      actorId: world.admin.id,
      detail: { kind: "participant", sessionId: s.sessionId, responses: 2, votes: 2, decisionsRecomputed: 2 },
    });
    await expect(eraseParticipant(prisma, world.admin, s.ada.me.id)).rejects.toMatchObject({ code: "PARTICIPANT_NOT_FOUND" });
  });

  it("erases a participant of a running session: their connection's next command fails cleanly and the later lock does not count them", async () => {
    const s = await playSession(world, { stopAt: "contain" });
    await eraseParticipant(prisma, world.admin, s.cy.me.id);
    // The socket layer re-reads the identity before every command.
    await expect(world.service.participantIdentity(s.cy.me.id)).rejects.toMatchObject({ code: "PARTICIPANT_UNKNOWN" });
    await expect(world.service.participantByToken(s.cy.token)).rejects.toMatchObject({ code: "PARTICIPANT_UNKNOWN" });
    // The exercise carries on for the others.
    await world.service.castVote(s.ben.me, { nodeId: "contain", visit: 1, optionId: "wait" }, "ben-changes-mind");
    await world.service.command(world.facilitator, s.sessionId, { type: "lock", teamId: s.teamId, optionId: "isolate" }, "lock-after-erasure");
    expect(await tallies(s.sessionId)).toEqual([
      { nodeId: "contain", optionId: "isolate", method: "tie-break", tally: { counts: { isolate: 1, wait: 1, "notify-now": 0 }, counted: 2, total: 2 } },
    ]);
  });

  it("exports a named participant's own answers and votes, and refuses an anonymous session", async () => {
    const s = await playSession(world, { end: true });
    const data = await exportParticipant(prisma, s.ben.me.id);
    expect(data).toMatchObject({
      participant: { id: s.ben.me.id, displayName: "Ben", role: { id: "lead", name: "Incident lead" }, team: "Blue" },
      session: { id: s.sessionId, status: "ENDED", scenario: "Live drill" },
      retention: { retentionDays: expect.any(Number), rawDataDeletedAfter: expect.any(String) },
    });
    expect(data.answers.map((a) => [a.question, a.text, a.value])).toEqual([
      ["Who owns this system?", "Ben's secret answer", null],
      ["How confident are you in the plan?", null, 4],
    ]);
    expect(data.votes.map((v) => [v.nodeId, v.optionId])).toEqual([["contain", "isolate"], ["notify", "no"]]);
    // Only Ben's own data.
    expect(JSON.stringify(data)).not.toMatch(/Ada|Cy's/);
    expect(await prisma.auditLog.findFirst({ where: { action: "export", resourceType: "responses", resourceId: s.ben.me.id } })).not.toBeNull();

    const anon = await playSession(world, { anonymous: true, stopAt: "contain" });
    await expect(exportParticipant(prisma, anon.ada.me.id)).rejects.toMatchObject({ code: "ANONYMOUS_SESSION" });
  });
});

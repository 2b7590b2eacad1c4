// Vote micro-batches at their edges, on each database target: votes that share a batch
// (a retried key, a changed mind), a lock racing the votes, and votes from someone who
// was erased or moved after they joined. The socket layer no longer looks the voter up
// before a vote, so the batch itself must refuse these.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { createStaff, importFixtureScenario } from "../../helpers/session-world";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { eraseParticipant } from "@/lib/privacy/erasure";
import { SessionService, type TimerHost } from "@/lib/session/service";
import type { SignedInUser } from "@/lib/auth/types";

const timers: TimerHost = { schedule() {}, cancel() {} };
const VOTE = { nodeId: "contain", visit: 1 };

describe.each(DB_TARGETS)("vote batches on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let scenarioId: string;
  let facilitator: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    scenarioId = await importFixtureScenario(prisma);
    facilitator = await createStaff(prisma, `fac-vb-${target.name}@x.io`);
    admin = await createStaff(prisma, `adm-vb-${target.name}@x.io`, "ADMIN");
  });
  afterAll(async () => close?.());

  /** A running session whose first team is at the "contain" decision; `people` joined it. */
  async function atDecision(people: number, teams = ["A"]) {
    const service = new SessionService(prisma, undefined, timers, () => "http://rr.test");
    const s = await service.createSession(facilitator, { scenarioId, teams, anonymous: true, selfAssign: true });
    const info = await service.joinInfo(s.id);
    const teamId = info.teams[0].id;
    const joined = [];
    for (let i = 0; i < people; i++) joined.push(await service.participantByToken((await service.joinSession({ code: s.joinCode, teamId })).token));
    await service.command(facilitator, s.id, { type: "start" }, `start-${s.id}`);
    await service.command(facilitator, s.id, { type: "advance", teamId }, `adv-${s.id}`);
    return { service, sessionId: s.id, teamId, otherTeamId: info.teams[1]?.id, people: joined };
  }

  it("answers a key retried within one batch once, from the same vote", async () => {
    const { service, sessionId, people: [p] } = await atDecision(1);
    // Submitted in the same tick, so they share one batch.
    const acks = await Promise.all([
      service.castVote(p, { ...VOTE, optionId: "isolate" }, "same-key-1"),
      service.castVote(p, { ...VOTE, optionId: "isolate" }, "same-key-1"),
    ]);
    expect(acks).toEqual([{ ...VOTE, optionId: "isolate" }, { ...VOTE, optionId: "isolate" }]);
    expect(await prisma.vote.count({ where: { sessionId } })).toBe(1);
    expect(await prisma.sessionEvent.count({ where: { sessionId, type: "vote.cast" } })).toBe(1);
    expect(await prisma.processedCommand.count({ where: { sessionId, key: { startsWith: "vote:" } } })).toBe(1);
    // A later retry of that key is answered from the stored result, even with another option.
    await expect(service.castVote(p, { ...VOTE, optionId: "wait" }, "same-key-1")).resolves.toEqual({ ...VOTE, optionId: "isolate" });
    expect((await prisma.vote.findFirstOrThrow({ where: { sessionId } })).optionId).toBe("isolate");
  });

  it("keeps the later of two votes one participant made within one batch", async () => {
    const { service, sessionId, people: [p] } = await atDecision(1);
    const acks = await Promise.all([
      service.castVote(p, { ...VOTE, optionId: "isolate" }, "first-mind"),
      service.castVote(p, { ...VOTE, optionId: "wait" }, "second-mind"),
    ]);
    expect(acks.map((a) => a.optionId)).toEqual(["isolate", "wait"]);
    const rows = await prisma.vote.findMany({ where: { sessionId } });
    expect(rows.map((r) => r.optionId)).toEqual(["wait"]);
    // Both choices are in the record of what happened.
    expect(await prisma.sessionEvent.count({ where: { sessionId, type: "vote.cast" } })).toBe(2);
  });

  it("counts every acknowledged vote in a lock that races them, and refuses the rest", async () => {
    const { service, sessionId, teamId, people } = await atDecision(12);
    const votes = people.map((p, i) => service.castVote(p, { ...VOTE, optionId: i % 2 ? "isolate" : "wait" }, `race-${i}`));
    const lock = service.command(facilitator, sessionId, { type: "lock", teamId, optionId: "isolate" }, "race-lock");
    // Half the votes arrive after the lock was sent, in the same batch window.
    const late = people.slice(0, 6).map((p, i) => service.castVote(p, { ...VOTE, optionId: "isolate" }, `late-${i}`));
    const outcomes = await Promise.allSettled([...votes, ...late]);
    await lock;
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "DECISION_CLOSED" });
    const decision = await prisma.decision.findFirstOrThrow({ where: { sessionTeamId: teamId } });
    const rows = await prisma.vote.count({ where: { sessionTeamId: teamId, ...VOTE } });
    // No vote was acknowledged and then left out of the tally the lock recorded.
    expect((decision.tally as { total: number }).total).toBe(rows);
    const acceptedVoters = new Set(outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [people[i % 12].id] : [])));
    expect(rows).toBe(acceptedVoters.size);
    // After the lock, nothing more goes in.
    await expect(service.castVote(people[0], { ...VOTE, optionId: "wait" }, "after-lock")).rejects.toMatchObject({ code: "DECISION_CLOSED" });
    expect(await prisma.vote.count({ where: { sessionTeamId: teamId, ...VOTE } })).toBe(rows);
  });

  it("refuses a vote from an erased participant and one moved to another team, and takes the rest of their batch", async () => {
    const { service, sessionId, otherTeamId, people: [erased, moved, stays] } = await atDecision(3, ["A", "B"]);
    await eraseParticipant(prisma, admin, erased.id);
    await service.command(facilitator, sessionId, { type: "assign", participantId: moved.id, teamId: otherTeamId!, roleId: null }, "move-1");
    const [a, b, c] = await Promise.allSettled([
      service.castVote(erased, { ...VOTE, optionId: "isolate" }, "erased-1"),
      // Team B is still at the first inject: the decision is not open for it.
      service.castVote(moved, { ...VOTE, optionId: "isolate" }, "moved-1"),
      service.castVote(stays, { ...VOTE, optionId: "wait" }, "stays-1"),
    ]);
    expect(a).toMatchObject({ status: "rejected", reason: { code: "PARTICIPANT_UNKNOWN" } });
    expect(b).toMatchObject({ status: "rejected", reason: { code: "DECISION_CLOSED" } });
    expect(c).toMatchObject({ status: "fulfilled", value: { ...VOTE, optionId: "wait" } });
    expect((await prisma.vote.findMany({ where: { sessionId } })).map((v) => v.participantId)).toEqual([stays.id]);
  });
});

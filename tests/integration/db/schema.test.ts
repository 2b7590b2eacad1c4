import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

describe.each(DB_TARGETS)("data model on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
  });
  afterAll(async () => close?.());

  async function seedSession() {
    const user = await prisma.user.create({ data: { email: `f${Date.now()}${Math.random()}@x.io`, role: "FACILITATOR" } });
    const scenario = await prisma.scenario.create({
      data: { slug: "s", title: "S", locale: "en", contentHash: `h${Math.random()}`, document: { id: "s" } },
    });
    const session = await prisma.exerciseSession.create({
      data: { title: "Drill", scenarioId: scenario.id, facilitatorId: user.id, joinCode: `C${Math.random()}`.slice(0, 12) },
    });
    const team = await prisma.sessionTeam.create({ data: { sessionId: session.id, name: "Legal" } });
    const participant = await prisma.participant.create({
      data: { sessionId: session.id, sessionTeamId: team.id, displayName: "Quiet Otter", tokenHash: `t${Math.random()}` },
    });
    return { user, scenario, session, team, participant };
  }

  it("stores a session with teams, participants and votes; one vote per participant per decision visit", async () => {
    const { session, team, participant } = await seedSession();
    const vote = { sessionId: session.id, sessionTeamId: team.id, participantId: participant.id, nodeId: "d1", optionId: "a" };
    await prisma.vote.create({ data: { ...vote, idempotencyKey: `k1${Math.random()}` } });
    await expect(prisma.vote.create({ data: { ...vote, optionId: "b", idempotencyKey: `k2${Math.random()}` } })).rejects.toThrow();
    await prisma.vote.create({ data: { ...vote, visit: 2, idempotencyKey: `k3${Math.random()}` } });
    expect(await prisma.vote.count({ where: { participantId: participant.id } })).toBe(2);
  });

  it("keeps SQL-looking and script-like text verbatim", async () => {
    const { session, team, participant } = await seedSession();
    const text = `'); DROP TABLE responses; -- <script>alert(1)</script> ☃`;
    const saved = await prisma.response.create({
      data: { sessionId: session.id, sessionTeamId: team.id, participantId: participant.id, nodeId: "i1", questionId: "q1", text, idempotencyKey: `r${Math.random()}` },
    });
    expect((await prisma.response.findUniqueOrThrow({ where: { id: saved.id } })).text).toBe(text);
  });

  it.each(["session_events", "audit_log"])("refuses UPDATE, DELETE and TRUNCATE on the append-only %s table", async (table) => {
    const { session } = await seedSession();
    if (table === "session_events") {
      await prisma.sessionEvent.create({ data: { sessionId: session.id, type: "session.created", payload: {}, actorType: "system" } });
    } else {
      await prisma.auditLog.create({ data: { actorLabel: "test", action: "view", resourceType: "session", resourceId: session.id } });
    }
    const before = await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`select count(*)::bigint as n from ${table}`);
    await expect(prisma.$executeRawUnsafe(`update ${table} set created_at = now()`.replace("created_at", table === "audit_log" ? "at" : "created_at"))).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`delete from ${table}`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`truncate ${table}`)).rejects.toThrow(/append-only/);
    const after = await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`select count(*)::bigint as n from ${table}`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("refuses two scenarios with the same slug and content hash", async () => {
    const data = { slug: "dup", title: "D", locale: "en", contentHash: "same-hash", document: {} };
    await prisma.scenario.create({ data });
    await expect(prisma.scenario.create({ data })).rejects.toThrow();
  });
});

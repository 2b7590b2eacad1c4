// The session service against each database target (embedded, and real PostgreSQL
// when TEST_DATABASE_URL is set): transitions, idempotency, timers and locking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { createStaff, importFixtureScenario } from "../../helpers/session-world";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SessionService, type SessionPublisher, type TimerHost } from "@/lib/session/service";
import type { SignedInUser } from "@/lib/auth/types";

class ManualTimers implements TimerHost {
  scheduled = new Map<string, { at: Date; fire: () => void }>();
  schedule(teamId: string, at: Date, fire: () => void) {
    this.scheduled.set(teamId, { at, fire });
  }
  cancel(teamId: string) {
    this.scheduled.delete(teamId);
  }
}

describe.each(DB_TARGETS)("session service on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let scenarioId: string;
  let facilitator: SignedInUser;
  const published: string[] = [];
  const publisher: SessionPublisher = {
    teamChanged: (_s, t) => published.push(`team:${t}`),
    sessionChanged: (s) => published.push(`session:${s}`),
    consoleChanged: (s) => published.push(`console:${s}`),
    participantChanged: (_s, p) => published.push(`participant:${p}`),
  };

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    scenarioId = await importFixtureScenario(prisma);
    facilitator = await createStaff(prisma, `fac-${target.name}@x.io`);
  });
  afterAll(async () => close?.());

  async function setup(teams = ["A"]) {
    const timers = new ManualTimers();
    const service = new SessionService(prisma, publisher, timers, () => "http://rr.test");
    const s = await service.createSession(facilitator, { scenarioId, teams, anonymous: false });
    const j = await service.joinSession({ code: s.joinCode, displayName: "P1", roleId: "legal" });
    const p = await service.participantByToken(j.token);
    await service.command(facilitator, s.id, { type: "start" }, "start-1");
    await service.command(facilitator, s.id, { type: "advance", teamId: p.sessionTeamId! }, "adv-1");
    return { service, timers, session: s, participant: p, teamId: p.sessionTeamId! };
  }

  it("replays a retried command instead of acting twice", async () => {
    const { service, session, teamId } = await setup();
    const again = await service.command(facilitator, session.id, { type: "advance", teamId }, "adv-1");
    expect(again).toMatchObject({ nodeId: "contain" });
    const events = await prisma.sessionEvent.count({ where: { sessionId: session.id, type: "team.advanced" } });
    expect(events).toBe(1);
  });

  it("fires a timer exactly once, even when called concurrently, and re-arms from the database", async () => {
    const { service, timers, session, teamId } = await setup();
    const armed = timers.scheduled.get(teamId);
    expect(armed).toBeDefined();
    expect(armed!.at.getTime() - Date.now()).toBeGreaterThan(2000);
    // Too early: nothing happens, and it re-schedules itself.
    expect(await service.fireTimer(teamId, "contain", 1)).toBe("stale");
    await prisma.sessionTeam.update({ where: { id: teamId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    const fresh = new SessionService(prisma, publisher, new ManualTimers());
    expect(await fresh.recoverTimers()).toBeGreaterThanOrEqual(1);
    const results = await Promise.all([service.fireTimer(teamId, "contain", 1), service.fireTimer(teamId, "contain", 1), fresh.fireTimer(teamId, "contain", 1)]);
    expect(results.filter((r) => r === "fired")).toHaveLength(1);
    expect(await prisma.decision.findMany({ where: { sessionTeamId: teamId }, select: { optionId: true, method: true } })).toEqual([{ optionId: "@timeout", method: "timeout" }]);
    const team = await prisma.sessionTeam.findUniqueOrThrow({ where: { id: teamId } });
    expect((team.state as { nodeId: string }).nodeId).toBe("update");
    expect(team.deadlineAt).toBeNull();
    void session;
  });

  it("keeps one vote per participant per decision under concurrent retries and changes", async () => {
    const { service, participant, teamId } = await setup();
    await Promise.all([
      service.castVote(participant, { nodeId: "contain", visit: 1, optionId: "isolate" }, "k-1"),
      service.castVote(participant, { nodeId: "contain", visit: 1, optionId: "isolate" }, "k-1"),
      service.castVote(participant, { nodeId: "contain", visit: 1, optionId: "wait" }, "k-2"),
    ]);
    const votes = await prisma.vote.findMany({ where: { sessionTeamId: teamId } });
    expect(votes).toHaveLength(1);
    expect(["isolate", "wait"]).toContain(votes[0].optionId);
    // The retry of k-1 recorded nothing twice.
    expect(await prisma.sessionEvent.count({ where: { sessionTeamId: teamId, type: "vote.cast" } })).toBe(2);
  });

  it("commits a burst of votes from many participants in micro-batches, refusing only the bad ones", async () => {
    const timers = new ManualTimers();
    const service = new SessionService(prisma, publisher, timers, () => "http://rr.test");
    const s = await service.createSession(facilitator, { scenarioId, teams: ["Big"], anonymous: true });
    const people = [];
    for (let i = 0; i < 120; i++) people.push(await service.participantByToken((await service.joinSession({ code: s.joinCode })).token));
    await service.command(facilitator, s.id, { type: "start" }, "b-start");
    await service.command(facilitator, s.id, { type: "advance", teamId: people[0].sessionTeamId! }, "b-adv");
    const outcomes = await Promise.allSettled(
      people.map((p, i) => service.castVote(p, { nodeId: "contain", visit: 1, optionId: i % 10 === 0 ? "notify-now" : i % 2 ? "isolate" : "wait" }, `burst-${i}`)),
    );
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(12);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "OPTION_UNAVAILABLE" });
    expect(await prisma.vote.count({ where: { sessionId: s.id } })).toBe(108);
    expect(await prisma.processedCommand.count({ where: { sessionId: s.id, key: { startsWith: "vote:" } } })).toBe(108);
  });

  it("takes a vote as the first thing a fresh process does (no scenario cached yet)", async () => {
    const { participant } = await setup();
    const restarted = new SessionService(prisma, publisher, new ManualTimers());
    await expect(restarted.castVote(participant, { nodeId: "contain", visit: 1, optionId: "wait" }, "fresh-1")).resolves.toEqual({ nodeId: "contain", visit: 1, optionId: "wait" });
  });

  it("records an override with its reason against the team's majority", async () => {
    const { service, session, participant, teamId } = await setup();
    await service.castVote(participant, { nodeId: "contain", visit: 1, optionId: "wait" }, "v-1");
    await service.command(facilitator, session.id, { type: "lock", teamId, optionId: "isolate", reason: "Demonstrate isolation" }, "lock-1");
    const d = await prisma.decision.findFirstOrThrow({ where: { sessionTeamId: teamId } });
    expect(d).toMatchObject({ optionId: "isolate", method: "override", reason: "Demonstrate isolation", points: { RS: 3 }, bestPoints: { RS: 3 } });
    expect(d.tally).toMatchObject({ counts: { wait: 1, isolate: 0 } });
  });

  it("pauses and resumes timers with the time that was left", async () => {
    const { service, timers, session, teamId } = await setup();
    await service.command(facilitator, session.id, { type: "pause" }, "p-1");
    expect(timers.scheduled.has(teamId)).toBe(false);
    const paused = await prisma.sessionTeam.findUniqueOrThrow({ where: { id: teamId } });
    expect(paused.deadlineAt).toBeNull();
    expect(paused.timerRemainingMs).toBeGreaterThan(2000);
    await service.command(facilitator, session.id, { type: "resume" }, "r-1");
    expect(timers.scheduled.has(teamId)).toBe(true);
    await expect(service.command(facilitator, session.id, { type: "resume" }, "r-2")).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});

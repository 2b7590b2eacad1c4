// Plays a small exercise through the real session service, so the privacy tests work on
// the rows a session really leaves behind: participants, answers, votes, decisions,
// notes, replay records and events.
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";
import { SessionService, type TimerHost } from "@/lib/session/service";
import type { SignedInUser } from "@/lib/auth/types";
import { ROOT } from "../../helpers/app";

class NoTimers implements TimerHost {
  schedule() {}
  cancel() {}
}

export async function setupPrivacyWorld(prisma: PrismaClient, label: string) {
  const text = fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/live-drill.json"), "utf8");
  const imported = await importScenarioText(prisma, text, { source: "upload" });
  if (!imported.ok) throw new Error("fixture does not lint");
  const u = await prisma.user.create({ data: { email: `fac-${label}@x.io`, role: "FACILITATOR", name: "F" } });
  const facilitator: SignedInUser = { id: u.id, email: u.email, name: u.name, role: "FACILITATOR" };
  const a = await prisma.user.create({ data: { email: `admin-${label}@x.io`, role: "ADMIN", name: "A" } });
  const admin: SignedInUser = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  const service = new SessionService(prisma, undefined, new NoTimers(), () => "http://rr.test");
  return { service, facilitator, admin, scenarioId: imported.id };
}

export type PrivacyWorld = Awaited<ReturnType<typeof setupPrivacyWorld>>;

/**
 * One team of three: Ada (legal), Ben (lead), Cy (legal). Everyone answers the first
 * inject; the team votes isolate 2 : wait 1; on the legal-only decision Ada and Cy vote
 * yes, Ben votes no. With `end`, the session ends (its endedAt can then be moved back).
 */
export async function playSession(world: PrivacyWorld, opts: { end?: boolean; anonymous?: boolean; stopAt?: "contain" } = {}) {
  const { service, facilitator, scenarioId } = world;
  const s = await service.createSession(facilitator, { scenarioId, teams: ["Blue"], anonymous: opts.anonymous ?? false });
  const join = async (displayName: string, roleId: string) => {
    const j = await service.joinSession({ code: s.joinCode, displayName, roleId });
    return { token: j.token, me: await service.participantByToken(j.token) };
  };
  const ada = await join("Ada", "legal");
  const ben = await join("Ben", "lead");
  const cy = await join("Cy", "legal");
  const teamId = ada.me.sessionTeamId!;
  let n = 0;
  const k = (p: string) => `${p}-${++n}-key`;
  await service.command(facilitator, s.id, { type: "start" }, k("start"));
  for (const [p, answer] of [[ada, "Ada's secret answer"], [ben, "Ben's secret answer"], [cy, "Cy's secret answer"]] as const) {
    await service.submitAnswer(p.me, { nodeId: "alert", visit: 1, questionId: "q-who", text: answer }, k("answer"));
    await service.submitAnswer(p.me, { nodeId: "alert", visit: 1, questionId: "q-conf", value: 4 }, k("answer"));
  }
  await service.command(facilitator, s.id, { type: "note", teamId, text: "Team hesitated on ownership" }, k("note"));
  await service.command(facilitator, s.id, { type: "advance", teamId }, k("advance"));
  await service.castVote(ada.me, { nodeId: "contain", visit: 1, optionId: "isolate" }, k("vote"));
  await service.castVote(ben.me, { nodeId: "contain", visit: 1, optionId: "isolate" }, k("vote"));
  await service.castVote(cy.me, { nodeId: "contain", visit: 1, optionId: "wait" }, k("vote"));
  if (opts.stopAt !== "contain") {
    await service.command(facilitator, s.id, { type: "lock", teamId }, k("lock"));
    await service.command(facilitator, s.id, { type: "advance", teamId }, k("advance"));
    await service.castVote(ada.me, { nodeId: "notify", visit: 1, optionId: "yes" }, k("vote"));
    await service.castVote(ben.me, { nodeId: "notify", visit: 1, optionId: "no" }, k("vote"));
    await service.castVote(cy.me, { nodeId: "notify", visit: 1, optionId: "yes" }, k("vote"));
    await service.command(facilitator, s.id, { type: "lock", teamId }, k("lock"));
  }
  if (opts.end) await service.command(facilitator, s.id, { type: "end" }, k("end"));
  return { sessionId: s.id, teamId, ada, ben, cy };
}

// The deadline sweep against each database target: a drill whose deadline passed is closed by
// the server without anyone opening its report. It ends at its deadline, logs one drill.closed,
// queues its closing notes (e-mail on) and its team joins the dashboard's drill figures; a
// second sweep, and two sweeps racing (two nodes), close nothing more. Drills still open, not
// yet due or closed early are left alone.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";
import { ZScenario } from "@/lib/scenario";
import { closeDrill, createDrill } from "@/lib/drills/facilitator";
import { actInDrill, type DrillDeps } from "@/lib/drills/play";
import { sweepDrillDeadlines } from "@/lib/drills/deadline-sweep";
import { dashboardResults } from "@/lib/reports/export";
import { parseReportFilters } from "@/lib/reports/filters";
import type { SignedInUser } from "@/lib/auth/types";

const DAY = 86_400_000;

/**
 * A transaction that outlasted Prisma's 5 s timeout on a loaded machine (P2028) was rolled back
 * whole, so it is safe to run again: creating a drill, or a play action (answers go by key).
 */
async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if ((e as { code?: string }).code !== "P2028" || attempt === 3) throw e;
    }
  }
}
const BASE = "http://rr.test";
const LABELS = { team: "Team", overall: "All teams" };

describe.each(DB_TARGETS)("the drill deadline sweep on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let deps: DrillDeps;
  let facilitator: SignedInUser;
  let scenarioId: string;
  const smtpBefore = process.env.SMTP_URL;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    const text = fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json"), "utf8");
    const imported = await importScenarioText(prisma, text, { source: "upload" });
    if (!imported.ok) throw new Error("fixture does not lint");
    scenarioId = imported.id;
    const f = await prisma.user.create({ data: { email: `fac-sweep-${target.name}@x.io`, role: "FACILITATOR", name: "F" } });
    facilitator = { id: f.id, email: f.email, name: f.name, role: "FACILITATOR" };
    const scenario = ZScenario.parse((await prisma.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: { document: true } })).document);
    deps = { prisma, scenario: async () => scenario };
  }, 120_000);
  afterEach(() => {
    if (smtpBefore === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = smtpBefore;
  });
  afterAll(async () => close?.());

  /** A drill of three people in one new team (k = 3), each played through, closing in two days. */
  async function playedDrill() {
    // E-mail on (nothing is sent: no worker runs here), so the closing notes are queued in the outbox.
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    const tag = crypto.randomUUID().slice(0, 8);
    const team = await prisma.team.create({ data: { name: `Sweep ${tag}` } });
    const created = await retried(() => createDrill(prisma, facilitator, {
      scenarioId,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
      invitees: ["ana", "ben", "cy"].map((n) => ({ email: `${n}-${tag}@example.org`, name: n, teamId: team.id })),
      timerScale: null,
    }, BASE));
    for (const link of created.links) {
      const token = link.link.split("/drill/")[1];
      await act(token, { type: "start" });
      await act(token, { type: "advance", nodeId: "alert", visit: 1 });
      await act(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 4 });
      await act(token, { type: "advance", nodeId: "update", visit: 1 });
      await act(token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "yes", confidence: 5, reasoning: "The clock runs." });
    }
    return { id: created.id, teamId: team.id };
  }

  /** One play action; a transaction that outlasted Prisma's timeout on a loaded machine (P2028) is retried by key. */
  async function act(token: string, action: Record<string, unknown>) {
    return retried(() => actInDrill(deps, { token }, action));
  }


  const pastDeadline = (id: string, closesAt = new Date(Date.now() - 60_000)) => prisma.drill.update({ where: { sessionId: id }, data: { closesAt } });
  const dashboard = async (teamId: string) => {
    const parsed = parseReportFilters(new URLSearchParams({ mode: "drill", team: teamId }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return (await dashboardResults(prisma, { kind: "all" }, parsed.filters, 3, LABELS)).map((r) => [r.capabilityId, r.percent, r.sessions, r.respondents]);
  };
  const closedEvents = (id: string) => prisma.sessionEvent.findMany({ where: { sessionId: id, type: "drill.closed" }, select: { payload: true, actorType: true } });
  const closingNotes = (id: string) => prisma.mailMessage.count({ where: { scope: `drill:${id}`, kind: "drill-closing" } });

  it("closes a drill past its deadline once: the session ends at the deadline, the notes are queued, the dashboard shows its team", async () => {
    const due = await playedDrill();
    const notYet = await playedDrill();
    expect(await dashboard(due.teamId)).toEqual([]);
    const deadline = new Date(Date.now() - 5 * 60_000);
    await pastDeadline(due.id, deadline);

    const first = await sweepDrillDeadlines(prisma, BASE);
    expect(first).toEqual([{ sessionId: due.id, closesAt: deadline.toISOString(), teams: 1, closingNotes: 3 }]);
    const session = await prisma.exerciseSession.findUniqueOrThrow({ where: { id: due.id }, select: { status: true, endedAt: true } });
    expect(session).toEqual({ status: "ENDED", endedAt: deadline });
    expect(await closedEvents(due.id)).toEqual([{ payload: { early: false, deadline: deadline.toISOString() }, actorType: "system" }]);
    expect(await closingNotes(due.id)).toBe(3);
    // Every note queued, every sealed token dropped: nothing more can be mailed to them.
    expect(await prisma.drillInvitation.count({ where: { sessionId: due.id, tokenSealed: { not: null } } })).toBe(0);
    // Everyone chose the best options: 100 % in both capabilities, as one team-session of 3 people.
    expect(await dashboard(due.teamId)).toEqual([["RS", 100, 1, 3], ["GV", 100, 1, 3]]);

    // The drill whose deadline is still ahead is untouched.
    expect((await prisma.exerciseSession.findUniqueOrThrow({ where: { id: notYet.id } })).status).toBe("RUNNING");
    expect(await dashboard(notYet.teamId)).toEqual([]);

    // A second sweep finds nothing to do: no second event, no second note, the same figures.
    expect(await sweepDrillDeadlines(prisma, BASE)).toEqual([]);
    expect(await closedEvents(due.id)).toHaveLength(1);
    expect(await closingNotes(due.id)).toBe(3);
    expect(await dashboard(due.teamId)).toEqual([["RS", 100, 1, 3], ["GV", 100, 1, 3]]);
  }, 180_000);

  it("closes a drill once when two nodes sweep at the same moment, and leaves a drill closed early alone", async () => {
    const raced = await playedDrill();
    const early = await playedDrill();
    await closeDrill(prisma, facilitator, early.id, BASE);
    const earlyEvents = (await closedEvents(early.id)).length;
    await pastDeadline(raced.id);
    await pastDeadline(early.id);

    const [a, b] = await Promise.all([sweepDrillDeadlines(prisma, BASE), sweepDrillDeadlines(prisma, BASE)]);
    expect([...a, ...b].map((c) => c.sessionId)).toEqual([raced.id]);
    expect(await closedEvents(raced.id)).toHaveLength(1);
    expect(await closingNotes(raced.id)).toBe(3);
    expect(await prisma.sessionTeam.count({ where: { sessionId: raced.id } })).toBe(1);
    expect(await closedEvents(early.id)).toHaveLength(earlyEvents);
  }, 180_000);
});

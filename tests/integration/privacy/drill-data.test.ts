// Retention and erasure of drill rows against each database target: a drill that ended more
// than retentionDays ago loses its invitations, its runs' links to people and the answers'
// reasoning (paths, options, confidence and points stay for the report); erasing one
// invitee deletes their invitation, run, answers and mail, in a named drill and, through the
// sealed token, in an anonymous one.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";
import { ZScenario } from "@/lib/scenario";
import { createDrill } from "@/lib/drills/facilitator";
import { actInDrill, type DrillDeps } from "@/lib/drills/play";
import { runRetention } from "@/lib/privacy/retention";
import { eraseDrillInvitee } from "@/lib/privacy/drill-data";
import type { SignedInUser } from "@/lib/auth/types";

const DAY = 86_400_000;
const BASE = "http://rr.test";

describe.each(DB_TARGETS)("drill retention and erasure on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let deps: DrillDeps;
  let facilitator: SignedInUser;
  let admin: SignedInUser;
  let scenarioId: string;
  const smtpBefore = process.env.SMTP_URL;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    const text = fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json"), "utf8");
    const imported = await importScenarioText(prisma, text, { source: "upload" });
    if (!imported.ok) throw new Error("fixture does not lint");
    scenarioId = imported.id;
    const f = await prisma.user.create({ data: { email: `fac-drill-${target.name}@x.io`, role: "FACILITATOR", name: "F" } });
    facilitator = { id: f.id, email: f.email, name: f.name, role: "FACILITATOR" };
    const a = await prisma.user.create({ data: { email: `admin-drill-${target.name}@x.io`, role: "ADMIN", name: "A" } });
    admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
    // Read once, like the app's scenario cache: the play path asks for it inside its
    // transaction, and the embedded database serves one connection at a time.
    const scenario = ZScenario.parse((await prisma.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: { document: true } })).document);
    deps = { prisma, scenario: async () => scenario };
  });
  afterEach(() => {
    if (smtpBefore === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = smtpBefore;
  });
  afterAll(async () => close?.());

  async function drill(opts: { anonymous?: boolean; mail?: boolean } = {}) {
    if (opts.mail) process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    else delete process.env.SMTP_URL;
    const tag = crypto.randomUUID().slice(0, 8);
    const created = await createDrill(prisma, facilitator, {
      scenarioId,
      anonymous: opts.anonymous ?? false,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
      invitees: ["ana", "ben", "cy"].map((n) => ({ email: `${n}-${tag}@example.org`, name: n })),
    }, BASE);
    const tokens = created.links.map((l) => l.link.split("/drill/")[1]);
    return { id: created.id, tokens };
  }

  /**
   * One action through the play path. On a loaded machine the embedded database can outlast
   * Prisma's 5 s transaction timeout (P2028); every action is safe to retry (answers by key).
   */
  async function act(token: string, action: Record<string, unknown>) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await actInDrill(deps, { token }, action);
      } catch (e) {
        if ((e as { code?: string }).code !== "P2028" || attempt === 3) throw e;
      }
    }
  }

  /** Plays the whole drill, with reasoning at the justified decision. */
  async function play(token: string, notify: "yes" | "no", reasoning: string) {
    await act(token, { type: "start" });
    await act(token, { type: "advance", nodeId: "alert", visit: 1 });
    await act(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 4 });
    await act(token, { type: "advance", nodeId: "update", visit: 1 });
    await act(token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: notify, confidence: 3, reasoning });
  }

  const rows = async (sessionId: string) => ({
    invitations: await prisma.drillInvitation.findMany({ where: { sessionId }, select: { email: true, name: true }, orderBy: { email: "asc" } }),
    runs: await prisma.drillRun.findMany({ where: { sessionId }, select: { tokenHash: true, invitationId: true, userId: true, state: true, finishedAt: true }, orderBy: { startedAt: "asc" } }),
    answers: await prisma.drillAnswer.findMany({ where: { sessionId }, select: { nodeId: true, optionId: true, confidence: true, reasoning: true, points: true }, orderBy: [{ answeredAt: "asc" }] }),
    dataKeys: await prisma.dataKey.count({ where: { sessionId, participantId: null } }),
  });

  it("purges a drill that ended before the retention period, keeps the report's figures, and leaves a recent one", async () => {
    const old = await drill({ mail: true });
    const recent = await drill();
    await play(old.tokens[0], "yes", "Ana's reason: the regulator clock started.");
    await play(old.tokens[1], "no", "Ben's reason: we were not yet sure.");
    await play(recent.tokens[0], "yes", "A recent reason that must stay.");
    // The old drill closed 181 days ago (its deadline); retention is 180 days by default.
    await prisma.drill.update({ where: { sessionId: old.id }, data: { opensAt: new Date(Date.now() - 200 * DAY), closesAt: new Date(Date.now() - 181 * DAY) } });

    const before = await rows(old.id);
    expect(before.invitations).toHaveLength(3);
    expect(before.answers.filter((a) => a.reasoning)).toHaveLength(2);
    expect(before.dataKeys).toBe(1);
    const recentBefore = await rows(recent.id);

    const r = await runRetention(prisma, new Date(), { system: "test" });
    expect(r.sessionIds).toContain(old.id);
    expect(r.sessionIds).not.toContain(recent.id);
    expect(r).toMatchObject({ drills: 1, drillInvitations: 3, drillRuns: 2, drillReasonings: 2 });

    const after = await rows(old.id);
    expect(after.invitations).toEqual([]);
    expect(after.dataKeys).toBe(0);
    expect(after.answers.every((a) => a.reasoning === null)).toBe(true);
    // What the drill report scores stays: the choices, confidence and points, and each run's path.
    expect(after.answers.map(({ reasoning: _, ...a }) => a)).toEqual(before.answers.map(({ reasoning: _, ...a }) => a));
    expect(after.runs.map((run) => run.state)).toEqual(before.runs.map((run) => run.state));
    for (const run of after.runs) {
      expect(run.tokenHash).toMatch(/^purged:/);
      expect(run.invitationId).toBeNull();
      expect(run.userId).toBeNull();
    }
    // The personal link no longer reaches anything.
    await expect(actInDrill(deps, { token: old.tokens[0] }, { type: "start" })).rejects.toMatchObject({ code: "DRILL_LINK_UNKNOWN" });
    const audit = await prisma.auditLog.findFirst({ where: { resourceId: old.id, action: "delete", resourceType: "responses" } });
    expect(audit?.detail).toMatchObject({ reason: "retention", kind: "drill", drillInvitations: 3, drillRuns: 2, drillReasonings: 2 });

    expect(await rows(recent.id)).toEqual(recentBefore);
    // A second run finds nothing more to do.
    const again = await runRetention(prisma, new Date(), { system: "test" });
    expect(again.sessionIds).not.toContain(old.id);
    expect(again.drills).toBe(0);
  });

  it("counts a drill closed early from its closing, not its deadline", async () => {
    const d = await drill();
    await play(d.tokens[0], "yes", "Closed early, reasoning kept until then.");
    await prisma.drill.update({ where: { sessionId: d.id }, data: { closedAt: new Date(Date.now() - 185 * DAY), closesAt: new Date(Date.now() + DAY) } });
    const r = await runRetention(prisma, new Date(), { system: "test" });
    expect(r.sessionIds).toContain(d.id);
    expect((await rows(d.id)).invitations).toEqual([]);
  });

  it("erases one invitee of a named drill: invitation, run, answers and mail; the others stay", async () => {
    const d = await drill({ mail: true });
    await play(d.tokens[0], "yes", "Ana's reasoning to be erased.");
    await play(d.tokens[1], "no", "Ben's reasoning that stays.");
    const ana = await prisma.drillInvitation.findFirstOrThrow({ where: { sessionId: d.id, name: "ana" } });
    const mailsBefore = await prisma.mailMessage.count({ where: { scope: `drill:${d.id}`, toAddress: ana.email } });
    expect(mailsBefore).toBe(1);

    const result = await eraseDrillInvitee(prisma, admin, ana.id);
    expect(result).toMatchObject({ invitationId: ana.id, sessionId: d.id, run: "deleted", answers: 2, mails: 1 });

    const after = await rows(d.id);
    expect(after.invitations.map((i) => i.name).sort()).toEqual(["ben", "cy"]);
    expect(after.runs).toHaveLength(1);
    expect(after.answers.map((a) => a.reasoning).filter(Boolean)).toEqual(["Ben's reasoning that stays."]);
    expect(await prisma.mailMessage.count({ where: { scope: `drill:${d.id}`, toAddress: ana.email } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { resourceId: ana.id, action: "delete", resourceType: "user" } })).toBe(1);
    await expect(actInDrill(deps, { token: d.tokens[0] }, { type: "start" })).rejects.toMatchObject({ code: "DRILL_LINK_UNKNOWN" });
    await expect(eraseDrillInvitee(prisma, admin, ana.id)).rejects.toMatchObject({ code: "PARTICIPANT_NOT_FOUND" });
  });

  it("erases an anonymous invitee's run through the sealed token, and says when nothing links one", async () => {
    const d = await drill({ anonymous: true, mail: true });
    await play(d.tokens[0], "yes", "Anonymous reasoning to be erased.");
    await play(d.tokens[1], "no", "Anonymous reasoning that stays.");
    const [ana, ben] = await Promise.all(["ana", "ben"].map((name) => prisma.drillInvitation.findFirstOrThrow({ where: { sessionId: d.id, name } })));
    expect(await eraseDrillInvitee(prisma, admin, ana.id)).toMatchObject({ run: "deleted", answers: 2 });
    const after = await rows(d.id);
    expect(after.answers.map((a) => a.reasoning).filter(Boolean)).toEqual(["Anonymous reasoning that stays."]);

    // Without the sealed token (closing note queued, or e-mail off) no row links Ben to his run.
    await prisma.drillInvitation.update({ where: { id: ben.id }, data: { tokenSealed: null } });
    expect(await eraseDrillInvitee(prisma, admin, ben.id)).toMatchObject({ run: "not linkable", answers: 0 });
    expect((await rows(d.id)).runs).toHaveLength(1);
  });
});

// The drill play path under concurrency, against each database target: an action reads the
// run and writes its step only if the run has not moved meanwhile (lib/drills/play-store.ts).
// Answers sent at once for the same decision (two tabs, a retry racing its original) record
// exactly one decision and all see the same next step; two starts make one run; a sitting
// opened while an answer is in flight does not let a stale timer decide; times round-trip
// as UTC; a finished named run marks its invitation finished.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";
import { ZScenario } from "@/lib/scenario";
import { createDrill } from "@/lib/drills/facilitator";
import { actInDrill, openDrill, type DrillDeps, type DrillPlayView } from "@/lib/drills/play";
import type { SignedInUser } from "@/lib/auth/types";

const DAY = 86_400_000;

describe.each(DB_TARGETS)("drill play races on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let deps: DrillDeps;
  let facilitator: SignedInUser;
  let scenarioId: string;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    const text = fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json"), "utf8");
    const imported = await importScenarioText(prisma, text, { source: "upload" });
    if (!imported.ok) throw new Error("fixture does not lint");
    scenarioId = imported.id;
    const f = await prisma.user.create({ data: { email: `fac-races-${target.name}@x.io`, role: "FACILITATOR", name: "F" } });
    facilitator = { id: f.id, email: f.email, name: f.name, role: "FACILITATOR" };
    const scenario = ZScenario.parse((await prisma.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: { document: true } })).document);
    deps = { prisma, scenario: async () => scenario };
  });
  afterAll(async () => close?.());

  async function drill(opts: { anonymous?: boolean; timerScale?: number | null; people?: number } = {}) {
    const tag = crypto.randomUUID().slice(0, 8);
    const created = await createDrill(
      prisma,
      facilitator,
      {
        scenarioId,
        anonymous: opts.anonymous ?? false,
        timerScale: opts.timerScale ?? null,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
        invitees: Array.from({ length: opts.people ?? 1 }, (_, i) => ({ email: `p${i}-${tag}@example.org` })),
      },
      "http://rr.test",
    );
    return { id: created.id, tokens: created.links.map((l) => l.link.split("/drill/")[1]) };
  }

  const act = (token: string, action: Record<string, unknown>) => actInDrill(deps, { token }, action);
  const answer = (token: string, nodeId: string, extra: Record<string, unknown> = {}) =>
    act(token, { type: "answer", nodeId, visit: 1, key: crypto.randomUUID(), optionId: nodeId === "contain" ? "isolate" : "yes", confidence: 4, ...extra });

  it("answers sent at once for one decision record it once, and every sender sees the step after it", async () => {
    const d = await drill();
    const [token] = d.tokens;
    await act(token, { type: "start" });
    await act(token, { type: "advance", nodeId: "alert", visit: 1 });
    const key = crypto.randomUUID();
    // Two tabs with different keys and options, and a retry of the first racing its original.
    const views = await Promise.all([
      answer(token, "contain", { key }),
      answer(token, "contain", { key }),
      answer(token, "contain", { optionId: "wait", confidence: 1 }),
      answer(token, "contain", { optionId: "wait", confidence: 2 }),
    ]);
    for (const v of views) expect(v.step).toMatchObject({ kind: "inject", nodeId: "update", visit: 1 });
    const rows = await prisma.drillAnswer.findMany({ where: { sessionId: d.id } });
    expect(rows).toHaveLength(1);
    const run = await prisma.drillRun.findFirstOrThrow({ where: { sessionId: d.id } });
    expect(run.revision).toBe(2);
    // The stored decision is the one whose state the run holds.
    const history = (run.state as { history: Array<{ event: string; nodeId: string; choice?: string }> }).history;
    expect(history.find((h) => h.event === "choose" && h.nodeId === "contain")?.choice).toBe(rows[0].optionId);
  });

  it("two starts at once make one run, and the invitation records one start", async () => {
    const d = await drill();
    const [token] = d.tokens;
    const views = await Promise.all([act(token, { type: "start" }), act(token, { type: "start" }), act(token, { type: "start" })]);
    for (const v of views) expect(v.step).toMatchObject({ kind: "inject", nodeId: "alert" });
    expect(await prisma.drillRun.count({ where: { sessionId: d.id } })).toBe(1);
    const invitation = await prisma.drillInvitation.findFirstOrThrow({ where: { sessionId: d.id } });
    expect(invitation.startedAt).not.toBeNull();
    expect(invitation.openedAt).not.toBeNull();
  });

  it("a timed decision: the deadline round-trips as UTC, a late answer becomes the timeout, a new sitting re-arms it", async () => {
    const d = await drill({ timerScale: 0.25 });
    const [token] = d.tokens;
    await act(token, { type: "start" });
    const before = Date.now();
    const at = await act(token, { type: "advance", nodeId: "alert", visit: 1 });
    const step = at.step as Extract<DrillPlayView["step"], { kind: "decision" }>;
    // 60 s × 0.25 = 15 s from now, as Prisma reads the stored column too.
    const stored = (await prisma.drillRun.findFirstOrThrow({ where: { sessionId: d.id } })).deadlineAt!;
    expect(new Date(step.deadlineAt!).getTime()).toBe(stored.getTime());
    expect(stored.getTime() - before).toBeGreaterThanOrEqual(14_000);
    expect(stored.getTime() - before).toBeLessThanOrEqual(16_000);

    // A new sitting (the link opened again) re-arms the timer and is what the next answer is judged by.
    await prisma.drillRun.updateMany({ where: { sessionId: d.id }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const back = await openDrill(deps, { token });
    expect(new Date((back.step as { deadlineAt: string }).deadlineAt).getTime()).toBeGreaterThan(Date.now());
    const onTime = await answer(token, "contain");
    expect(onTime.timedOut).toBeUndefined();
    expect((await prisma.drillAnswer.findFirstOrThrow({ where: { sessionId: d.id } })).optionId).toBe("isolate");

    // Another person, past the deadline and its grace: the answer is recorded as the timeout.
    const second = await drill({ timerScale: 0.25 });
    const [other] = second.tokens;
    await act(other, { type: "start" });
    await act(other, { type: "advance", nodeId: "alert", visit: 1 });
    const otherRun = await prisma.drillRun.findFirstOrThrow({ where: { sessionId: second.id } });
    await prisma.drillRun.update({ where: { id: otherRun.id }, data: { deadlineAt: new Date(Date.now() - 10_000) } });
    const late = await answer(other, "contain");
    expect(late.timedOut).toBe(true);
    expect(late.step).toMatchObject({ kind: "inject", nodeId: "update" });
    const timeout = await prisma.drillAnswer.findFirstOrThrow({ where: { runId: otherRun.id } });
    expect(timeout).toMatchObject({ optionId: "@timeout", confidence: null, idempotencyKey: `${otherRun.id}:timeout:contain:1` });
  });

  it("finishing records the result, the answers' times, and the invitation's finish (to the day when anonymous)", async () => {
    for (const anonymous of [false, true]) {
      const d = await drill({ anonymous });
      const [token] = d.tokens;
      await act(token, { type: "start" });
      await act(token, { type: "advance", nodeId: "alert", visit: 1 });
      await answer(token, "contain", { confidence: 5 });
      await act(token, { type: "advance", nodeId: "update", visit: 1 });
      await expect(answer(token, "notify")).rejects.toMatchObject({ code: "REASONING_REQUIRED", path: "/reasoning" });
      const done = await answer(token, "notify", { confidence: 3, reasoning: "The clock started when we became aware." });
      expect(done.stage).toBe("result");
      expect(done.result!.decisions.map((x) => [x.nodeId, x.chosen.id, x.confidence, x.reasoning])).toEqual([
        ["contain", "isolate", 5, null],
        ["notify", "yes", 3, "The clock started when we became aware."],
      ]);
      const run = await prisma.drillRun.findFirstOrThrow({ where: { sessionId: d.id } });
      expect(run.finishedAt).not.toBeNull();
      expect(run.invitationId === null).toBe(anonymous);
      const answers = await prisma.drillAnswer.findMany({ where: { runId: run.id }, orderBy: { answeredAt: "asc" } });
      expect(answers).toHaveLength(2);
      for (const a of answers) {
        expect(a.enteredAt.getTime()).toBeLessThanOrEqual(a.answeredAt.getTime());
        expect(Math.abs(a.answeredAt.getTime() - Date.now())).toBeLessThan(60_000);
      }
      const invitation = await prisma.drillInvitation.findFirstOrThrow({ where: { sessionId: d.id } });
      expect(invitation.finishedAt).not.toBeNull();
      if (anonymous) expect(invitation.finishedAt!.getUTCHours() * 3600 + invitation.finishedAt!.getUTCMinutes() * 60 + invitation.finishedAt!.getUTCSeconds()).toBe(0);
      else expect(Math.abs(invitation.finishedAt!.getTime() - run.finishedAt!.getTime())).toBe(0);
      // A retry of the last answer after the end changes nothing.
      const again = await answer(token, "notify", { reasoning: "The clock started when we became aware." });
      expect(again.stage).toBe("result");
      expect(await prisma.drillAnswer.count({ where: { runId: run.id } })).toBe(2);
    }
  });

  it("an unknown or malformed link is refused naming the token", async () => {
    await expect(act("x".repeat(32), { type: "start" })).rejects.toMatchObject({ code: "DRILL_LINK_UNKNOWN", path: "/params/token" });
    await expect(act("short", { type: "advance", nodeId: "alert", visit: 1 })).rejects.toMatchObject({ code: "DRILL_LINK_UNKNOWN", path: "/params/token" });
    const [token] = (await drill()).tokens;
    await expect(act(token, { type: "advance", nodeId: "alert", visit: 1 })).rejects.toMatchObject({ code: "NOT_REACHED" });
  });
});

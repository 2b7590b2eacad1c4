// Drills over HTTP against the real server and database: a facilitator creates a drill with
// personal links, invitees open, start, stop and resume on another "device" (no shared
// cookie, only the link), answer with confidence and reasoning, finish and see their result;
// retries change nothing; the deadline closes the drill; the facilitator's funnel counts
// each stage; in an anonymous drill nothing in the database links answers to invitations.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { uniqueEmail } from "../../helpers/unique";
import { appDatabase, createUser } from "../../helpers/app-db";
import { api, importFixture, loginFacilitator } from "../../helpers/live";
import { loginViaHttp } from "../../helpers/http";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const HOUR = 3_600_000;
// On the project's shared server: the invitees who also sign in (and see their drills by
// e-mail) have addresses of this file's own.
const ANA = uniqueEmail("ana", "example.org");
const DORA = uniqueEmail("dora", "example.org");

type View = { stage: string; step: { kind: string; nodeId: string; visit: number; justify?: boolean; deadlineAt?: string | null } | null; result: { finished: boolean; decisions: Array<{ nodeId: string; chosen: { id: string }; better: Array<{ id: string; feedback: string | null }>; confidence: number | null; reasoning: string | null }>; training: Array<{ id: string; url: string | null }> } | null; timedOut?: boolean };

describe("drills over HTTP", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let facilitator: string;
  let scenarioId: string;

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    facilitator = await loginFacilitator(app);
    scenarioId = await importFixture(app, facilitator, FIXTURE);
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
  });

  /** A participant's request: no cookie at all, only the link's token (a fresh "device" every call). */
  async function play(token: string, body?: unknown): Promise<{ status: number; body: View & { error?: { code: string; path?: string } } }> {
    const res = await fetch(`${app.url}/api/drill/${token}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }
  const tokenOf = (link: string) => link.split("/drill/")[1];
  const create = (extra: Record<string, unknown>) =>
    api(app, facilitator, "POST", "/api/drills", { scenarioId, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(), ...extra });

  async function playThrough(token: string, choice: { contain: string; notify: string }) {
    let v = (await play(token, { type: "start" })).body;
    expect(v.step).toMatchObject({ kind: "inject", nodeId: "alert" });
    v = (await play(token, { type: "advance", nodeId: "alert", visit: 1 })).body;
    v = (await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: choice.contain, confidence: 4 })).body;
    v = (await play(token, { type: "advance", nodeId: "update", visit: 1 })).body;
    v = (await play(token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: choice.notify, confidence: 5, reasoning: "The clock started when we became aware." })).body;
    return v;
  }

  it("refuses bad input naming the field", async () => {
    const r = await create({ closesAt: new Date(Date.now() - HOUR).toISOString(), invitees: [{ email: "not-an-address" }] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("INVALID_INPUT");
    const paths = (r.body.error.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["/invitees/0/email", "/closesAt"]));
    const none = await create({ invitees: [] });
    expect(none.body.error.path).toBe("/invitees");
  });

  it("a named drill: invite, open, start, stop, resume on another device, finish, result and funnel", async () => {
    const team = await prisma.team.create({ data: { name: `Drill team ${crypto.randomUUID().slice(0, 6)}` } });
    const invitees = [
      { email: ANA, name: "Ana", teamId: team.id },
      { email: "ben@example.org", name: "Ben", teamId: team.id, locale: "pl" },
      { email: "cy@example.org", teamId: team.id },
    ];
    const created = await create({ invitees, timerScale: null });
    expect(created.status).toBe(201);
    expect(created.body.links).toHaveLength(3);
    expect(created.body.links[1]).toMatchObject({ email: "ben@example.org", locale: "pl" });
    const [ana, ben] = created.body.links.map((l: { link: string }) => tokenOf(l.link));
    // Only hashes are stored.
    const stored = await prisma.drillInvitation.findMany({ where: { sessionId: created.body.id } });
    expect(stored.map((s) => s.tokenHash)).not.toContain(ana);
    expect(JSON.stringify(stored)).not.toContain(ana);

    expect((await play("x".repeat(32))).status).toBe(404);
    const welcome = await play(ana);
    expect(welcome.status).toBe(200);
    expect(welcome.body.stage).toBe("welcome");
    await play(ben);

    // Ana starts on one device and stops at the first decision.
    await play(ana, { type: "start" });
    await play(ana, { type: "advance", nodeId: "alert", visit: 1 });
    // A retried advance for a position already left changes nothing.
    const again = await play(ana, { type: "advance", nodeId: "alert", visit: 1 });
    expect(again.body.step).toMatchObject({ kind: "decision", nodeId: "contain" });
    const noConfidence = await play(ana, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "wait" });
    expect(noConfidence.status).toBe(400);
    expect(noConfidence.body.error!.path).toBe("/confidence");

    // Resume on a "second device": the same link, nothing else.
    const resumed = await play(ana);
    expect(resumed.body.step).toMatchObject({ kind: "decision", nodeId: "contain", visit: 1 });
    const key = crypto.randomUUID();
    const first = await play(ana, { type: "answer", nodeId: "contain", visit: 1, key, optionId: "wait", confidence: 5 });
    expect(first.body.step).toMatchObject({ kind: "inject", nodeId: "update" });
    const retry = await play(ana, { type: "answer", nodeId: "contain", visit: 1, key, optionId: "wait", confidence: 5 });
    expect(retry.status).toBe(200);
    expect(await prisma.drillAnswer.count({ where: { sessionId: created.body.id } })).toBe(1);

    await play(ana, { type: "advance", nodeId: "update", visit: 1 });
    const noReason = await play(ana, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "no", confidence: 3 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({ code: "REASONING_REQUIRED", path: "/reasoning" });
    const done = await play(ana, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "no", confidence: 3, reasoning: "We had no proof that data left." });
    expect(done.body.stage).toBe("result");
    const result = done.body.result!;
    expect(result.finished).toBe(true);
    expect(result.decisions.map((d) => [d.nodeId, d.chosen.id, d.confidence])).toEqual([["contain", "wait", 5], ["notify", "no", 3]]);
    expect(result.decisions[1].better[0]).toMatchObject({ id: "yes", feedback: "GDPR Art. 33 clock respected." });
    expect(result.decisions[1].reasoning).toBe("We had no proof that data left.");
    expect(result.training.map((t) => t.id).sort()).toEqual(["t-contain", "t-notify"]);

    const answers = await prisma.drillAnswer.findMany({ where: { sessionId: created.body.id }, orderBy: { answeredAt: "asc" } });
    expect(answers.map((a) => [a.optionId, a.confidence, a.reasoning])).toEqual([["wait", 5, null], ["no", 3, "We had no proof that data left."]]);
    expect(answers[0].enteredAt.getTime()).toBeLessThanOrEqual(answers[0].answeredAt.getTime());

    // The facilitator's funnel: 3 invited, 2 opened, 1 started, 1 finished; reasoning with the name.
    const progress = await api(app, facilitator, "GET", `/api/drills/${created.body.id}`);
    expect(progress.status).toBe(200);
    expect(progress.body.total).toEqual({ invited: 3, opened: 2, started: 1, finished: 1 });
    expect(progress.body.byTeam[0].funnel.value).toEqual({ invited: 3, opened: 2, started: 1, finished: 1 });
    const notify = progress.body.decisions.find((d: { nodeId: string }) => d.nodeId === "notify");
    expect(notify.reasoning).toEqual([expect.objectContaining({ text: "We had no proof that data left.", who: "Ana" })]);
    // A participant account may not read it.
    await createUser(prisma, ANA, "PARTICIPANT");
    const anaCookie = (await loginViaHttp(app.url, ANA, "correct horse battery")).cookie!;
    expect((await api(app, anaCookie, "GET", `/api/drills/${created.body.id}`)).status).toBe(403);
    // Signed in, Ana finds her result from "My drills" without the link.
    const mine = await api(app, anaCookie, "GET", `/api/drills/${created.body.id}/me`);
    expect(mine.status).toBe(200);
    expect(mine.body.stage).toBe("result");
  });

  it("a named drill started from the link can be resumed signed in from My drills", async () => {
    const created = await create({ invitees: [{ email: DORA, name: "Dora" }] });
    const token = tokenOf(created.body.links[0].link);
    await play(token, { type: "start" });
    await createUser(prisma, DORA, "PARTICIPANT");
    const cookie = (await loginViaHttp(app.url, DORA, "correct horse battery")).cookie!;
    const view = await api(app, cookie, "GET", `/api/drills/${created.body.id}/me`);
    expect(view.body.step).toMatchObject({ kind: "inject", nodeId: "alert" });
    const moved = await api(app, cookie, "POST", `/api/drills/${created.body.id}/me`, { type: "advance", nodeId: "alert", visit: 1 });
    expect(moved.body.step).toMatchObject({ kind: "decision", nodeId: "contain" });
    // ... and the link, on yet another device, is at the same place.
    expect((await play(token)).body.step).toMatchObject({ nodeId: "contain" });
    expect(await prisma.drillRun.count({ where: { sessionId: created.body.id } })).toBe(1);
  });

  it("an anonymous drill keeps nothing that links answers to invitations", async () => {
    const created = await create({ anonymous: true, openLink: true, invitees: [{ email: "eve@example.org" }, { email: "fin@example.org" }] });
    const tokens = created.body.links.map((l: { link: string }) => tokenOf(l.link));
    for (const t of tokens) await playThrough(t, { contain: "isolate", notify: "yes" });
    // The open link gives a visitor their own token.
    const open = await fetch(`${app.url}/api/drill/open/${created.body.openLink.split("/drill/open/")[1]}`, { method: "POST" });
    expect(open.status).toBe(201);
    const visitor = ((await open.json()) as { token: string }).token;
    expect((await play(visitor)).body.stage).toBe("playing");

    const runs = await prisma.drillRun.findMany({ where: { sessionId: created.body.id } });
    const invitations = await prisma.drillInvitation.findMany({ where: { sessionId: created.body.id } });
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.invitationId === null && r.userId === null)).toBe(true);
    const invitationValues = invitations.flatMap((i) => [i.id, i.tokenHash, i.email]);
    const answerRows = JSON.stringify({ runs, answers: await prisma.drillAnswer.findMany({ where: { sessionId: created.body.id } }) });
    for (const v of invitationValues) expect(answerRows).not.toContain(v);
    // Progress is kept to the day only, so its times cannot be matched with a run's.
    for (const i of invitations) for (const at of [i.openedAt, i.startedAt, i.finishedAt]) expect(at!.getUTCHours() * 60 + at!.getUTCMinutes() + at!.getUTCSeconds()).toBe(0);
    const progress = await api(app, facilitator, "GET", `/api/drills/${created.body.id}`);
    expect(progress.body.total).toMatchObject({ invited: 2, finished: 2 });
    expect(progress.body.openLinkRuns).toEqual({ started: 1, finished: 0 });
    expect(progress.body.decisions.find((d: { nodeId: string }) => d.nodeId === "notify").reasoning[0].who).toBeNull();
  });

  it("timers apply within a sitting, and a returning participant finds the decision open again", async () => {
    const created = await create({ invitees: [{ email: "gil@example.org" }], timerScale: 0.25 });
    const token = tokenOf(created.body.links[0].link);
    await play(token, { type: "start" });
    const at = await play(token, { type: "advance", nodeId: "alert", visit: 1 });
    expect(at.body.step).toMatchObject({ kind: "decision", nodeId: "contain" });
    expect(at.body.step!.deadlineAt).not.toBeNull();
    const early = await play(token, { type: "timeout", nodeId: "contain", visit: 1 });
    expect(early.body.error?.code).toBe("DECISION_CLOSED");
    // They leave; time passes beyond the timer; they come back and the decision is open again.
    await prisma.drillRun.updateMany({ where: { sessionId: created.body.id }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const back = await play(token);
    expect(back.body.step).toMatchObject({ kind: "decision", nodeId: "contain" });
    expect(new Date(back.body.step!.deadlineAt!).getTime()).toBeGreaterThan(Date.now());
    // Within this sitting the timer runs out: the late answer is recorded as a timeout.
    await prisma.drillRun.updateMany({ where: { sessionId: created.body.id }, data: { deadlineAt: new Date(Date.now() - 10_000) } });
    const late = await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 5 });
    expect(late.body.timedOut).toBe(true);
    expect(late.body.step).toMatchObject({ nodeId: "update" });
    expect((await prisma.drillAnswer.findFirstOrThrow({ where: { sessionId: created.body.id } })).optionId).toBe("@timeout");
  });

  it("the deadline closes the drill: no more answers, the result so far is shown; extending reopens it", async () => {
    const created = await create({ invitees: [{ email: "hal@example.org" }] });
    const token = tokenOf(created.body.links[0].link);
    await play(token, { type: "start" });
    await play(token, { type: "advance", nodeId: "alert", visit: 1 });
    // The deadline passes (moved into the past rather than waited for).
    await prisma.drill.update({ where: { sessionId: created.body.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const refused = await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error!.code).toBe("DRILL_CLOSED");
    const shown = await play(token);
    expect(shown.body.stage).toBe("result");
    expect(shown.body.result!.finished).toBe(false);
    const extended = await api(app, facilitator, "PATCH", `/api/drills/${created.body.id}`, { closesAt: new Date(Date.now() + HOUR).toISOString() });
    expect(extended.status).toBe(200);
    expect((await play(token)).body.stage).toBe("playing");
    const closed = await api(app, facilitator, "POST", `/api/drills/${created.body.id}/close`);
    expect(closed.status).toBe(200);
    expect((await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 2 })).body.error!.code).toBe("DRILL_CLOSED");
  });

  it("re-issued links replace the old ones for people who have not started", async () => {
    const created = await create({ invitees: [{ email: "ivy@example.org" }, { email: "jo@example.org" }] });
    const [ivy, jo] = created.body.links.map((l: { link: string }) => tokenOf(l.link));
    await play(ivy, { type: "start" });
    const res = await fetch(`${app.url}/api/drills/${created.body.id}/links`, { method: "POST", headers: { cookie: facilitator, origin: app.url } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0].replace(/^\uFEFF/, "")).toBe("email,name,locale,link");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("jo@example.org");
    expect((await play(jo)).status).toBe(404);
    expect((await play(tokenOf(lines[1].split(",")[3]))).status).toBe(200);
    expect((await play(ivy)).body.stage).toBe("playing");
  });
});

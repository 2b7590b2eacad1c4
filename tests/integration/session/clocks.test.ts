// Regulatory clocks in a live session over real socket.io clients, the real server and its
// database: two teams race a GDPR Art. 33 clock running in compressed story time (1 real
// second is 6 fictional hours, so 72 hours take 12 seconds); one team notifies in time, the
// app is killed while the other team's clock runs and stays down past its deadline, and the
// breach is recorded exactly once after the restart; then the late notice, the submitter
// rule, co-edited fields naming their last writer, manual clocks and verdicts, and the AAR's section.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startApp } from "../../helpers/app";
import { api, call, key, liveApp, loginFacilitator, waitFor, type Client } from "../../helpers/live";
import type { TeamClocks } from "@/lib/session/clock-views";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-clocks.json");
const FULL = { nature: "Customer e-mails and order history, about 12,000 people", contact: "DPO, dpo@example.com", consequences: "Phishing risk", measures: "Bucket closed, keys rotated" };

/** The real instant a clock runs out, from a view's story time and compression. */
function realDeadline(view: TeamClocks, clockId: string): number {
  const clock = view.clocks.find((c) => c.id === clockId)!;
  return Date.parse(view.serverTime) + (Date.parse(clock.deadlineAt!) - Date.parse(view.storyNow)) / view.compression!;
}

const clockOf = (view: TeamClocks, id: string) => view.clocks.find((c) => c.id === id)!;
const taskOf = (view: TeamClocks, id: string) => view.tasks.find((t) => t.id === id)!;

describe("regulatory clocks in a live session", () => {
  const { live, open, db } = liveApp(FIXTURE, startApp);

  it("one team notifies in time, the other late across a restart; the breach is recorded once", async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Quick", "Slow"], anonymous: false });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    const console_ = open(live.cookie);
    const watch = await call(console_, "console:watch", { sessionId });
    const [quick, slow] = watch.view.teams as Array<{ id: string }>;

    const join = async (teamId: string, roleId: string, displayName: string) => {
      const s = open();
      const j = await call(s, "participant:join", { code: created.body.joinCode, teamId, roleId, displayName });
      expect(j.ok).toBe(true);
      return { s, token: j.token as string, name: j.view.me.displayName as string };
    };
    const q = await join(quick.id, "lead", "Quinn");
    const lead = await join(slow.id, "lead", "Lee");
    const legal = await join(slow.id, "legal", "Lena");

    // Before the start nothing runs; a participant's view has the clocks and the form.
    const before = (await call(q.s, "clocks:get", {})).clocks as TeamClocks;
    expect(clockOf(before, "art33").status).toBe("not-started");
    expect(taskOf(before, "art33-notice")).toMatchObject({ open: false, submitter: "legal", submitterHeld: false });
    expect((await call(q.s, "notice:submit", { key: key(), taskId: "art33-notice" })).error.code).toBe("SESSION_NOT_RUNNING");

    const clocksWatch = await call(console_, "clocks:watch", { sessionId });
    expect(clocksWatch.teams).toHaveLength(2);
    const started = waitFor(q.s, "clocks:state", (v) => clockOf(v, "art33").status === "running");
    await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } });
    const running = await started;
    // 72 fictional hours from the story's start (16:00 Warsaw, CEST).
    expect(clockOf(running, "art33")).toMatchObject({ startedAt: "2026-06-12T14:00:00.000Z", deadlineAt: "2026-06-15T14:00:00.000Z" });

    // Quick: the lead fills the form (nobody in the team holds "legal", so anyone may send it).
    for (const [fieldId, value] of Object.entries(FULL)) {
      expect(await call(q.s, "notice:edit", { key: key(), taskId: "art33-notice", fieldId, value })).toMatchObject({ ok: true, fieldId });
    }
    expect(await call(q.s, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "colour", value: "x" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_FIELD", path: "/fieldId" } });
    expect(await call(q.s, "notice:edit", { key: key(), taskId: "nope", fieldId: "nature", value: "x" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_TASK", path: "/taskId" } });
    const sent = await call(q.s, "notice:submit", { key: key(), taskId: "art33-notice" });
    expect(sent).toMatchObject({ ok: true, taskId: "art33-notice" });

    // Slow: two members co-edit; each field shows who wrote it last (pseudonyms in anonymous sessions: tests/e2e/notice-form.test.ts).
    const coEdited = waitFor(lead.s, "clocks:state", (v) => taskOf(v, "art33-notice").fields.find((f) => f.id === "contact")?.value === "DPO");
    await call(lead.s, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "nature", value: "first draft" });
    await call(legal.s, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "contact", value: "DPO" });
    await call(legal.s, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "nature", value: FULL.nature });
    const fields = taskOf(await coEdited, "art33-notice").fields;
    expect(fields.find((f) => f.id === "contact")).toMatchObject({ value: "DPO", by: legal.name });
    const afterLast = (await call(lead.s, "clocks:get", {})).clocks as TeamClocks;
    expect(taskOf(afterLast, "art33-notice").fields.find((f) => f.id === "nature")).toMatchObject({ value: FULL.nature, by: legal.name });
    expect(taskOf(afterLast, "art33-notice").submitterHeld).toBe(true);
    // The submitter role is held in this team: the lead may not send.
    expect(await call(lead.s, "notice:submit", { key: key(), taskId: "art33-notice" })).toMatchObject({ ok: false, error: { code: "NOT_SUBMITTER" } });

    // Kill the app while Slow's clock runs and keep it down past the deadline.
    const deadline = realDeadline(afterLast, "art33");
    expect(deadline).toBeGreaterThan(Date.now());
    const dataDir = live.app.dataDir;
    await live.app.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 500));
    live.app = await startApp({ dataDir });
    live.cookie = await loginFacilitator(live.app);

    const back = open();
    expect(await call(back, "participant:resume", { token: legal.token })).toMatchObject({ ok: true });
    const slowView = (await call(back, "clocks:get", {})).clocks as TeamClocks;
    expect(clockOf(slowView, "art33").status).toBe("breached");
    const quickBack = open();
    await call(quickBack, "participant:resume", { token: q.token });
    const quickView = (await call(quickBack, "clocks:get", {})).clocks as TeamClocks;
    expect(clockOf(quickView, "art33")).toMatchObject({ status: "met" });

    // The late notice: the reasons for the delay become a required field.
    await call(back, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "measures", value: FULL.measures });
    const late = await call(back, "notice:submit", { key: key(), taskId: "art33-notice" });
    expect(late.ok).toBe(true);
    expect(Date.parse(late.storyAt)).toBeGreaterThan(Date.parse(clockOf(slowView, "art33").deadlineAt!));
    const lateView = (await call(back, "clocks:get", {})).clocks as TeamClocks;
    expect(clockOf(lateView, "art33").status).toBe("late");

    // Manual clock on Quick: started by hand, refused twice, stopped; verdicts on notices.
    const fac = open(live.cookie);
    const cmd = (command: object) => call(fac, "clocks:command", { sessionId, key: key(), command });
    expect(await cmd({ type: "clock-start", teamId: quick.id, clockId: "nope" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_CLOCK", path: "/command/clockId" } });
    expect(await cmd({ type: "clock-stop", teamId: quick.id, clockId: "nis2-warning" })).toMatchObject({ ok: false, error: { code: "CLOCK_STATE" } });
    const manual = await cmd({ type: "clock-start", teamId: quick.id, clockId: "nis2-warning" });
    expect(clockOf(manual.clocks, "nis2-warning").status).toMatch(/running|warning|breached/);
    expect(await cmd({ type: "clock-start", teamId: quick.id, clockId: "nis2-warning" })).toMatchObject({ ok: false, error: { code: "CLOCK_STATE" } });
    expect(clockOf((await cmd({ type: "clock-stop", teamId: quick.id, clockId: "nis2-warning" })).clocks, "nis2-warning").status).toBe("stopped");
    const verdict = await cmd({ type: "notice-verdict", noticeId: sent.noticeId, verdict: "received" });
    expect(taskOf(verdict.clocks, "art33-notice").notices).toEqual([expect.objectContaining({ id: sent.noticeId, status: "received" })]);
    expect(await cmd({ type: "notice-verdict", noticeId: "nope", verdict: "rejected" })).toMatchObject({ ok: false, error: { code: "NOTICE_NOT_FOUND" } });

    // The breach was recorded once, for Slow only, though every change since judged the clocks again.
    const breaches = await db((c) => c.query("select session_team_id, clock_id from team_clock_events where session_id = $1 and action = 'breach'", [sessionId]));
    expect(breaches.rows).toEqual([{ session_team_id: slow.id, clock_id: "art33" }]);
    const events = await db((c) => c.query("select type, session_team_id from session_events where session_id = $1 and type like 'clock.%' or (session_id = $1 and type like 'notice.%') order by id", [sessionId]));
    expect(events.rows.filter((r) => r.type === "clock.breached")).toEqual([{ type: "clock.breached", session_team_id: slow.id }]);
    expect(events.rows.map((r) => r.type)).toEqual(expect.arrayContaining(["notice.edited", "notice.submitted", "clock.started", "clock.stopped", "notice.received"]));

    // The AAR from this run shows both notices and the manual clock.
    await call(fac, "console:command", { sessionId, key: key(), command: { type: "end" } });
    const aar = await api(live.app, live.cookie, "GET", `/api/sessions/${sessionId}/aar`);
    expect(aar.status).toBe(200);
    const section = aar.body.clocks as { teams: Array<{ teamId: string; clocks: Array<{ clockId: string; timeliness: string; submitted: string | null; missingFields: string[] }> }> };
    const row = (teamId: string, clockId: string) => section.teams.find((t) => t.teamId === teamId)!.clocks.find((c) => c.clockId === clockId)!;
    expect(row(quick.id, "art33")).toMatchObject({ timeliness: "on-time", missingFields: [] });
    expect(row(slow.id, "art33")).toMatchObject({ timeliness: "late", missingFields: expect.arrayContaining(["consequences", "delay-reasons"]) });
    expect(row(quick.id, "nis2-warning").timeliness).toBe("stopped");
  }, 180_000);

  it("refuses clock events from the wrong sender", async () => {
    const anon: Client = open();
    expect(await call(anon, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "nature", value: "x" })).toMatchObject({ ok: false, error: { code: "NOT_JOINED" } });
    expect(await call(anon, "clocks:command", { key: key(), sessionId: "x", command: { type: "clock-start", teamId: "t", clockId: "c" } })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

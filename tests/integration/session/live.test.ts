// Live sessions end to end over real socket.io clients, against the real server and
// database: joining, voting, answering, locking, timers, authorisation and bad input.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startApp } from "../../helpers/app";
import { api, call, key, liveApp, loginFacilitator, waitFor } from "../../helpers/live";
import { hashPassword } from "@/lib/auth/password";
import { readDisplayName } from "@/lib/privacy/crypto/personal-fields";
import { appDatabase } from "../../helpers/app-db";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

describe("live sessions over socket.io", () => {
  // Its own server: the last test kills and restarts it, and wrong join codes count per address.
  const { live, open, db } = liveApp(FIXTURE, startApp);

  async function createSession(body: Record<string, unknown> = {}) {
    const r = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Legal", "IT"], anonymous: false, ...body });
    expect(r.status).toBe(201);
    return r.body as { id: string; joinCode: string; joinUrl: string };
  }

  /** A one-team session with one participant, started and advanced to the "contain" decision. */
  async function oneTeamAtDecision(team: string, displayName: string) {
    const session = await createSession({ teams: [team] });
    const console_ = open(live.cookie);
    await call(console_, "console:watch", { sessionId: session.id });
    const p = open();
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName });
    const teamId = joined.view.me.teamId as string;
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } });
    const atDecision = waitFor(p, "team:state", (v) => v.node?.id === "contain");
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId } });
    await atDecision;
    return { session, console_, p, joined, teamId };
  }

  it("plays two teams through a scenario: votes, answers, tie-break, role decision, timer, results", async () => {
    const session = await createSession();
    expect(session.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(session.joinUrl).toBe(`${live.app.url}/join?code=${session.joinCode}`);

    const console_ = open(live.cookie);
    const watch = await call(console_, "console:watch", { sessionId: session.id });
    expect(watch.ok).toBe(true);
    const [legal, it_] = watch.view.teams as Array<{ id: string; name: string }>;
    expect([legal.name, it_.name]).toEqual(["Legal", "IT"]);

    const alice = open();
    const bob = open();
    const carol = open();
    const ja = await call(alice, "participant:join", { code: session.joinCode.toLowerCase(), displayName: "Alice", teamId: legal.id, roleId: "lead" });
    const jb = await call(bob, "participant:join", { code: session.joinCode, displayName: "Bob", teamId: legal.id, roleId: "legal" });
    const jc = await call(carol, "participant:join", { code: session.joinCode, displayName: "Carol", teamId: it_.id, roleId: "legal" });
    for (const j of [ja, jb, jc]) expect(j.ok).toBe(true);
    expect(ja.view.me).toMatchObject({ displayName: "Alice", teamId: legal.id, roleId: "lead" });
    expect(ja.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const dup = await call(open(), "participant:join", { code: session.joinCode, displayName: "Alice", teamId: it_.id });
    expect(dup).toMatchObject({ ok: false, error: { code: "DUPLICATE_NAME" } });
    // A join retried with the same key (its answer was lost) is the same participant, not a duplicate.
    const joinKey = key();
    const first = await call(open(), "participant:join", { code: session.joinCode, displayName: "Gus", teamId: it_.id, key: joinKey });
    const retry = await call(open(), "participant:join", { code: session.joinCode, displayName: "Gus", teamId: it_.id, key: joinKey });
    expect(retry).toMatchObject({ ok: true, view: { me: { id: first.view.me.id, displayName: "Gus" } } });
    expect(await call(open(), "participant:resume", { token: retry.token })).toMatchObject({ ok: true });

    // Start: every participant receives the first inject.
    const seen = [alice, bob, carol].map((s) => waitFor(s, "team:state", (v) => v.node?.id === "alert"));
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true, result: { status: "RUNNING" } });
    for (const v of await Promise.all(seen)) expect(v).toMatchObject({ phase: "running", node: { type: "inject", title: "An alert fires" }, visit: 1 });

    // Answers: role-restricted questions are refused for other roles.
    expect(await call(alice, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "<b>The CX team</b>'); drop table responses;--" })).toMatchObject({ ok: true });
    expect(await call(alice, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-legal", text: "GDPR" })).toMatchObject({ ok: false, error: { code: "NOT_YOUR_QUESTION" } });
    expect(await call(bob, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-legal", text: "Art. 33, 72 hours" })).toMatchObject({ ok: true });
    expect(await call(bob, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-conf", value: 9 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/value" } });

    // Voting before the decision is open is refused.
    expect(await call(alice, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "DECISION_CLOSED" } });

    // Advance the Legal team only: the IT team stays on the inject.
    const atDecision = waitFor(alice, "team:state", (v) => v.node?.id === "contain");
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId: legal.id } })).toMatchObject({ ok: true });
    const decision = await atDecision;
    expect(decision.node).toMatchObject({ type: "decision", timeLimitSeconds: 4 });
    expect(decision.deadlineAt).not.toBeNull();
    // The conditional option is shown as unavailable, not hidden.
    expect(decision.node?.type === "decision" && decision.node.options.map((o) => [o.id, o.available])).toEqual([["isolate", true], ["wait", true], ["notify-now", false]]);

    // Pause immediately so the 3-second timer does not fire while the team votes.
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "pause" } })).toMatchObject({ ok: true });
    expect(await call(alice, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "SESSION_PAUSED" } });
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "resume" } })).toMatchObject({ ok: true });
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "pause" } });
    const resumed = await db((c) => c.query("select timer_remaining_ms from session_teams where id = $1", [legal.id]));
    expect(resumed.rows[0].timer_remaining_ms).toBeGreaterThan(0);
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "resume" } });

    const k1 = key();
    const v1 = await call(alice, "vote:cast", { key: k1, nodeId: "contain", visit: 1, optionId: "isolate" });
    expect(v1).toEqual({ ok: true, vote: { nodeId: "contain", visit: 1, optionId: "isolate" } });
    // A retry with the same key is harmless and returns the same ack.
    expect(await call(alice, "vote:cast", { key: k1, nodeId: "contain", visit: 1, optionId: "isolate" })).toEqual(v1);
    expect(await call(bob, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: true });
    // Bob changes his mind: the last vote counts, one vote per participant.
    expect(await call(bob, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "wait" })).toMatchObject({ ok: true, vote: { optionId: "wait" } });
    expect(await call(bob, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "notify-now" })).toMatchObject({ ok: false, error: { code: "OPTION_UNAVAILABLE" } });
    expect(await call(bob, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "nope" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_OPTION" } });

    // 1–1: the lock needs the facilitator to break the tie.
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId: legal.id } })).toMatchObject({ ok: false, error: { code: "TIE" } });
    const locked = waitFor(alice, "team:state", (v) => v.node?.id === "update");
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId: legal.id, optionId: "isolate" } })).toMatchObject({ ok: true, result: { nodeId: "update" } });
    expect((await locked).lastDecision).toMatchObject({ optionId: "isolate", label: "Isolate the host", feedback: "Isolation keeps evidence.", method: "tie-break" });
    expect(await call(bob, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "wait" })).toMatchObject({ ok: false, error: { code: "DECISION_CLOSED" } });

    // The role decision: Legal decides even though the team is split 1–1.
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId: legal.id } });
    await call(alice, "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId: "no" });
    await call(bob, "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId: "yes" });
    const ended = waitFor(bob, "team:state", (v) => v.node?.type === "end");
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId: legal.id } })).toMatchObject({ ok: true, result: { nodeId: "good-end", status: "ended" } });
    expect((await ended).node).toMatchObject({ type: "end", outcome: "success", title: "Handled" });

    // IT team: nobody votes; the server-side timer fires onTimeout with no browser involved.
    carol.close();
    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId: it_.id } });
    await new Promise((r) => setTimeout(r, 5500));
    const it2 = await db((c) => c.query("select state->>'nodeId' as node from session_teams where id = $1", [it_.id]));
    expect(it2.rows[0].node).toBe("update");

    const results = await api(live.app, live.cookie, "GET", `/api/sessions/${session.id}/results`);
    expect(results.status).toBe(200);
    const [rLegal, rIt] = results.body.teams;
    expect(rLegal.path).toEqual(["alert", "contain", "update", "notify", "good-end"]);
    expect(rLegal.outcome).toBe("success");
    expect(rLegal.scores).toMatchObject({ RS: 3, GV: 3 });
    expect(rLegal.decisions.map((d: { nodeId: string; optionId: string; method: string }) => [d.nodeId, d.optionId, d.method])).toEqual([
      ["contain", "isolate", "tie-break"],
      ["notify", "yes", "role"],
    ]);
    expect(rLegal.votes).toHaveLength(4);
    expect(rLegal.answers.map((a: { text: string | null }) => a.text)).toContain("<b>The CX team</b>'); drop table responses;--");
    expect(rIt.decisions).toEqual([expect.objectContaining({ nodeId: "contain", optionId: "@timeout", method: "timeout", points: { RS: -2 } })]);

    const counts = await db((c) => c.query("select (select count(*) from votes where session_id = $1)::int as votes, (select count(*) from session_events where session_id = $1 and type = 'timer.fired')::int as fired", [session.id]));
    expect(counts.rows[0]).toEqual({ votes: 4, fired: 1 });
  });

  it("refuses participants on facilitator events, other facilitators, and managers", async () => {
    const session = await createSession();
    const p = open();
    await call(p, "participant:join", { code: session.joinCode, displayName: "Dana" });
    expect(await call(p, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await call(p, "console:watch", { sessionId: session.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });

    // Another facilitator who neither runs nor was granted the session.
    await db(async (c) => {
      await c.query("insert into users (id, email, name, role, password_hash, updated_at) values ('other-fac', 'other@readyroom.local', 'Other', 'FACILITATOR', $1, now())", [await hashPassword("other-password-123")]);
    });
    const otherCookie = await loginFacilitator(live.app, "other@readyroom.local", "other-password-123");
    const other = open(otherCookie);
    expect(await call(other, "console:watch", { sessionId: session.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(other, "console:command", { sessionId: session.id, key: key(), command: { type: "end" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await api(live.app, otherCookie, "GET", `/api/sessions/${session.id}/results`)).status).toBe(403);

    const managerCookie = await loginFacilitator(live.app, "manager@readyroom.local", live.app.demoPassword("MANAGER"));
    expect(await call(open(managerCookie), "console:command", { sessionId: session.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await api(live.app, managerCookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["X"], anonymous: true })).status).toBe(403);
  });

  it("rejects bad payloads with an error ack that names the field, and stays up", async () => {
    const session = await createSession({ teams: ["Solo"] });
    const p = open();
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "NOT_JOINED" } });
    await call(p, "participant:join", { code: session.joinCode, displayName: "Eve" });
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: "1", optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/visit" } });
    // Forged fields (acting for another team) are unknown keys, not silently used.
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate", teamId: "someone-else" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await call(p, "vote:cast", { nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/key" } });
    expect(await call(p, "vote:cast", "just a string")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await call(p, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "x".repeat(40_000) })).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(await call(p, "participant:join", { code: "WRONG-CODE" })).toMatchObject({ ok: false, error: { code: "JOIN_CODE_INVALID" } });
    expect(await call(open(), "participant:join", { code: "ABCD-EFGH", displayName: "x" })).toMatchObject({ ok: false, error: { code: "JOIN_CODE_UNKNOWN" } });
    expect(await call(p, "participant:resume", { token: "not-a-real-token-at-all-xxxxxxxx" })).toMatchObject({ ok: false, error: { code: "PARTICIPANT_UNKNOWN" } });

    const flood = await Promise.all(Array.from({ length: 60 }, () => call(p, "participant:resume", { token: "not-a-real-token-at-all-xxxxxxxx" })));
    expect(flood.some((r) => r.error?.code === "RATE_LIMITED")).toBe(true);
    expect((await fetch(`${live.app.url}/api/health`)).status).toBe(200);

    await db((c) => c.query("update exercise_sessions set join_expires_at = now() - interval '1 minute' where id = $1", [session.id]));
    expect(await call(open(), "participant:join", { code: session.joinCode, displayName: "Late" })).toMatchObject({ ok: false, error: { code: "JOIN_CODE_EXPIRED" } });
    await call(open(live.cookie), "console:command", { sessionId: session.id, key: key(), command: { type: "end" } });
    expect(await call(open(), "participant:join", { code: session.joinCode, displayName: "Later" })).toMatchObject({ ok: false, error: { code: "SESSION_ENDED" } });
  });

  it("gives anonymous participants pseudonyms and stores no link to a person", async () => {
    const session = await createSession({ anonymous: true, teams: ["All hands"] });
    const p = open(live.cookie); // even a signed-in browser is not linked in an anonymous session
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName: "Real Name" });
    expect(joined.ok).toBe(true);
    expect(joined.view.me.displayName).not.toBe("Real Name");
    expect(joined.view.me.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    const row = await db((c) => c.query("select user_id, display_name from participants where id = $1", [joined.view.me.id]));
    // No account link; the name is stored only sealed under the participant's key, and it is the pseudonym.
    expect(row.rows[0].user_id).toBeNull();
    expect(row.rows[0].display_name).not.toContain(joined.view.me.displayName);
    const keyed = appDatabase(live.app);
    try {
      expect(await readDisplayName(keyed, joined.view.me.id, row.rows[0].display_name)).toBe(joined.view.me.displayName);
    } finally {
      await keyed.$disconnect();
    }
    const anyRealName = await db((c) => c.query("select count(*)::int as n from session_events where session_id = $1 and payload::text like '%Real Name%'", [session.id]));
    expect(anyRealName.rows[0].n).toBe(0);
  });

  it("answers a join retried with the same key with the stored result: the same participant and resume token", async () => {
    const session = await createSession();
    const joinKey = key();
    const first = await call(open(), "participant:join", { code: session.joinCode, displayName: "Hana", key: joinKey });
    expect(first.ok).toBe(true);
    const retry = await call(open(), "participant:join", { code: session.joinCode, displayName: "Hana", key: joinKey });
    expect(retry).toMatchObject({ ok: true, view: { me: { id: first.view.me.id, displayName: "Hana" } } });
    expect(retry.token).toBe(first.token);
    // The first answer's token still works: the retry did not replace it.
    expect(await call(open(), "participant:resume", { token: first.token })).toMatchObject({ ok: true, view: { me: { id: first.view.me.id } } });
    const n = await db((c) => c.query("select count(*)::int as n from participants where session_id = $1", [session.id]));
    expect(n.rows[0].n).toBe(1);
  });

  it("acts not at all on a lock retried with the same key: no second team:state at the same revision", async () => {
    const { session, console_, p, teamId } = await oneTeamAtDecision("Replay team", "Ivo");
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: true });

    const pushes: Array<{ revision: number; node: { id: string } | null }> = [];
    p.on("team:state", (v) => pushes.push(v));
    const lockKey = key();
    const lock = { sessionId: session.id, key: lockKey, command: { type: "lock", teamId } };
    const moved = waitFor(p, "team:state", (v) => v.node?.id === "update");
    const first = await call(console_, "console:command", lock);
    expect(first).toMatchObject({ ok: true, result: { nodeId: "update" } });
    const revision = (await moved).revision;
    const replay = await call(console_, "console:command", lock);
    expect(replay).toEqual(first);
    // Give a re-broadcast time to arrive: there must be none.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(pushes.filter((v) => v.revision === revision)).toHaveLength(1);
    expect(pushes.every((v) => v.revision <= revision)).toBe(true);
    const decisions = await db((c) => c.query("select count(*)::int as n from decisions where session_team_id = $1", [teamId]));
    expect(decisions.rows[0].n).toBe(1);
  });

  it("resumes sessions and timers after a hard restart; clients catch up with their token", async () => {
    const { p, joined, teamId } = await oneTeamAtDecision("Crash team", "Frank");
    const vote = await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "wait" });
    expect(vote.ok).toBe(true);

    // Kill the server mid-timer. The acknowledged vote and the running timer must survive.
    const dataDir = live.app.dataDir;
    // The embedded database lives in the server's process: read the deadline before the kill.
    const deadline = await db((c) => c.query<{ at: Date }>("select deadline_at as at from session_teams where id = $1", [teamId]));
    expect(deadline.rows[0].at).toBeInstanceOf(Date);
    await live.app.kill("SIGKILL");
    // Stay down past the deadline: a quiet machine restarts in less than the timer's 4 seconds.
    await new Promise((r) => setTimeout(r, Math.max(0, deadline.rows[0].at.getTime() - Date.now() + 250)));
    live.app = await startApp({ dataDir });
    expect(live.app.logs()).toMatch(/resumed 1 running decision timer/);

    const back = open();
    const resumed = await call(back, "participant:resume", { token: joined.token });
    expect(resumed.ok).toBe(true);
    // The 4-second deadline passed while the server was down: the timer fired once on recovery.
    // No onTimeout-free path here: live-drill's contain has onTimeout, so the team moved on.
    expect(resumed.view.team.node.id).toBe("update");
    const rows = await db((c) => c.query("select option_id, method from decisions where session_team_id = $1", [teamId]));
    expect(rows.rows).toEqual([{ option_id: "@timeout", method: "timeout" }]);
    const votes = await db((c) => c.query("select option_id from votes where session_team_id = $1", [teamId]));
    expect(votes.rows).toEqual([{ option_id: "wait" }]);
    live.cookie = await loginFacilitator(live.app);
  });
});

// The facilitator's "+1 min" (the `extend` console command): a running decision's
// deadline moves later and its timer does not fire at the old time, a paused timer keeps
// more time, and a team not at a timed decision is refused with a code that says why.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/app";
import { api, call, key, liveApp, waitFor } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

describe("extending a decision's time limit live", () => {
  const { live, open, db } = liveApp(FIXTURE);

  /** One team with one participant at the "contain" decision (a 4 s time limit in the fixture). */
  async function atTimedDecision(team: string) {
    const r = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: [team] });
    expect(r.status).toBe(201);
    const session = r.body as { id: string; joinCode: string };
    const console_ = open(live.cookie);
    await call(console_, "console:watch", { sessionId: session.id });
    const p = open();
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName: "Ola" });
    const teamId = joined.view.me.teamId as string;
    const command = (c: Record<string, unknown>) => call(console_, "console:command", { sessionId: session.id, key: key(), command: c });
    await command({ type: "start" });
    const notTimed = await command({ type: "extend", teamId });
    expect(notTimed).toMatchObject({ ok: false, error: { code: "NOT_AT_DECISION" } });
    const atDecision = waitFor(p, "team:state", (v) => v.node?.id === "contain");
    await command({ type: "advance", teamId });
    const view = await atDecision;
    return { session, p, teamId, command, view };
  }

  it("moves a running deadline a minute later, pushes it to the team, and the old deadline passes without a timeout", async () => {
    const { p, teamId, command, view } = await atTimedDecision("Extend team");
    const before = Date.parse(view.deadlineAt!);
    const pushed = waitFor(p, "team:state", (v) => v.node?.id === "contain" && v.revision > view.revision);
    const res = await command({ type: "extend", teamId });
    expect(res.ok).toBe(true);
    const after = await pushed;
    expect(Date.parse(after.deadlineAt!) - before).toBeGreaterThan(55_000);
    // The fixture's 4 s limit has long passed: the team is still at the decision.
    await new Promise((r) => setTimeout(r, 5_000));
    const rows = await db((c) => c.query("select state->>'nodeId' as node, deadline_at from session_teams where id = $1", [teamId]));
    expect(rows.rows[0].node).toBe("contain");
    expect(rows.rows[0].deadline_at.getTime()).toBe(Date.parse(after.deadlineAt!));
    const events = await db((c) => c.query("select payload from session_events where session_team_id = $1 and type = 'timer.extended'", [teamId]));
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].payload).toMatchObject({ nodeId: "contain", visit: 1, seconds: 60 });
  });

  it("adds to a paused timer's time left, and refuses a decision without a time limit", async () => {
    const { p, teamId, command } = await atTimedDecision("Paused team");
    await command({ type: "pause" });
    const [paused] = (await db((c) => c.query("select timer_remaining_ms::int as left from session_teams where id = $1", [teamId]))).rows;
    const pushed = waitFor(p, "team:state", (v) => v.remainingMs !== null && v.remainingMs > 60_000);
    expect((await command({ type: "extend", teamId, seconds: 90 })).ok).toBe(true);
    expect((await pushed).remainingMs).toBe(paused.left + 90_000);
    expect(await command({ type: "extend", teamId, seconds: 5 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });

    // Resume, vote and lock: the next decision ("notify") has no time limit.
    await command({ type: "resume" });
    await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" });
    await command({ type: "lock", teamId });
    const atUpdate = waitFor(p, "team:state", (v) => v.node?.id === "notify");
    await command({ type: "advance", teamId });
    await atUpdate;
    expect(await command({ type: "extend", teamId })).toMatchObject({ ok: false, error: { code: "NO_TIME_LIMIT" } });
  });
});

// A drill is played alone through personal links: the live path's socket commands and joining
// by code refuse a DRILL session with DRILL_SESSION (real socket.io clients against the real
// server), and nothing about the drill changes.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/app";
import { api, call, key, liveApp } from "../../helpers/live";
import { CLIENT_EVENTS } from "@/lib/realtime/contract";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const HOUR = 3_600_000;

describe("live socket commands on a drill session", () => {
  const { live, open, db } = liveApp(FIXTURE);

  async function createDrill() {
    const r = await api(live.app, live.cookie, "POST", "/api/drills", {
      scenarioId: live.scenarioId,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      invitees: [{ email: "dana@example.org" }],
    });
    expect(r.status).toBe(201);
    const id = r.body.id as string;
    const row = await db((c) => c.query<{ join_code: string; team: string | null }>(
      `select s.join_code, (select id from session_teams t where t.session_id = s.id limit 1) as team from exercise_sessions s where s.id = $1`, [id]));
    return { id, joinCode: row.rows[0].join_code, teamId: row.rows[0].team ?? "no-team" };
  }

  const snapshot = (id: string) =>
    db(async (c) => ({
      session: (await c.query(`select status, started_at, ended_at from exercise_sessions where id = $1`, [id])).rows,
      events: (await c.query(`select type from session_events where session_id = $1 order by id`, [id])).rows.map((r) => r.type),
      participants: Number((await c.query(`select count(*) from participants where session_id = $1`, [id])).rows[0].count),
      runs: Number((await c.query(`select count(*) from drill_runs where session_id = $1`, [id])).rows[0].count),
    }));

  it("documents DRILL_SESSION on the events that refuse it", () => {
    for (const event of ["participant:join", "console:command", "clocks:command"] as const) {
      expect(CLIENT_EVENTS[event].errors as readonly string[]).toContain("DRILL_SESSION");
    }
  });

  it("refuses the facilitator's commands and a participant's join with DRILL_SESSION, changing nothing", async () => {
    const drill = await createDrill();
    const before = await snapshot(drill.id);
    const facilitator = open(live.cookie);
    const commands = [
      { type: "start" },
      { type: "pause" },
      { type: "end" },
      { type: "advance", teamId: drill.teamId },
      { type: "lock", teamId: drill.teamId },
      { type: "reveal", teamId: drill.teamId, show: true },
      { type: "extend", teamId: drill.teamId, seconds: 60 },
      { type: "note", text: "should not be recorded" },
    ];
    for (const command of commands) {
      const ack = await call(facilitator, "console:command", { key: key(), sessionId: drill.id, command });
      expect(ack, command.type).toMatchObject({ ok: false, error: { code: "DRILL_SESSION" } });
      expect(ack.error.message).toMatch(/drill/);
    }
    const clock = await call(facilitator, "clocks:command", { key: key(), sessionId: drill.id, command: { type: "clock-start", teamId: drill.teamId, clockId: "gdpr" } });
    expect(clock).toMatchObject({ ok: false, error: { code: "DRILL_SESSION" } });

    const participant = open();
    const joined = await call(participant, "participant:join", { code: drill.joinCode, displayName: "Walk-in" });
    expect(joined).toMatchObject({ ok: false, error: { code: "DRILL_SESSION" } });
    expect(joined.error.message).toMatch(/personal link/);

    expect(await snapshot(drill.id)).toEqual(before);
  });

  it("still lets a stranger's command on a drill fail on access first", async () => {
    const drill = await createDrill();
    const anonymous = open();
    expect(await call(anonymous, "console:command", { key: key(), sessionId: drill.id, command: { type: "start" } })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

// Erasure from the admin tools against the running server, while the session runs: the
// admin finds the participant by session and name (or by account), erases them, their open
// connection is told and closed, the console and the recorded tallies no longer count
// them, the search no longer finds them, and the audit log records it.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { api, call, importFixture, key, loginFacilitator, socketFor, waitFor, type Client } from "../../helpers/live";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

describe("erasure during a running session", () => {
  let app: AppHandle;
  let db: PrismaClient;
  let admin: string;
  let facilitator: string;
  const sockets: Client[] = [];
  const open = (cookie?: string) => {
    const s = socketFor(app, cookie);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await sharedApp();
    db = appDatabase(app);
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facilitator = await loginFacilitator(app);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
  });

  it("erases a connected participant: they are told and disconnected, tallies and console drop them, and it is audited", async () => {
    const scenarioId = await importFixture(app, admin, FIXTURE);
    const created = await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false });
    const sessionId = created.body.id as string;
    const console_ = open(facilitator);
    expect((await call(console_, "console:watch", { sessionId })).ok).toBe(true);
    const people: Record<string, { socket: Client; id: string }> = {};
    for (const [name, roleId] of [["Ada", "legal"], ["Ben", "lead"], ["Cy", "legal"]] as const) {
      const socket = open();
      const j = await call(socket, "participant:join", { code: created.body.joinCode, displayName: name, roleId });
      expect(j.ok).toBe(true);
      people[name] = { socket, id: j.view.me.id };
    }
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    for (const p of Object.values(people)) expect(await call(p.socket, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "my answer" })).toMatchObject({ ok: true });
    const teamId = (await db.participant.findUniqueOrThrow({ where: { id: people.Ada.id } })).sessionTeamId!;
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "advance", teamId } })).toMatchObject({ ok: true });
    for (const [name, option] of [["Ada", "isolate"], ["Ben", "isolate"], ["Cy", "wait"]] as const) {
      expect(await call(people[name].socket, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: option })).toMatchObject({ ok: true });
    }
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "lock", teamId } })).toMatchObject({ ok: true });
    const before = await db.decision.findFirstOrThrow({ where: { sessionId, nodeId: "contain" } });
    expect(before.tally).toMatchObject({ counts: { isolate: 2, wait: 1 }, counted: 3 });

    // The admin finds Ben by session and part of the name, and by nothing else.
    const found = await api(app, admin, "GET", `/api/participants?sessionId=${sessionId}&displayName=be`);
    expect(found.body.participants).toEqual([expect.objectContaining({ id: people.Ben.id, displayName: "Ben", answers: 1, votes: 1, session: expect.objectContaining({ status: "RUNNING" }) })]);
    expect(await api(app, admin, "GET", "/api/participants")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect((await api(app, facilitator, "GET", `/api/participants?sessionId=${sessionId}`)).status).toBe(403);
    const page = await fetch(`${app.url}/admin/erasure?sessionId=${sessionId}&displayName=Ben`, { headers: { cookie: admin } }).then((r) => r.text());
    expect(page).toContain('data-participant="Ben"');
    expect(page).not.toContain('data-participant="Ada"');

    const told = waitFor(people.Ben.socket, "participant:erased");
    const gone = new Promise<string>((resolve) => people.Ben.socket.once("disconnect", (reason) => resolve(reason)));
    // The console's next push drops Ben: a change list that removes him and holds nothing
    // else of his, or a whole roster without him.
    const consoleUpdate = waitFor(console_, "console:state", (v) => {
      const { rosterChanges, ...rest } = v;
      if (rosterChanges && !rosterChanges.remove.includes(people.Ben.id)) return false;
      return !JSON.stringify({ ...rest, upsert: rosterChanges?.upsert }).includes(people.Ben.id);
    });
    const erased = await api(app, admin, "DELETE", `/api/participants/${people.Ben.id}`);
    expect(erased).toMatchObject({ status: 200, body: { participantId: people.Ben.id, sessionId, responses: 1, votes: 1, decisionsRecomputed: 1 } });
    expect(await told).toEqual({ sessionId, participantId: people.Ben.id });
    expect(await gone).toBe("io server disconnect");
    await consoleUpdate;

    // The locked decision stands; its counts no longer include Ben.
    const after = await db.decision.findFirstOrThrow({ where: { sessionId, nodeId: "contain" } });
    expect(after.optionId).toBe(before.optionId);
    expect(after.tally).toMatchObject({ counts: { isolate: 1, wait: 1 }, counted: 2 });
    expect(await db.participant.count({ where: { sessionId } })).toBe(2);
    // The others carry on.
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "advance", teamId } })).toMatchObject({ ok: true });
    expect(await call(people.Ada.socket, "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId: "yes" })).toMatchObject({ ok: true });
    // Ben's device cannot come back with the old token.
    const again = open();
    expect(await call(again, "participant:resume", { token: "x".repeat(43) })).toMatchObject({ ok: false, error: { code: "PARTICIPANT_UNKNOWN" } });

    expect((await api(app, admin, "GET", `/api/participants?sessionId=${sessionId}&displayName=Ben`)).body.participants).toEqual([]);
    const log = await api(app, admin, "GET", `/api/audit?action=delete&resourceId=${people.Ben.id}`);
    expect(log.body.rows).toEqual([
      expect.objectContaining({ actorLabel: "admin@readyroom.local (ADMIN)", resourceType: "user", detail: expect.objectContaining({ kind: "participant", sessionId, responses: 1, votes: 1 }) }),
    ]);
  });

  it("finds a staff account's participations in named sessions by account", async () => {
    const scenarioId = (await db.scenario.findFirstOrThrow({ where: { source: "upload" } })).id;
    const created = await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false });
    const mgr = await db.user.findUniqueOrThrow({ where: { email: "manager@readyroom.local" } });
    const j = await call(open(), "participant:join", { code: created.body.joinCode, displayName: mgr.name! });
    expect(j.ok).toBe(true);
    const found = await api(app, admin, "GET", `/api/participants?userId=${mgr.id}`);
    expect(found.body.participants.map((p: { id: string }) => p.id)).toEqual([j.view.me.id]);
    const html = await fetch(`${app.url}/admin/erasure?userId=${mgr.id}`, { headers: { cookie: admin } }).then((r) => r.text());
    expect(html).toContain(`data-participant="${mgr.name}"`);
  });
});

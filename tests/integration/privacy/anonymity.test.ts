// Anonymous sessions store nothing that points at a person: no user id, IP address or user
// agent in participants, votes, responses, event payloads or audit details, and none in the
// server's own output, even when the participant is signed in and behind a proxy. In named
// sessions a participant sees their own answers, and others see them only as the matrix allows.
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startApp, type RunningApp } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../../helpers/live";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const UA = "Mozilla/5.0 (X11; Readyroom-UA-Marker-7f3a) Chrome/999";
const IP = "203.0.113.77";

describe("anonymity", () => {
  let app: RunningApp;
  let db: PrismaClient;
  let admin: string;
  let facilitator: string;
  let manager: string;
  let scenarioId: string;
  const sockets: Client[] = [];

  function participantSocket(cookie?: string): Client {
    const s = connect(app.url, {
      transports: ["websocket"],
      extraHeaders: { "user-agent": UA, "x-forwarded-for": IP, "x-real-ip": IP, ...(cookie ? { cookie } : {}) },
      reconnection: false,
      forceNew: true,
    }) as Client;
    sockets.push(s);
    return s;
  }

  beforeAll(async () => {
    app = await startApp({ env: { TRUST_PROXY: "1" } });
    db = appDatabase(app);
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facilitator = await loginFacilitator(app);
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    scenarioId = await importFixture(app, admin, FIXTURE);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
  });

  it("stores no user id, IP or user agent for an anonymous session, in the database or the server's output", async () => {
    // What the server prints from here on (the startup banner lists the demo logins).
    const logStart = app.logs().length;
    const output = () => app.logs().slice(logStart);
    const created = await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: true });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    const users = await db.user.findMany({ select: { id: true, email: true } });
    const managerUser = users.find((u) => u.email === "manager@readyroom.local")!;

    // The manager joins while signed in (their cookie rides along), through a proxy, with a distinctive browser.
    const console_ = socketFor(app, facilitator);
    sockets.push(console_);
    const people = [participantSocket(manager), participantSocket(), participantSocket()];
    const joined = [];
    for (const p of people) {
      // A forged identity in the join payload is refused outright.
      expect(await call(p, "participant:join", { code: created.body.joinCode, userId: managerUser.id })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
      const j = await call(p, "participant:join", { code: created.body.joinCode, displayName: "Real Name Should Not Be Used", roleId: "legal" });
      expect(j.ok).toBe(true);
      joined.push(j);
    }
    // Anonymous: the typed name is ignored in favour of a pseudonym.
    for (const j of joined) expect(j.view.me.displayName).not.toBe("Real Name Should Not Be Used");

    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    for (const [i, p] of people.entries()) {
      expect(await call(p, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: `anonymous answer ${i}` })).toMatchObject({ ok: true });
    }
    const teamId = joined[0].view.me.teamId as string;
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "advance", teamId } })).toMatchObject({ ok: true });
    for (const p of people) expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: true });
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "lock", teamId } })).toMatchObject({ ok: true });
    // Views and exports that touch the session write audit rows too.
    expect((await api(app, facilitator, "GET", `/api/sessions/${sessionId}/results`)).status).toBe(200);
    expect((await api(app, manager, "GET", `/api/sessions/${sessionId}/aar`)).status).toBe(200);
    // Managers never see raw responses of an anonymous session.
    expect(await api(app, manager, "GET", `/api/sessions/${sessionId}/responses`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });

    const participants = await db.participant.findMany({ where: { sessionId } });
    expect(participants).toHaveLength(3);
    for (const p of participants) expect(p.userId).toBeNull();
    const stored = JSON.stringify({
      participants,
      responses: await db.response.findMany({ where: { sessionId } }),
      votes: await db.vote.findMany({ where: { sessionId } }),
      events: (await db.sessionEvent.findMany({ where: { sessionId } })).map((e) => ({ ...e, id: String(e.id) })),
      decisions: await db.decision.findMany({ where: { sessionId } }),
      commands: await db.processedCommand.findMany({ where: { sessionId } }),
    });
    const participantIds = participants.map((p) => p.id);
    const audits = (await db.auditLog.findMany()).filter((a) => JSON.stringify(a.detail ?? {}).includes(sessionId) || a.resourceId === sessionId || participantIds.includes(a.resourceId ?? ""));
    expect(audits.length).toBeGreaterThan(0);
    const auditDetails = JSON.stringify(audits.map((a) => ({ ...a, id: String(a.id), actorId: null, actorLabel: null })));

    for (const [where, text] of [["stored rows", stored], ["audit details", auditDetails], ["server output", output()]] as const) {
      expect(text, where).not.toContain(UA);
      expect(text, where).not.toContain("Readyroom-UA-Marker");
      expect(text, where).not.toContain(IP);
      expect(text, where).not.toContain("Real Name Should Not Be Used");
      // The facilitator's own commands name them as the actor; nobody else appears.
      for (const u of users.filter((u) => u.email !== "facilitator@readyroom.local")) {
        expect(text, `${where}: ${u.email}`).not.toContain(u.id);
      }
    }
    // The staff who acted are named in the audit rows' actor fields, and nowhere else.
    expect(output()).not.toContain("manager@readyroom.local");
    expect(output()).not.toMatch(/anonymous answer/);
    // No column in these tables could hold such data in the first place.
    const columns = await db.$queryRaw<Array<{ table_name: string; column_name: string }>>`
      select table_name::text, column_name::text from information_schema.columns
      where table_name in ('participants', 'votes', 'responses', 'session_events') and column_name ~* '(^|_)(ip|agent|user_agent|address|email|user)($|_)' and column_name <> 'user_id'`;
    expect(columns).toEqual([]);
  });

  it("in a named session shows a participant their own answers, and others only as the matrix allows", async () => {
    const created = await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false });
    const sessionId = created.body.id as string;
    const console_ = socketFor(app, facilitator);
    sockets.push(console_);
    const dana = participantSocket();
    const eve = participantSocket();
    const d = await call(dana, "participant:join", { code: created.body.joinCode, displayName: "Dana", roleId: "legal" });
    const e = await call(eve, "participant:join", { code: created.body.joinCode, displayName: "Eve", roleId: "lead" });
    expect([d.ok, e.ok]).toEqual([true, true]);
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(dana, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "Dana's own words" })).toMatchObject({ ok: true });
    expect(await call(eve, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "Eve's own words" })).toMatchObject({ ok: true });

    // Each participant's view carries their own answer and not the other's.
    const danaView = (await call(dana, "participant:resume", { token: d.token })).view;
    const eveView = (await call(eve, "participant:resume", { token: e.token })).view;
    expect(danaView.myAnswers["q-who"]).toEqual({ text: "Dana's own words", value: null });
    expect(eveView.myAnswers["q-who"]).toEqual({ text: "Eve's own words", value: null });
    expect(JSON.stringify(danaView)).not.toContain("Eve's own words");
    expect(JSON.stringify(eveView)).not.toContain("Dana's own words");
    // Their export holds only their own.
    const exported = await fetch(`${app.url}/api/participants/me/export`, { headers: { authorization: `Participant ${d.token}` } }).then((r) => r.json());
    expect(exported.answers.map((a: { text: string }) => a.text)).toEqual(["Dana's own words"]);

    // Staff: the matrix decides. The facilitator who runs it and a manager (named session) see raw answers.
    for (const cookie of [facilitator, manager, admin]) {
      const raw = await api(app, cookie, "GET", `/api/sessions/${sessionId}/responses`);
      expect(raw.status).toBe(200);
      expect(raw.body.answers.map((a: { text: string }) => a.text).sort()).toEqual(["Dana's own words", "Eve's own words"]);
    }
    // Another facilitator, without a grant, does not.
    expect((await api(app, admin, "POST", "/api/users", { email: "fac2@example.com", role: "FACILITATOR", password: "a long enough password" })).status).toBe(201);
    const other = await loginFacilitator(app, "fac2@example.com", "a long enough password");
    expect(await api(app, other, "GET", `/api/sessions/${sessionId}/responses`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    // Participants hold no staff rights at all: a participant's token is not an API token.
    expect(await fetch(`${app.url}/api/sessions/${sessionId}/responses`, { headers: { authorization: `Bearer ${d.token}` } }).then((r) => r.status)).toBe(401);
  });
});

// The socket protocol as an outside client meets it, over real socket.io clients against
// the real server: the contract's dispatcher (strict payloads, JSON pointers that name the
// field, any payload on auth:whoami), an API token in the handshake under the permission
// matrix, and a connection that joins twice keeping the team updates of its second join.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/app";
import { api, call, key, liveApp, loginFacilitator, waitFor } from "../../helpers/live";
import { loginViaHttp } from "../../helpers/http";
import { uniqueEmail } from "../../helpers/unique";
import { AAR_SHAPE, CONSOLE_VIEW_SHAPE, ZCreatedSession, ZSessionResults } from "@/lib/http/openapi/responses";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
/** The second facilitator's account: this file's own on the shared server. */
const SECOND = uniqueEmail("second");

describe("the realtime contract", () => {
  const { live, open } = liveApp(FIXTURE);
  const withToken = (token: string) => open(null, { token });

  async function createSession(body: Record<string, unknown> = {}) {
    const r = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Legal", "IT"], anonymous: false, ...body });
    expect(r.status).toBe(201);
    return r.body as { id: string; joinCode: string };
  }

  it("answers auth:whoami whatever payload comes with it", async () => {
    const anonymous = open();
    expect(await call(anonymous, "auth:whoami")).toEqual({ ok: true, user: null });
    expect(await call(anonymous, "auth:whoami", {})).toEqual({ ok: true, user: null });
    expect(await call(anonymous, "auth:whoami", "hello")).toEqual({ ok: true, user: null });
    const facilitator = open(live.cookie);
    expect(await call(facilitator, "auth:whoami", { anything: 1 })).toMatchObject({ ok: true, user: { email: "facilitator@readyroom.local", role: "FACILITATOR" } });
  });

  it("refuses bad input with INVALID_INPUT and the JSON pointer of the field, unknown keys included", async () => {
    const session = await createSession();
    const p = open();
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName: "Pointer" });
    expect(joined.ok).toBe(true);

    // participant:resume is strict: a wrong type and an extra field are input errors, not unknown tokens.
    expect(await call(p, "participant:resume", { token: 5 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/token" } });
    expect(await call(p, "participant:resume", { token: joined.token, extra: true })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/extra" } });
    expect(await call(p, "participant:resume", { token: joined.token })).toMatchObject({ ok: true });

    // A forged teamId on a vote names the field; the root pointer is "", not "/".
    const forged = await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate", teamId: "someone-else" });
    expect(forged).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/teamId" } });
    expect(forged.error.message).toMatch(/^\/teamId: /);
    expect(await call(p, "vote:cast", "just a string")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "" } });
    expect(await call(p, "vote:cast", { key: "short", nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/key" } });
    // Nested fields and escaped names: "~1" stands for "/" in a name (RFC 6901).
    const f = open(live.cookie);
    expect(await call(f, "console:command", { key: key(), sessionId: session.id, command: { type: "lock", teamId: "t", bogus: 1 } })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", path: "/command/bogus" },
    });
    expect(await call(f, "console:watch", { sessionId: session.id, "a/b": 1 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/a~1b" } });

    // The same pointers over HTTP.
    const http = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["A"], bogus: true });
    expect(http.status).toBe(400);
    expect(http.body.error).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "/bogus" }] });
    const root = await api(live.app, live.cookie, "POST", "/api/sessions", "[]");
    expect(root.body.error.details[0].path).toBe("");
  });

  it("keeps a connection's team updates when it joins twice", async () => {
    const session = await createSession();
    const f = open(live.cookie);
    const watch = await call(f, "console:watch", { sessionId: session.id });
    const it_ = (watch.view.teams as Array<{ id: string; name: string }>).find((t) => t.name === "IT")!;
    const p = open();
    // First as someone without a team (two teams, none chosen), then in IT.
    const first = await call(p, "participant:join", { code: session.joinCode, displayName: "First" });
    expect(first.view.me.teamId).toBeNull();
    const second = await call(p, "participant:join", { code: session.joinCode, displayName: "Second", teamId: it_.id });
    expect(second.view.me.teamId).toBe(it_.id);

    // Starting tells the team-less first participant; the connection must stay in IT's room.
    const started = waitFor(p, "team:state", (v) => v.id === it_.id && v.phase !== "lobby");
    await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } });
    await started;
    const advanced = waitFor(p, "team:state", (v) => v.id === it_.id && v.node?.id === "contain");
    expect(await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId: it_.id } })).toMatchObject({ ok: true });
    await advanced;
    // The connection speaks for its second participant only.
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: true });
  });

  it("accepts an API token in the handshake for facilitator events, under the same permission matrix", async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/tokens", { name: "socket automation" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const session = await createSession({ teams: ["Solo"] });

    const robot = withToken(token);
    expect(await call(robot, "auth:whoami")).toMatchObject({ ok: true, user: { email: "facilitator@readyroom.local" } });
    const watch = await call(robot, "console:watch", { sessionId: session.id });
    expect(watch).toMatchObject({ ok: true, view: { session: { id: session.id, status: "LOBBY" } } });
    expect(await call(robot, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true, result: { status: "RUNNING" } });

    // Another facilitator's token reaches only what that facilitator may: not this session.
    const adminLogin = await loginViaHttp(live.app.url, "admin@readyroom.local", live.app.demoPassword("ADMIN"));
    const other = await api(live.app, adminLogin.cookie!, "POST", "/api/users", { email: SECOND, name: "Second", role: "FACILITATOR", password: "a-long-and-unusual-passphrase-42" });
    expect(other.status).toBe(201);
    const otherCookie = await loginFacilitator(live.app, SECOND, "a-long-and-unusual-passphrase-42");
    const otherToken = (await api(live.app, otherCookie, "POST", "/api/tokens", { name: "theirs" })).body.token as string;
    const stranger = withToken(otherToken);
    expect(await call(stranger, "console:watch", { sessionId: session.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(stranger, "console:command", { sessionId: session.id, key: key(), command: { type: "pause" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    // An unknown token is refused at the handshake, with the code.
    const refused = await new Promise<{ message: string; data?: { code: string } }>((resolve) => {
      const s = withToken("rr_not-a-real-token");
      s.on("connect_error", (e) => resolve(e as unknown as { message: string; data?: { code: string } }));
      s.on("connect", () => resolve({ message: "connected" }));
    });
    expect(refused).toMatchObject({ message: "INVALID_TOKEN", data: { code: "INVALID_TOKEN" } });
    // Without a token or cookie, facilitator events are refused as before.
    expect(await call(open(), "console:watch", { sessionId: session.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("serves the OpenAPI document, and the documented answers match what the API returns", async () => {
    const res = await fetch(`${live.app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/sessions/{id}/results");

    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Solo"], anonymous: false });
    const session = ZCreatedSession.parse(created.body);
    const f = open(live.cookie);
    await call(f, "console:watch", { sessionId: session.id });
    const p = open();
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName: "Shape" });
    const teamId = joined.view.me.teamId as string;
    await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } });
    const atDecision = waitFor(p, "team:state", (v) => v.node?.id === "contain");
    await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId } });
    await atDecision;
    expect(await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).toMatchObject({ ok: true });
    await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId } });

    const view = await api(live.app, live.cookie, "GET", `/api/sessions/${session.id}`);
    expect(Object.keys(view.body).sort()).toEqual([...CONSOLE_VIEW_SHAPE.fields].sort());
    const results = ZSessionResults.parse((await api(live.app, live.cookie, "GET", `/api/sessions/${session.id}/results`)).body);
    expect(results.teams[0].votes).toHaveLength(1);
    expect(results.teams[0].decisions).toHaveLength(1);
    await call(f, "console:command", { sessionId: session.id, key: key(), command: { type: "end" } });
    const aar = await api(live.app, live.cookie, "GET", `/api/sessions/${session.id}/aar`);
    expect(aar.status).toBe(200);
    expect(Object.keys(aar.body).sort()).toEqual([...AAR_SHAPE.fields].sort());
  });
});

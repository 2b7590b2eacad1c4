// Hostile input against the real server: reaching into another facilitator's session or
// another session's teams (HTTP, API token and socket), escalating a role with forged
// payloads, script and SQL-looking text (stored verbatim, rendered as text), expired and
// revoked API tokens, oversized bodies on every route, and text, dates and headers that
// the database or the URL parser cannot take (NUL, lone surrogates, year 0, Origin: null).
import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { uniqueEmail } from "../../helpers/unique";
import { appDatabase } from "../../helpers/app-db";
import { readAnswers, readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../../helpers/live";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
export const XSS_NAME = `<img src=x onerror="alert('name')">`;
export const XSS_TEXT = `<script>alert("answer")</script><b onmouseover=alert(1)>bold</b>`;
const SQL_NAME = `Robert'); DROP TABLE participants;--`;
const SQL_TEXT = `' OR 1=1; DELETE FROM responses WHERE '1'='1`;

/** A second facilitator of this file's own (the shared server's other files make theirs). */
const FAC_B = uniqueEmail("fac-b");

describe("bad input", () => {
  let app: AppHandle;
  let db: PrismaClient;
  let admin: string;
  let facA: string;
  let facB: string;
  let scenarioId: string;
  const sockets: Client[] = [];
  const open = (cookie?: string) => {
    const s = socketFor(app, cookie);
    sockets.push(s);
    return s;
  };
  const bearer = (token: string, method: string, url: string, body?: unknown) =>
    fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: await r.json().catch(() => null),
    }));

  async function session(cookie: string, anonymous = false) {
    const r = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: ["Blue", "Green"], anonymous, selfAssign: true });
    expect(r.status).toBe(201);
    const view = await call(open(cookie), "console:watch", { sessionId: r.body.id });
    return { id: r.body.id as string, joinCode: r.body.joinCode as string, teams: view.view.teams.map((t: { id: string }) => t.id) as string[] };
  }

  beforeAll(async () => {
    app = await sharedApp();
    db = appDatabase(app);
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facA = await loginFacilitator(app);
    expect((await api(app, admin, "POST", "/api/users", { email: FAC_B, role: "FACILITATOR", password: "facilitator b password" })).status).toBe(201);
    facB = await loginFacilitator(app, FAC_B, "facilitator b password");
    scenarioId = await importFixture(app, admin, FIXTURE);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
  });

  it("refuses another facilitator's session over HTTP, API token and socket, and cross-session teams and participants", async () => {
    const a = await session(facA);
    const b = await session(facB);
    const tokenB = (await api(app, facB, "POST", "/api/tokens", { name: "b" })).body.token as string;
    const dana = open();
    const joined = await call(dana, "participant:join", { code: a.joinCode, displayName: "Dana", teamId: a.teams[0] });
    expect(joined.ok).toBe(true);
    const danaId = joined.view.me.id as string;

    for (const [method, url] of [
      ["GET", `/api/sessions/${a.id}`],
      ["GET", `/api/sessions/${a.id}/responses`],
      ["GET", `/api/sessions/${a.id}/results`],
      ["GET", `/api/sessions/${a.id}/events`],
      ["GET", `/api/sessions/${a.id}/aar`],
      ["DELETE", `/api/sessions/${a.id}`],
    ] as const) {
      expect(await api(app, facB, method, url), `${method} ${url} with a cookie`).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect(await bearer(tokenB, method, url), `${method} ${url} with a token`).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    }
    expect((await api(app, facB, "POST", `/api/sessions/${a.id}/aar/findings`, { capabilityId: "RS", kind: "STRENGTH", text: "x" })).status).toBe(403);
    const consoleB = open(facB);
    expect(await call(consoleB, "console:watch", { sessionId: a.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    for (const command of [{ type: "start" }, { type: "end" }, { type: "note", text: "x" }, { type: "assign", participantId: danaId, teamId: null }]) {
      expect(await call(consoleB, "console:command", { sessionId: a.id, key: key(), command }), JSON.stringify(command)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // Facilitator B on their own session, pointing at A's teams and participants.
    expect(await call(consoleB, "console:command", { sessionId: b.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(consoleB, "console:command", { sessionId: b.id, key: key(), command: { type: "advance", teamId: a.teams[0] } })).toMatchObject({ ok: false, error: { code: "TEAM_NOT_FOUND" } });
    expect(await call(consoleB, "console:command", { sessionId: b.id, key: key(), command: { type: "note", teamId: a.teams[0], text: "x" } })).toMatchObject({ ok: false, error: { code: "TEAM_NOT_FOUND" } });
    expect(await call(consoleB, "console:command", { sessionId: b.id, key: key(), command: { type: "assign", participantId: danaId, teamId: b.teams[0] } })).toMatchObject({ ok: false, error: { code: "PARTICIPANT_UNKNOWN" } });
    expect(await api(app, facB, "POST", `/api/sessions/${b.id}/aar/findings`, { capabilityId: "RS", kind: "STRENGTH", text: "x", teamId: a.teams[0] })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/teamId" }] } } });
    // A participant of session A cannot move into a team of session B.
    expect(await call(dana, "participant:team", { key: key(), teamId: b.teams[0] })).toMatchObject({ ok: false, error: { code: "TEAM_NOT_FOUND" } });
    expect((await db.participant.findUniqueOrThrow({ where: { id: danaId } })).sessionTeamId).toBe(a.teams[0]);
  });

  it("refuses role escalation through forged payloads and participant credentials", async () => {
    const me = await api(app, facA, "GET", "/api/tokens");
    expect(me.status).toBe(200);
    // A facilitator cannot create or change accounts, whatever the body says.
    expect(await api(app, facA, "POST", "/api/users", { email: "evil@example.com", role: "ADMIN", password: "a long enough password" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const facUser = await db.user.findUniqueOrThrow({ where: { email: "facilitator@readyroom.local" } });
    expect(await api(app, facA, "PATCH", `/api/users/${facUser.id}`, { role: "ADMIN" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    // Extra fields are refused, not ignored.
    expect(await api(app, admin, "POST", "/api/users", { email: "x@example.com", role: "MANAGER", password: "a long enough password", isAdmin: true })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(await api(app, admin, "PATCH", `/api/users/${facUser.id}`, { role: "MANAGER", permissions: ["audit:delete"] })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(await api(app, admin, "PUT", "/api/settings", { retentionDays: 30, role: "ADMIN" })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(await api(app, facA, "POST", "/api/sessions", { scenarioId, teams: ["A"], anonymous: false, facilitatorId: "someone-else" })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    // An admin cannot change their own role or switch themselves off.
    const adminUser = await db.user.findUniqueOrThrow({ where: { email: "admin@readyroom.local" } });
    expect(await api(app, admin, "PATCH", `/api/users/${adminUser.id}`, { role: "MANAGER" })).toMatchObject({ status: 409, body: { error: { code: "NOT_ALLOWED_ON_SELF" } } });
    expect((await db.user.findUniqueOrThrow({ where: { id: facUser.id } })).role).toBe("FACILITATOR");

    // A participant's socket and token carry no staff rights.
    const s = await session(facA);
    const p = open();
    const joined = await call(p, "participant:join", { code: s.joinCode, displayName: "Mallory", role: "FACILITATOR" });
    expect(joined).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const ok = await call(p, "participant:join", { code: s.joinCode, displayName: "Mallory" });
    expect(ok.ok).toBe(true);
    expect(await call(p, "console:command", { sessionId: s.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await call(p, "console:watch", { sessionId: s.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await bearer(ok.token, "GET", `/api/sessions/${s.id}`)).toMatchObject({ status: 401, body: { error: { code: "INVALID_TOKEN" } } });
    expect(await fetch(`${app.url}/api/participants/me/export`, { headers: { authorization: `Participant ${ok.token}`, cookie: facA } }).then((r) => r.status)).toBe(200);
    // A token cannot mint another token.
    const token = (await api(app, facA, "POST", "/api/tokens", { name: "t" })).body.token as string;
    expect(await bearer(token, "POST", "/api/tokens", { name: "child" })).toMatchObject({ status: 403 });
    expect((await db.exerciseSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("LOBBY");
  });

  it("stores script and SQL-looking text verbatim and serves it as text", async () => {
    const s = await session(facA);
    const xss = open();
    const sql = open();
    const x = await call(xss, "participant:join", { code: s.joinCode, displayName: XSS_NAME, teamId: s.teams[0] });
    const q = await call(sql, "participant:join", { code: s.joinCode, displayName: SQL_NAME, teamId: s.teams[0] });
    expect([x.ok, q.ok]).toEqual([true, true]);
    expect(await call(open(facA), "console:command", { sessionId: s.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(xss, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: XSS_TEXT })).toMatchObject({ ok: true });
    expect(await call(sql, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: SQL_TEXT })).toMatchObject({ ok: true });
    expect(await call(open(facA), "console:command", { sessionId: s.id, key: key(), command: { type: "note", text: SQL_TEXT } })).toMatchObject({ ok: true });

    const rows = await db.participant.findMany({ where: { sessionId: s.id }, orderBy: { joinedAt: "asc" }, include: { responses: true } });
    // Stored sealed (never as the raw text), and read back verbatim through the participant's key.
    expect(rows.map((r) => r.displayName).join(" ")).not.toContain("DROP TABLE");
    const names = await readDisplayNames(db, rows);
    expect(rows.map((r) => names.get(r.id))).toEqual([XSS_NAME, SQL_NAME]);
    expect(await readAnswers(db, rows.map((r) => r.responses[0]))).toEqual([XSS_TEXT, SQL_TEXT]);
    expect(await db.participant.count({ where: { sessionId: s.id } })).toBe(2);
    expect((await db.note.findFirstOrThrow({ where: { sessionId: s.id } })).text).toBe(SQL_TEXT);

    const raw = await api(app, facA, "GET", `/api/sessions/${s.id}/responses`);
    expect(raw.body.answers.map((a: { text: string }) => a.text)).toEqual([XSS_TEXT, SQL_TEXT]);
    // Server-rendered admin pages escape it.
    const html = await fetch(`${app.url}/admin/erasure?sessionId=${s.id}`, { headers: { cookie: admin } }).then((r) => r.text());
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).not.toContain(XSS_NAME);
    // Search finds the SQL-looking name by a fragment, as text.
    const found = await api(app, admin, "GET", `/api/participants?sessionId=${s.id}&displayName=${encodeURIComponent("DROP TABLE")}`);
    expect(found.body.participants.map((p: { displayName: string }) => p.displayName)).toEqual([SQL_NAME]);
  });

  it("refuses expired, revoked and switched-off tokens", async () => {
    const good = await api(app, facA, "POST", "/api/tokens", { name: "soon expired", expiresInDays: 1 });
    expect(good.status).toBe(201);
    expect((await bearer(good.body.token, "GET", "/api/scenarios")).status).toBe(200);
    await db.apiToken.update({ where: { id: good.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await bearer(good.body.token, "GET", "/api/scenarios")).toMatchObject({ status: 401, body: { error: { code: "INVALID_TOKEN" } } });

    const revoked = await api(app, facA, "POST", "/api/tokens", { name: "to revoke" });
    expect((await bearer(revoked.body.token, "GET", "/api/scenarios")).status).toBe(200);
    expect((await api(app, facA, "DELETE", `/api/tokens/${revoked.body.id}`)).status).toBe(200);
    expect(await bearer(revoked.body.token, "GET", "/api/scenarios")).toMatchObject({ status: 401, body: { error: { code: "INVALID_TOKEN" } } });

    // Switching an account off revokes its tokens.
    const bToken = await api(app, facB, "POST", "/api/tokens", { name: "b2" });
    const bUser = await db.user.findUniqueOrThrow({ where: { email: FAC_B } });
    expect(await api(app, admin, "PATCH", `/api/users/${bUser.id}`, { active: false })).toMatchObject({ status: 200, body: { changed: ["active"] } });
    expect((await bearer(bToken.body.token, "GET", "/api/scenarios")).status).toBe(401);
    expect((await api(app, facB, "GET", "/api/scenarios")).status).toBe(401);
    // Malformed tokens are refused the same way.
    for (const t of ["", "rr_", "rr_" + "x".repeat(500), "not-a-token", "rr_' OR 1=1 --"]) {
      expect((await bearer(t, "GET", "/api/scenarios")).status, t).toBe(401);
    }
  });

  it("answers an oversized body with 413 and a clear message on every route that takes one", async () => {
    const routes: Array<{ url: string; methods: string[] }> = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name === "route.ts") {
          const source = readFileSync(p, "utf8");
          const methods = ["POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (const|async function) ${m}\\b|as ${m}\\b`).test(source));
          const url = "/" + path.relative(path.join(ROOT, "app"), path.dirname(p)).split(path.sep).map((seg) => (seg.startsWith("[...") ? "callback/credentials" : seg.startsWith("[") ? "x1" : seg)).join("/");
          if (methods.length) routes.push({ url, methods });
        }
      }
    };
    walk(path.join(ROOT, "app"));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const big = JSON.stringify({ text: "x".repeat(2 * 1024 * 1024) });
    const problems: string[] = [];
    for (const { url, methods } of routes) {
      for (const method of methods) {
        const res = await fetch(`${app.url}${url}`, { method, headers: { cookie: admin, origin: app.url, "content-type": "application/json" }, body: big });
        const body = await res.json().catch(() => null);
        if (res.status !== 413 || body?.error?.code !== "BODY_TOO_LARGE" || !/larger than \d+ KiB/.test(body?.error?.message ?? "")) {
          problems.push(`${method} ${url} → ${res.status} ${JSON.stringify(body)?.slice(0, 200)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Over the socket, too.
    const p = open();
    expect(await call(p, "participant:join", { code: "ABCD-EFGH", displayName: "x".repeat(40 * 1024) })).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
    // The server is still fine.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it("answers NUL bytes, lone surrogates, impossible dates and odd Origin headers with 400/403 and the field's pointer", async () => {
    const s = await session(facA);
    // Raw JSON text, so the lone surrogate reaches the server as the escape a client would send.
    const raw = (cookie: string, method: string, url: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}${url}`, { method, headers: { cookie, origin: app.url, "content-type": "application/json", ...headers }, body }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
    const create = (title: string) => `{"scenarioId":"${scenarioId}","teams":["Blue"],"title":${title}}`;
    expect(await raw(facA, "POST", "/api/sessions", create('"Drill\\u0000"'))).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/title" }] } } });
    expect(await raw(facA, "POST", "/api/sessions", create('"Drill \\ud800"'))).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/title" }] } } });
    expect(await raw(facA, "POST", "/api/sessions", `{"scenarioId":"${scenarioId}","teams":["Blue","Gr\\udc00een"]}`)).toMatchObject({ status: 400, body: { error: { details: [{ path: "/teams/1" }] } } });
    expect(await api(app, facA, "POST", `/api/sessions/${s.id}/aar/improvements`, { capabilityId: "RS", action: "Runbook", owner: "CISO", dueDate: "0000-01-01" })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/dueDate" }] } } });
    expect(await api(app, admin, "GET", `/api/participants?sessionId=${s.id}&displayName=${encodeURIComponent("a\u0000")}`)).toMatchObject({ status: 400 });
    expect((await api(app, facA, "GET", `/api/sessions/${encodeURIComponent("x\u0000")}`)).status).toBe(400);
    // Origin: null (sandboxed frames, some redirects) and a garbage Origin are refused, not a crash.
    for (const origin of ["null", "::::", "http://", "javascript:alert(1)"]) {
      const r = await raw(facA, "POST", "/api/tokens", '{"name":"o"}', { origin });
      expect(r, origin).toMatchObject({ status: 403, body: { error: { code: "CROSS_SITE_REQUEST", details: [{ path: "/headers/origin" }] } } });
    }
    // Without TRUST_PROXY, a client's X-Forwarded-Host does not make its foreign origin ours.
    expect(await raw(facA, "POST", "/api/tokens", '{"name":"o"}', { origin: "https://evil.example", "x-forwarded-host": "evil.example" })).toMatchObject({ status: 403, body: { error: { code: "CROSS_SITE_REQUEST" } } });

    // The same over the socket.
    const p = open();
    expect(await call(p, "participant:join", { code: s.joinCode, displayName: "Nul\u0000Name" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/displayName" } });
    expect(await call(p, "participant:join", { code: s.joinCode, displayName: "Lone \ud83d" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/displayName" } });
    expect(await call(p, "participant:join", { code: s.joinCode, displayName: "Fine", teamId: s.teams[0] })).toMatchObject({ ok: true });
    expect(await call(open(facA), "console:command", { sessionId: s.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(p, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "a\udfffb" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/text" } });
    expect(await call(open(facA), "console:command", { sessionId: s.id, key: key(), command: { type: "note", text: "x\u0000" } })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/command/text" } });
    expect(app.logs()).not.toMatch(/INTERNAL|route error|socket handler failed/);
  });

  it("refuses a chunked sign-in body over 16 KiB with 413, and NUL bytes in the sign-in form with 400", async () => {
    const { hostname, port } = new URL(app.url);
    // fetch() would send a Content-Length; a chunked upload has none to refuse up front.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: hostname, port, method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < 40; i++) req.write(`x${i}=${"y".repeat(1000)}&`);
      req.end("email=a%40b.c&password=p");
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: "BODY_TOO_LARGE", message: expect.stringContaining("16 KiB") } });
    const nul = await fetch(`${app.url}/api/auth/callback/credentials`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%00%40b.c&password=x&csrfToken=y" });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: { code: "INVALID_INPUT", details: [{ path: "/email" }] } });
    // A normal sign-in still works after both.
    expect(await loginFacilitator(app)).toContain("session-token");
  });
});

// The server behind a proxy, as an outside tester would probe it: cross-site socket
// handshakes, client addresses and login throttling, API tokens after a demotion, sign-out
// ending the session on the server, resource caps and slow clients, weak passwords and
// disguised names, and personal data kept out of the log.
import net from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import fs from "node:fs";
import { ROOT, startApp, type RunningApp } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { api, call, importFixture, key, loginFacilitator, type Client } from "../../helpers/live";
import { loginViaHttp } from "../../helpers/http";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readDisplayName } from "@/lib/privacy/crypto/personal-fields";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const PARTNER = "http://partner.example.org";
const MAX_CONNECTIONS = 12;

describe("hardening behind a proxy", () => {
  let app: RunningApp;
  let db: PrismaClient;
  let admin: string;
  let facilitator: string;
  let scenarioId: string;
  const sockets: Client[] = [];
  const open = (headers: Record<string, string> = {}): Client => {
    const s = connect(app.url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true }) as Client;
    sockets.push(s);
    return s;
  };
  /** Resolves when connected, or with the connect_error's code. */
  const connected = (s: Client) =>
    new Promise<{ ok: true } | { ok: false; code: string; data: unknown }>((resolve) => {
      s.once("connect", () => resolve({ ok: true }));
      s.once("connect_error", (e: Error & { data?: unknown }) => resolve({ ok: false, code: e.message, data: e.data }));
    });

  beforeAll(async () => {
    app = await startApp({
      env: { TRUST_PROXY: "1", LOGIN_MAX_ATTEMPTS: "5", JOIN_MAX_ATTEMPTS: "3", MAX_SESSION_PARTICIPANTS: "3", MAX_CONNECTIONS: String(MAX_CONNECTIONS), ALLOWED_ORIGINS: `${PARTNER}, https://other.example.org` },
    });
    db = appDatabase(app);
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facilitator = await loginFacilitator(app);
    scenarioId = await importFixture(app, admin, FIXTURE);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
  });

  async function newSession() {
    const r = await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false, selfAssign: true });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, joinCode: r.body.joinCode as string };
  }

  it("refuses socket handshakes from other origins with the HTTP CSRF rule, and accepts PUBLIC_URL and ALLOWED_ORIGINS", async () => {
    const port = new URL(app.url).port;
    const otherPort = `http://localhost:${Number(port) + 1}`;
    for (const origin of [otherPort, "https://evil.example", "null", "not a url", "javascript:alert(1)"]) {
      const s = open({ cookie: facilitator, origin });
      const r = await connected(s);
      expect(r, origin).toMatchObject({ ok: false, code: "CROSS_SITE_REQUEST", data: { code: "CROSS_SITE_REQUEST" } });
    }
    // A foreign page is refused even without a cookie (garbage and null origins included).
    expect(await connected(open({ origin: "null" }))).toMatchObject({ ok: false, code: "CROSS_SITE_REQUEST" });
    for (const origin of [app.url, PARTNER]) {
      const s = open({ cookie: facilitator, origin });
      expect(await connected(s), origin).toEqual({ ok: true });
      expect(await call(s, "auth:whoami")).toMatchObject({ ok: true, user: { email: "facilitator@readyroom.local" } });
    }
    // Browsers always send Origin on a WebSocket handshake; a client without one is not a page.
    expect(await connected(open({ cookie: facilitator }))).toEqual({ ok: true });
    // The same rule over HTTP: an allowed partner origin may write, another port may not.
    const post = (origin: string) => fetch(`${app.url}/api/tokens`, { method: "POST", headers: { cookie: facilitator, origin, "content-type": "application/json" }, body: JSON.stringify({ name: "o" }) });
    expect((await post(PARTNER)).status).toBe(201);
    const refused = await post(otherPort);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "CROSS_SITE_REQUEST", details: [{ path: "/headers/origin" }] } });
    // With TRUST_PROXY set, the proxy's X-Forwarded-Host names the host the browser used.
    const viaProxy = await fetch(`${app.url}/api/tokens`, { method: "POST", headers: { cookie: facilitator, origin: "https://rr.example.com", "x-forwarded-host": "rr.example.com", "content-type": "application/json" }, body: JSON.stringify({ name: "p" }) });
    expect(viaProxy.status).toBe(201);
  });

  it("counts failed logins per right-most untrusted address, whatever the client puts in front", async () => {
    let limitedAt = 0;
    for (let i = 1; i <= 40 && !limitedAt; i++) {
      // The client controls everything left of the entry our proxy appended.
      const r = await loginViaHttp(app.url, `nobody-${i}@example.com`, "wrong password", { "x-forwarded-for": `10.9.${i}.1, 198.51.100.7` });
      if (r.error === "RATE_LIMITED") limitedAt = i;
      else expect(r.error).toBe("INVALID_LOGIN");
    }
    expect(limitedAt).toBe(26); // 5 × LOGIN_MAX_ATTEMPTS per address
    // Another address is not affected.
    expect((await loginViaHttp(app.url, "nobody@example.com", "wrong password", { "x-forwarded-for": "198.51.100.8" })).error).toBe("INVALID_LOGIN");
  });

  it("slows guesses at an account but lets the right password in from another address", async () => {
    const email = "manager@readyroom.local";
    const guesser = { "x-forwarded-for": "203.0.113.50" };
    for (let i = 0; i < 5; i++) expect((await loginViaHttp(app.url, email, `guess-${i}`, guesser)).error).toBe("INVALID_LOGIN");
    // The guessing address is refused for this account, even with the right password…
    expect((await loginViaHttp(app.url, email, app.demoPassword("MANAGER"), guesser)).error).toBe("RATE_LIMITED");
    // …the real user, elsewhere, gets in, after a delay that grows with the failures.
    const started = Date.now();
    const real = await loginViaHttp(app.url, email, app.demoPassword("MANAGER"), { "x-forwarded-for": "192.0.2.80" });
    expect(real.error).toBeNull();
    expect(real.cookie).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // A further guess from a third address waits longer (2 s) and still fails.
    const t = Date.now();
    expect((await loginViaHttp(app.url, email, "guess-x", { "x-forwarded-for": "203.0.113.51" })).error).toBe("INVALID_LOGIN");
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
  });

  it("counts wrong join codes per client address behind the proxy, so one person's typos do not lock out the office", async () => {
    const s = await newSession();
    const typist = open({ "x-forwarded-for": "203.0.113.9" });
    for (let i = 0; i < 3; i++) expect(await call(typist, "participant:join", { code: "ZZZZ-ZZZZ", displayName: `T${i}` })).toMatchObject({ ok: false, error: { code: "JOIN_CODE_UNKNOWN" } });
    expect(await call(typist, "participant:join", { code: s.joinCode, displayName: "Typist" })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    const colleague = open({ "x-forwarded-for": "203.0.113.10" });
    expect(await call(colleague, "participant:join", { code: s.joinCode, displayName: "Colleague" })).toMatchObject({ ok: true });
    // The join page counts against the same address.
    const page = await fetch(`${app.url}/join?code=ZZZZ-ZZZZ`, { headers: { "x-forwarded-for": "203.0.113.9" } }).then((r) => r.text());
    expect(page).toContain("Wait 10 minutes");
  });

  it("stops a demoted user's API tokens and ends a signed-out session on the server", async () => {
    expect((await api(app, admin, "POST", "/api/users", { email: "fac-demote@example.com", role: "FACILITATOR", password: "violet lantern orbit 42" })).status).toBe(201);
    const fac = await loginFacilitator(app, "fac-demote@example.com", "violet lantern orbit 42");
    const tokenA = (await api(app, fac, "POST", "/api/tokens", { name: "a" })).body.token as string;
    const bearer = (t: string) => fetch(`${app.url}/api/scenarios`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
    expect(await bearer(tokenA)).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { email: "fac-demote@example.com" } });
    // A role changed behind the API's back: the token is checked against the role on every use.
    await db.user.update({ where: { id: user.id }, data: { role: "MANAGER" } });
    expect(await bearer(tokenA)).toBe(401);
    await db.user.update({ where: { id: user.id }, data: { role: "FACILITATOR" } });
    expect(await bearer(tokenA)).toBe(200);
    // Demoted through the users API: the tokens are revoked, and stay dead after a promotion.
    expect((await api(app, admin, "PATCH", `/api/users/${user.id}`, { role: "MANAGER" })).status).toBe(200);
    expect(await bearer(tokenA)).toBe(401);
    expect(await db.apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect((await api(app, admin, "PATCH", `/api/users/${user.id}`, { role: "FACILITATOR" })).status).toBe(200);
    expect(await bearer(tokenA)).toBe(401);

    // Sign-out ends the cookie's session on the server, not only in the browser.
    const cookie = await loginFacilitator(app, "fac-demote@example.com", "violet lantern orbit 42");
    expect((await api(app, cookie, "GET", "/api/tokens")).status).toBe(200);
    const { csrfToken } = await fetch(`${app.url}/api/auth/csrf`, { headers: { cookie } }).then((r) => r.json());
    const out = await fetch(`${app.url}/api/auth/signout`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, json: "true" }) });
    expect(out.status).toBeLessThan(400);
    expect((await api(app, cookie, "GET", "/api/tokens")).status).toBe(401);
    const s = open({ cookie, origin: app.url });
    expect(await connected(s)).toEqual({ ok: true });
    expect(await call(s, "auth:whoami")).toEqual({ ok: true, user: null });
    // A new sign-in works again.
    const again = await loginFacilitator(app, "fac-demote@example.com", "violet lantern orbit 42");
    expect((await api(app, again, "GET", "/api/tokens")).status).toBe(200);
  });

  it("caps participants per session with SESSION_FULL", async () => {
    const s = await newSession();
    for (const name of ["Ana", "Ben", "Cleo"]) expect(await call(open(), "participant:join", { code: s.joinCode, displayName: name }), name).toMatchObject({ ok: true });
    expect(await call(open(), "participant:join", { code: s.joinCode, displayName: "Dev" })).toMatchObject({ ok: false, error: { code: "SESSION_FULL", message: expect.stringContaining("3 participants") } });
    expect(await db.participant.count({ where: { sessionId: s.id } })).toBe(3);
  });

  it("caps connections per node with SERVER_FULL", async () => {
    const results = [];
    for (let i = 0; i < MAX_CONNECTIONS + 2; i++) results.push(await connected(open()));
    expect(results.slice(0, MAX_CONNECTIONS).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, code: "SERVER_FULL", data: { code: "SERVER_FULL" } });
    for (const s of sockets.splice(0)) s.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(await connected(open())).toEqual({ ok: true });
  });

  it("drops a client that sends its headers slowly within seconds", async () => {
    const { hostname, port } = new URL(app.url);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const sock = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname, () => sock.write("GET /api/health HTTP/1.1\r\nHost: x\r\n"));
      const drip = setInterval(() => sock.write("X-Slow: 1\r\n"), 1000);
      const give = setTimeout(() => {
        clearInterval(drip);
        sock.destroy();
        reject(new Error("the slow client was still connected after 25 s"));
      }, 25_000);
      sock.on("error", () => undefined);
      sock.on("close", () => {
        clearInterval(drip);
        clearTimeout(give);
        resolve(Date.now() - started);
      });
    });
    expect(closedAfter).toBeLessThan(15_000);
  }, 30_000);

  it("refuses common passwords and disguised names, and non-web training links", async () => {
    for (const password of ["Password1234", "qwertyuiop123", "iloveyou2024", "readyroom2024"]) {
      const r = await api(app, admin, "POST", "/api/users", { email: `weak-${password.length}@example.com`, role: "MANAGER", password });
      expect(r, password).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/password" }] } } });
    }
    const nameless = await api(app, admin, "POST", "/api/users", { email: "blank@example.com", role: "MANAGER", password: "violet lantern orbit 43", name: "\u200B\u202E\u200D" });
    expect(nameless).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", message: expect.stringMatching(/^\/name: /) } } });

    const s = await newSession();
    const joined = await call(open(), "participant:join", { code: s.joinCode, displayName: "\u202Egnp.exe\u200B Ｍａｘ" });
    expect(joined).toMatchObject({ ok: true });
    const stored = await db.participant.findUniqueOrThrow({ where: { id: joined.view.me.id } });
    expect(await readDisplayName(db, stored.id, stored.displayName)).toBe("gnp.exe Max");
    expect(await call(open(), "participant:join", { code: s.joinCode, displayName: "\u200B\u2066\u2069 " })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/displayName" } });

    const doc = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
    doc.id = "bad-links";
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd"]) {
      doc.training[0].url = url;
      const r = await api(app, admin, "POST", "/api/scenarios", doc);
      expect(r.status, url).toBe(422); // the scenario import's answer for an invalid document
      expect(JSON.stringify(r.body), url).toContain("/training/0/url");
    }
    doc.training[0].url = "https://training.example.com/notify";
    expect([200, 201]).toContain((await api(app, admin, "POST", "/api/scenarios", doc)).status);
  });

  it("keeps names and token hashes out of the log when a database call fails", async () => {
    const s = await newSession();
    const p = open();
    const secretName = "Zofia Secret-Surname";
    const joined = await call(p, "participant:join", { code: s.joinCode, displayName: secretName });
    expect(joined).toMatchObject({ ok: true });
    // A NUL byte never reaches the database: a clear error, nothing logged.
    expect(await call(open(), "participant:join", { code: s.joinCode, displayName: `${secretName}\u0000x` })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", path: "/displayName" } });
    const row = await db.participant.findUniqueOrThrow({ where: { id: joined.view.me.id } });
    expect(app.logs()).not.toContain("Secret-Surname");
    expect(app.logs()).not.toContain(row.tokenHash);
  });
});

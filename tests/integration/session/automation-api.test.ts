// The automation API over HTTP with Bearer tokens, and the admin CLI's session commands.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { uniqueEmail } from "../../helpers/unique";
import { api, loginFacilitator } from "../../helpers/live";
import { runAdmin } from "../../helpers/cli";

function bearer(app: AppHandle, token: string, method: string, p: string, body?: unknown) {
  return fetch(`${app.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
}

const admin = (app: AppHandle, ...args: string[]) => runAdmin(app.dataDir, args);

// On the project's shared server: the facilitator is this file's own account, so its token
// list holds only the tokens made here.
const FACILITATOR = uniqueEmail("facilitator");
const PASSWORD = "a long enough password";

describe("automation API with API tokens", () => {
  let app: AppHandle;
  let cookie: string;
  beforeAll(async () => {
    app = await sharedApp();
    const adminCookie = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    expect((await api(app, adminCookie, "POST", "/api/users", { email: FACILITATOR, role: "FACILITATOR", password: PASSWORD })).status).toBe(201);
    cookie = await loginFacilitator(app, FACILITATOR, PASSWORD);
  });
  afterAll(async () => app?.stop());

  it("creates a token in the app, drives a session with it, and refuses it once revoked", async () => {
    const created = await api(app, cookie, "POST", "/api/tokens", { name: "scheduler" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^rr_/);

    const list = await bearer(app, token, "GET", "/api/scenarios");
    expect(list.status).toBe(200);
    expect(list.body.scenarios.length).toBeGreaterThanOrEqual(9);
    const scenario = list.body.scenarios.find((s: { slug: string }) => s.slug === "ransomware-survey-platform");

    const s = await bearer(app, token, "POST", "/api/sessions", { scenarioId: scenario.id, teams: ["Finance", "IT"], anonymous: true });
    expect(s.status).toBe(201);
    expect(s.body).toEqual({ id: expect.any(String), joinCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/), joinUrl: `${app.url}/join?code=${s.body.joinCode}` });

    const state = await bearer(app, token, "GET", `/api/sessions/${s.body.id}`);
    expect(state.status).toBe(200);
    expect(state.body.session).toMatchObject({ status: "LOBBY", anonymous: true, joinCode: s.body.joinCode });
    expect(state.body.teams.map((t: { name: string }) => t.name)).toEqual(["Finance", "IT"]);

    const results = await bearer(app, token, "GET", `/api/sessions/${s.body.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.teams).toHaveLength(2);

    const bad = await bearer(app, token, "POST", "/api/sessions", { scenarioId: scenario.id, teams: [], anonymous: true });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", message: expect.stringContaining("/teams") } } });
    expect((await bearer(app, token, "GET", "/api/sessions/does-not-exist")).status).toBe(404);

    const tokens = await api(app, cookie, "GET", "/api/tokens");
    const id = tokens.body.tokens.find((t: { name: string }) => t.name === "scheduler").id;
    expect(tokens.body.tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens.body)).not.toContain(token);
    expect((await api(app, cookie, "DELETE", `/api/tokens/${id}`)).status).toBe(200);
    expect(await bearer(app, token, "GET", "/api/scenarios")).toMatchObject({ status: 401, body: { error: { code: "INVALID_TOKEN" } } });
    expect((await bearer(app, "rr_made-up-token", "GET", "/api/scenarios")).status).toBe(401);

    // The audit trail recorded the token's life and the export of raw results.
    const { url } = JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string };
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query("select actor_label, action, resource_type, resource_id, detail from audit_log where resource_id = any($1) order by id", [[id, s.body.id]])).rows;
    await c.end();
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor_label: `${FACILITATOR} (FACILITATOR)`, action: "create", resource_type: "api-token", resource_id: id }),
      expect.objectContaining({ action: "export", resource_type: "responses", resource_id: s.body.id, detail: { format: "json", via: "api-token" } }),
      expect.objectContaining({ action: "delete", resource_type: "api-token", resource_id: id }),
    ]));
  });

  it("refuses a cookie-authenticated write from another site", async () => {
    const res = await fetch(`${app.url}/api/tokens`, { method: "POST", headers: { cookie, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("CROSS_SITE_REQUEST");
  });

  it("admin CLI: token:create, scenario:import (with lint errors reported) and session:results", async () => {
    const t = await admin(app, "token:create", "--email", FACILITATOR);
    expect(t.code).toBe(0);
    const token = JSON.parse(t.stdout).token as string;
    expect((await bearer(app, token, "GET", "/api/scenarios")).status).toBe(200);

    const bad = await admin(app, "scenario:import", path.join(ROOT, "tests/fixtures/scenarios/dangling-ref.json"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/has errors; nothing was imported/);
    expect(bad.stderr).toMatch(/error DANGLING_REF \/nodes\//);

    const ok = await admin(app, "scenario:import", path.join(ROOT, "tests/fixtures/scenarios/live-drill.json"));
    expect(ok.code).toBe(0);
    const imported = JSON.parse(ok.stdout);
    expect(imported).toMatchObject({ ok: true, slug: "live-drill" });

    const s = await bearer(app, token, "POST", "/api/sessions", { scenarioId: imported.id, teams: ["Ops"], anonymous: false });
    const r = await admin(app, "session:results", s.body.id);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ session: { id: s.body.id }, scenario: { slug: "live-drill" }, teams: [{ name: "Ops", path: [] }] });
    expect((await admin(app, "session:results", "nope")).stderr).toMatch(/no session with id nope/);
  }, 240_000);
});

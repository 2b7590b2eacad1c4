// Generated from the permission matrix: every role × resource × action cell is tried through
// its real entry point (route handler over HTTP, socket event, admin page) with a session
// cookie, and with an API token where the role may hold one, and must be allowed or refused
// exactly as PERMISSIONS says. A cell without an entry point must be one no role holds: add
// a permission to the matrix without an entry point and this test fails.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, RESOURCES, can, type Action, type Resource } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/types";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { uniqueEmail } from "../../helpers/unique";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

type Caller = { role: Role; via: "cookie" | "token"; cookie?: string; token?: string };
type Outcome = { status: number; code?: string };
type Probe = {
  /** What a request looks like, for failure messages. */
  entry: string;
  http(caller: Caller): Promise<Outcome>;
  /** Socket event for the same cell (cookie callers only). */
  socket?(caller: Caller): Promise<{ ok: boolean; code?: string }>;
  /** Admin page for the same cell (cookie callers only). */
  page?: string;
};

// On the project's shared server: every record a probe makes is new and named uniquely, and
// the one organisation-wide change (the organisation's name, by the settings probe) is put
// back afterwards; no other file on the shared server reads it.
const PARTICIPANT = uniqueEmail("pat");

describe("permission matrix through the real entry points", () => {
  let app: AppHandle;
  let organisationName: string | undefined;
  const cookies = {} as Record<Role, string>;
  const tokens: Partial<Record<Role, string>> = {};
  const sockets: Client[] = [];
  let adminCookie: string;
  let facilitatorCookie: string;
  let scenarioId: string;
  let sessionId: string;
  let fixtureText: string;

  async function request(caller: Caller, method: string, url: string, body?: unknown): Promise<Outcome & { body: unknown }> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (caller.via === "cookie") Object.assign(headers, { cookie: caller.cookie!, origin: app.url });
    else headers.authorization = `Bearer ${caller.token}`;
    const res = await fetch(`${app.url}${url}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV and file downloads
    }
    return { status: res.status, code: (parsed as { error?: { code?: string } })?.error?.code, body: parsed };
  }

  function open(cookie?: string) {
    const s = socketFor(app, cookie);
    sockets.push(s);
    return s;
  }

  /** A fresh session run by the facilitator, so a facilitator's scope covers it. */
  async function newSession(anonymous = false): Promise<{ id: string; joinCode: string }> {
    const r = await api(app, facilitatorCookie, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous });
    expect(r.status).toBe(201);
    return r.body;
  }

  async function joinedParticipant(): Promise<{ sessionId: string; participantId: string }> {
    const s = await newSession();
    const joined = await call(open(), "participant:join", { code: s.joinCode, displayName: `P-${key().slice(0, 8)}` });
    expect(joined.ok).toBe(true);
    return { sessionId: s.id, participantId: joined.view.me.id };
  }

  function uniqueScenario(): string {
    const doc = JSON.parse(fixtureText);
    doc.title = `${doc.title} ${key().slice(0, 8)}`;
    return JSON.stringify(doc);
  }

  const PROBES: Record<Resource, Record<Action, Probe | null>> = {
    scenarios: {
      view: { entry: "GET /api/scenarios", http: (c) => request(c, "GET", "/api/scenarios") },
      modify: { entry: "POST /api/scenarios", http: (c) => request(c, "POST", "/api/scenarios", uniqueScenario()) },
      export: { entry: "GET /scenarios/:id/download", http: (c) => request(c, "GET", `/scenarios/${scenarioId}/download`) },
      delete: {
        entry: "DELETE /api/scenarios/:id",
        async http(c) {
          const created = await api(app, adminCookie, "POST", "/api/scenarios", uniqueScenario());
          expect(created.status).toBe(201);
          return request(c, "DELETE", `/api/scenarios/${created.body.id}`);
        },
      },
    },
    sessions: {
      view: {
        entry: "GET /api/sessions/:id · socket console:watch",
        http: (c) => request(c, "GET", `/api/sessions/${sessionId}`),
        socket: async (c) => call(open(c.cookie), "console:watch", { sessionId }).then((a) => ({ ok: a.ok, code: a.error?.code })),
      },
      modify: {
        entry: "POST /api/sessions · socket console:command",
        http: (c) => request(c, "POST", "/api/sessions", { scenarioId, teams: ["Red"], anonymous: true }),
        socket: async (c) =>
          call(open(c.cookie), "console:command", { sessionId, key: key(), command: { type: "note", text: `note by ${c.role}` } }).then((a) => ({ ok: a.ok, code: a.error?.code })),
      },
      export: { entry: "GET /api/sessions/:id/events", http: (c) => request(c, "GET", `/api/sessions/${sessionId}/events`) },
      delete: {
        entry: "DELETE /api/sessions/:id",
        async http(c) {
          const s = await newSession();
          return request(c, "DELETE", `/api/sessions/${s.id}`);
        },
      },
    },
    responses: {
      view: { entry: "GET /api/sessions/:id/responses", http: (c) => request(c, "GET", `/api/sessions/${sessionId}/responses`) },
      // Answers are never edited by anyone but the participant who gave them.
      modify: null,
      export: { entry: "GET /api/sessions/:id/results", http: (c) => request(c, "GET", `/api/sessions/${sessionId}/results`) },
      delete: {
        entry: "DELETE /api/participants/:id (erasure)",
        page: "/admin/erasure",
        async http(c) {
          const p = await joinedParticipant();
          return request(c, "DELETE", `/api/participants/${p.participantId}`);
        },
      },
    },
    reports: {
      view: { entry: "GET /api/sessions/:id/aar", http: (c) => request(c, "GET", `/api/sessions/${sessionId}/aar`) },
      modify: {
        entry: "POST /api/sessions/:id/aar/findings",
        http: (c) => request(c, "POST", `/api/sessions/${sessionId}/aar/findings`, { capabilityId: "RS", kind: "STRENGTH", text: `finding by ${c.role}` }),
      },
      export: { entry: "GET /api/reports/sessions/:id?format=csv", http: (c) => request(c, "GET", `/api/reports/sessions/${sessionId}?format=csv`) },
      delete: { entry: "DELETE /api/sessions/:id/aar", http: (c) => request(c, "DELETE", `/api/sessions/${sessionId}/aar`) },
    },
    users: {
      view: { entry: "GET /api/users", page: "/admin/users", http: (c) => request(c, "GET", "/api/users") },
      modify: {
        entry: "POST /api/users",
        http: (c) => request(c, "POST", "/api/users", { email: `new-${key().slice(0, 8)}@example.com`, role: "MANAGER", password: "a long enough password" }),
      },
      export: { entry: "GET /api/users/export", http: (c) => request(c, "GET", "/api/users/export") },
      delete: {
        entry: "DELETE /api/users/:id",
        async http(c) {
          const u = await api(app, adminCookie, "POST", "/api/users", { email: `gone-${key().slice(0, 8)}@example.com`, role: "MANAGER", password: "a long enough password" });
          expect(u.status).toBe(201);
          return request(c, "DELETE", `/api/users/${u.body.user.id}`);
        },
      },
    },
    audit: {
      view: { entry: "GET /api/audit", page: "/admin/audit", http: (c) => request(c, "GET", "/api/audit") },
      // Append-only: there is no way to change or remove audit rows, for anyone.
      modify: null,
      export: { entry: "GET /api/audit/export", http: (c) => request(c, "GET", "/api/audit/export") },
      delete: null,
    },
    teams: {
      view: { entry: "GET /api/teams", http: (c) => request(c, "GET", "/api/teams") },
      // Creating, renaming, merging and archiving share one cell; the Teams page shows it.
      modify: { entry: "POST /api/teams", page: "/admin/teams", http: (c) => request(c, "POST", "/api/teams", { name: `Team ${c.role} ${key().slice(0, 8)}` }) },
      // Teams carry history: nobody exports or deletes one outright (a duplicate is merged away).
      export: null,
      delete: null,
    },
    evidence: {
      // A pack is only exported: its files are read through the report and audit entry points.
      view: null,
      modify: null,
      export: { entry: "GET /api/sessions/:id/evidence", http: (c) => request(c, "GET", `/api/sessions/${sessionId}/evidence`) },
      delete: null,
    },
    settings: {
      view: { entry: "GET /api/settings", http: (c) => request(c, "GET", "/api/settings") },
      modify: { entry: "PUT /api/settings", page: "/admin/privacy", http: (c) => request(c, "PUT", "/api/settings", { organisationName: `Org ${c.role}` }) },
      export: null,
      delete: null,
    },
  };

  beforeAll(async () => {
    app = await sharedApp();
    fixtureText = fs.readFileSync(FIXTURE, "utf8");
    adminCookie = cookies.ADMIN = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facilitatorCookie = cookies.FACILITATOR = await loginFacilitator(app);
    cookies.MANAGER = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    organisationName = (await api(app, adminCookie, "GET", "/api/settings")).body.settings.organisationName;
    const participantUser = await api(app, adminCookie, "POST", "/api/users", { email: PARTICIPANT, role: "PARTICIPANT", password: "participant password 1" });
    expect(participantUser.status).toBe(201);
    cookies.PARTICIPANT = await loginFacilitator(app, PARTICIPANT, "participant password 1");

    for (const role of ROLES) {
      const r = await api(app, cookies[role], "POST", "/api/tokens", { name: `matrix ${role}` });
      // Only roles that may run sessions hold API tokens; the others are refused by the same matrix.
      if (can(role, "sessions", "modify")) {
        expect(r.status).toBe(201);
        tokens[role] = r.body.token;
      } else {
        expect(r).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      }
    }

    scenarioId = await importFixture(app, adminCookie, FIXTURE);
    const s = await newSession();
    sessionId = s.id;
    const dana = await call(open(), "participant:join", { code: s.joinCode, displayName: "Dana" });
    expect(dana.ok).toBe(true);
    expect(await call(open(facilitatorCookie), "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    if (organisationName !== undefined) await api(app, adminCookie, "PUT", "/api/settings", { organisationName });
    for (const s of sockets) s.close();
    await app?.stop();
  });

  it("has an entry point for every cell that any role holds", () => {
    const missing: string[] = [];
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        if (PROBES[resource][action]) continue;
        const holders = ROLES.filter((role) => can(role, resource, action));
        if (holders.length) missing.push(`${resource}.${action} is granted to ${holders.join(", ")} but has no entry point`);
      }
    }
    expect(missing).toEqual([]);
  });

  const cells = RESOURCES.flatMap((resource) => ACTIONS.map((action) => ({ resource, action })));

  it.each(cells)("$resource × $action: every role is allowed or refused as the matrix says", async ({ resource, action }) => {
    const probe = PROBES[resource][action];
    if (!probe) return; // checked above: no role holds it
    const callers: Caller[] = ROLES.flatMap((role) => [
      { role, via: "cookie" as const, cookie: cookies[role] },
      ...(tokens[role] ? [{ role, via: "token" as const, token: tokens[role] }] : []),
    ]);
    const wrong: string[] = [];
    for (const caller of callers) {
      const allowed = PERMISSIONS[caller.role][resource].includes(action);
      const out = await probe.http(caller);
      const ok = allowed ? out.status >= 200 && out.status < 300 : out.status === 403 && out.code === "FORBIDDEN";
      if (!ok) wrong.push(`${caller.role} via ${caller.via}: ${probe.entry} → ${out.status} ${out.code ?? ""}, expected ${allowed ? "2xx" : "403 FORBIDDEN"}`);
      if (caller.via === "cookie" && probe.socket) {
        const ack = await probe.socket(caller);
        if (ack.ok !== allowed || (!allowed && ack.code !== "FORBIDDEN")) wrong.push(`${caller.role} over socket: ${probe.entry} → ${JSON.stringify(ack)}, expected ${allowed ? "ok" : "FORBIDDEN"}`);
      }
      if (caller.via === "cookie" && probe.page) {
        const res = await fetch(`${app.url}${probe.page}`, { headers: { cookie: caller.cookie! } });
        const html = await res.text();
        const refused = html.includes('data-testid="forbidden"');
        if (res.status !== 200 || refused === allowed) wrong.push(`${caller.role} page ${probe.page} → ${res.status}, ${refused ? "refused" : "shown"}; expected ${allowed ? "shown" : "refused"}`);
      }
    }
    // Nobody gets in without signing in.
    const anonymous = await probe.http({ role: "PARTICIPANT", via: "cookie", cookie: "" });
    if (anonymous.status !== 401) wrong.push(`no sign-in: ${probe.entry} → ${anonymous.status}, expected 401`);
    expect(wrong).toEqual([]);
  });
});

// Privacy over HTTP against the real server: the public notice follows the live settings,
// only admins change settings, erase participants or run retention, and a participant
// exports their own data with their resume token (refused for anonymous sessions).
// Keeps its own server: it changes the organisation's privacy settings (retention days),
// checks the public notice renders exactly them, and runs retention over every session,
// none of which may race the shared server's other files.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startApp, type RunningApp } from "../../helpers/app";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

describe("privacy over HTTP", () => {
  let app: RunningApp;
  let admin: string;
  let facilitator: string;
  let manager: string;
  const sockets: Client[] = [];

  function open(cookie?: string | null) {
    const s = socketFor(app, cookie);
    sockets.push(s);
    return s;
  }

  const page = (p: string, cookie?: string) => fetch(`${app.url}${p}`, { headers: cookie ? { cookie } : {} }).then(async (r) => ({ status: r.status, html: await r.text() }));
  const exportWith = (authorization?: string) =>
    fetch(`${app.url}/api/participants/me/export`, { headers: authorization ? { authorization } : {} }).then(async (r) => ({
      status: r.status,
      disposition: r.headers.get("content-disposition"),
      body: await r.json().catch(() => null),
    }));

  beforeAll(async () => {
    app = await startApp();
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    facilitator = await loginFacilitator(app);
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.stop();
  });

  it("renders /privacy without sign-in from the live settings, which only an admin may change", async () => {
    const before = await page("/privacy");
    expect(before.status).toBe(200);
    expect(before.html).toContain('data-testid="retention-days">180 days<');
    expect(before.html).toContain('data-testid="min-group-size">3 respondents<');
    // The access table comes from the permission matrix.
    expect(before.html).toMatch(/data-resource="audit"[\s\S]*?data-role="ADMIN">view, export</);

    for (const cookie of [facilitator, manager]) {
      expect(await api(app, cookie, "PUT", "/api/settings", { retentionDays: 1 })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect((await api(app, cookie, "GET", "/api/settings")).status).toBe(403);
    }
    expect((await api(app, "", "PUT", "/api/settings", { retentionDays: 1 })).status).toBe(401);

    const bad = await api(app, admin, "PUT", "/api/settings", { retentionDays: 0 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/retentionDays" }] } } });
    expect((await api(app, admin, "PUT", "/api/settings", { retentionDays: 42, shoeSize: 9 })).status).toBe(400);

    const put = await api(app, admin, "PUT", "/api/settings", { retentionDays: 42, contactEmail: "dpo@example.com", organisationName: "Acme <Health>" });
    expect(put).toMatchObject({ status: 200, body: { settings: { retentionDays: 42, minGroupSize: 3, contactEmail: "dpo@example.com" }, changed: ["retentionDays", "organisationName", "contactEmail"] } });
    expect(await api(app, admin, "GET", "/api/settings")).toMatchObject({ status: 200, body: { settings: { retentionDays: 42 } } });

    const after = await page("/privacy");
    expect(after.html).toContain('data-testid="retention-days">42 days<');
    expect(after.html).toContain('href="mailto:dpo@example.com"');
    expect(after.html).toContain("Acme &lt;Health&gt;");

    expect((await page("/admin/privacy", admin)).html).toContain('data-testid="privacy-settings"');
    expect((await page("/admin/privacy", facilitator)).html).toContain('data-testid="forbidden"');
  });

  it("lets a named participant export their own data with their token, refuses anonymous sessions, and lets only an admin erase", async () => {
    const scenarioId = await importFixture(app, admin, FIXTURE);
    const named = await api(app, admin, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false });
    const anonymous = await api(app, admin, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: true });
    expect([named.status, anonymous.status]).toEqual([201, 201]);

    const dana = open();
    const joined = await call(dana, "participant:join", { code: named.body.joinCode, displayName: "Dana", roleId: "legal" });
    expect(joined.ok).toBe(true);
    const console_ = open(admin);
    expect(await call(console_, "console:command", { sessionId: named.body.id, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(dana, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "The survey team" })).toMatchObject({ ok: true });

    const mine = await exportWith(`Participant ${joined.token}`);
    expect(mine.status).toBe(200);
    expect(mine.disposition).toMatch(/^attachment; filename="readyroom-my-data-/);
    expect(mine.body).toMatchObject({
      participant: { displayName: "Dana", role: { id: "legal" }, team: "Blue" },
      session: { id: named.body.id, status: "RUNNING" },
      answers: [{ question: "Who owns this system?", text: "The survey team" }],
      votes: [],
      retention: { retentionDays: 42 },
    });

    const pseudonymous = await call(open(), "participant:join", { code: anonymous.body.joinCode });
    expect(pseudonymous.ok).toBe(true);
    expect(await exportWith(`Participant ${pseudonymous.token}`)).toMatchObject({ status: 403, body: { error: { code: "ANONYMOUS_SESSION", message: expect.stringContaining("anonymous") } } });
    expect(await exportWith("Participant not-a-real-token-but-long-enough")).toMatchObject({ status: 401, body: { error: { code: "PARTICIPANT_UNKNOWN" } } });
    expect(await exportWith()).toMatchObject({ status: 401, body: { error: { code: "PARTICIPANT_TOKEN_REQUIRED" } } });

    // Erasure while the session runs and Dana is still connected.
    const danaId = joined.view.me.id as string;
    for (const cookie of [facilitator, manager]) {
      expect(await api(app, cookie, "DELETE", `/api/participants/${danaId}`)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    }
    expect(await api(app, admin, "DELETE", `/api/participants/${danaId}`)).toMatchObject({ status: 200, body: { participantId: danaId, responses: 1 } });
    expect(await api(app, admin, "DELETE", `/api/participants/${danaId}`)).toMatchObject({ status: 404, body: { error: { code: "PARTICIPANT_NOT_FOUND" } } });
    expect(await call(dana, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: "again" })).toMatchObject({ ok: false, error: { code: "PARTICIPANT_UNKNOWN" } });
    expect((await exportWith(`Participant ${joined.token}`)).status).toBe(401);

    expect((await api(app, facilitator, "POST", "/api/retention")).status).toBe(403);
    expect(await api(app, admin, "POST", "/api/retention")).toMatchObject({ status: 200, body: { retentionDays: 42, sessions: 0, actor: "admin@readyroom.local" } });
    expect((await page("/admin/privacy", admin)).html).toContain('data-testid="retention-last-run"');
  });
});

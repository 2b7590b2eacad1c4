// Studio drafts over HTTP against the real server: per-user drafts saved as they are, refused
// at publish while they have lint errors (with the findings), published as a new immutable
// catalogue version (audited) that running sessions do not follow, permissions and size limits.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { api, importFixture, loginFacilitator } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/valid-minimal.json");

describe("studio drafts over HTTP", () => {
  let app: AppHandle;
  let admin: string;
  let facilitator: string;
  let manager: string;

  beforeAll(async () => {
    app = await sharedApp();
    [admin, facilitator, manager] = await Promise.all([
      loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN")),
      loginFacilitator(app),
      loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
    ]);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  async function auditRows(): Promise<Array<{ action: string; resource_type: string; resource_id: string; detail: Record<string, unknown> }>> {
    const { url } = JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string };
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query("select action, resource_type, resource_id, detail from audit_log where resource_type = 'scenario' order by id")).rows;
    } finally {
      await c.end();
    }
  }

  it("saves an invalid draft, refuses to publish it with the findings, then publishes the fixed draft as a new version", { timeout: 120_000 }, async () => {
    const created = await api(app, facilitator, "POST", "/api/studio/drafts", {});
    expect(created.status).toBe(201);
    const draftId = created.body.draft.id as string;
    expect(created.body.draft.document.nodes).toEqual([]);

    // An invalid draft (a dangling reference, an empty title) is saved as it is.
    const broken = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
    broken.id = "studio-drill";
    broken.title = "";
    broken.nodes[0].next = "nowhere";
    const saved = await api(app, facilitator, "PUT", `/api/studio/drafts/${draftId}`, { document: broken });
    expect(saved.status).toBe(200);
    expect((await api(app, facilitator, "GET", `/api/studio/drafts/${draftId}`)).body.draft.document).toEqual(broken);

    const refused = await api(app, facilitator, "POST", `/api/studio/drafts/${draftId}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("SCENARIO_INVALID");
    expect(refused.body.error.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "error", code: "DANGLING_REF", pointer: "/nodes/0/next" }),
        expect.objectContaining({ severity: "error", code: "SCHEMA", pointer: "/title" }),
      ]),
    );
    // Nothing reached the catalogue, so no session can use it.
    const catalogue = await api(app, facilitator, "GET", "/api/scenarios");
    expect(catalogue.body.scenarios.some((s: { slug: string }) => s.slug === "studio-drill")).toBe(false);
    expect((await api(app, facilitator, "POST", "/api/sessions", { scenarioId: draftId, teams: ["Blue"] })).status).toBe(404);

    const fixed = { ...broken, title: "Studio drill", nodes: broken.nodes.map((n: Record<string, unknown>, i: number) => (i === 0 ? { ...n, next: "contain", editor: { x: 10, y: 20 } } : n)) };
    expect((await api(app, facilitator, "PUT", `/api/studio/drafts/${draftId}`, { document: fixed })).status).toBe(200);
    const published = await api(app, facilitator, "POST", `/api/studio/drafts/${draftId}/publish`);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ slug: "studio-drill", created: true, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Publishing the same content again stores nothing new.
    const again = await api(app, facilitator, "POST", `/api/studio/drafts/${draftId}/publish`);
    expect(again).toMatchObject({ status: 200, body: { id: published.body.id, created: false } });

    const version = await fetch(`${app.url}/scenarios/${published.body.id}/download`, { headers: { cookie: facilitator } }).then((r) => r.json());
    expect(version.nodes[0].editor).toEqual({ x: 10, y: 20 });
    expect((await auditRows()).filter((r) => r.resource_id === published.body.id)).toEqual([
      expect.objectContaining({ action: "create", detail: expect.objectContaining({ via: "studio", draftId, slug: "studio-drill" }) }),
    ]);
  });

  it("duplicates a library version; a session keeps the version it started with after a new publish", { timeout: 120_000 }, async () => {
    const v1 = await importFixture(app, facilitator, FIXTURE);
    const session = await api(app, facilitator, "POST", "/api/sessions", { scenarioId: v1, teams: ["Blue"] });
    expect(session.status).toBe(201);
    const sessionId = (session.body.session?.id ?? session.body.id) as string;
    const pinned = (await api(app, facilitator, "GET", `/api/sessions/${sessionId}`)).body.session.contentHash as string;

    const dup = await api(app, facilitator, "POST", "/api/studio/drafts", { baseScenarioId: v1 });
    expect(dup.status).toBe(201);
    expect(dup.body.draft.baseScenarioId).toBe(v1);
    const doc = dup.body.draft.document;
    doc.summary = `${doc.summary} (revised)`;
    await api(app, facilitator, "PUT", `/api/studio/drafts/${dup.body.draft.id}`, { document: doc });
    const v2 = await api(app, facilitator, "POST", `/api/studio/drafts/${dup.body.draft.id}/publish`);
    expect(v2.status).toBe(201);
    expect(v2.body.id).not.toBe(v1);
    expect(v2.body.slug).toBe(doc.id);

    const after = await api(app, facilitator, "GET", `/api/sessions/${sessionId}`);
    expect(after.status).toBe(200);
    expect(after.body.session.contentHash).toBe(pinned);
    expect(v2.body.contentHash).not.toBe(pinned);
    expect((await api(app, facilitator, "POST", "/api/studio/drafts", { baseScenarioId: "no-such-version" })).status).toBe(404);
  });

  it("keeps drafts private to their author and refuses managers, anonymous callers, cross-site writes and bad bodies", { timeout: 60_000 }, async () => {
    const mine = (await api(app, facilitator, "POST", "/api/studio/drafts", {})).body.draft.id as string;
    // Another author (even an admin) neither sees nor changes it.
    expect((await api(app, admin, "GET", `/api/studio/drafts/${mine}`)).status).toBe(404);
    expect((await api(app, admin, "PUT", `/api/studio/drafts/${mine}`, { document: {} })).status).toBe(404);
    expect((await api(app, admin, "POST", `/api/studio/drafts/${mine}/publish`)).status).toBe(404);
    expect((await api(app, admin, "GET", "/api/studio/drafts")).body.drafts.some((d: { id: string }) => d.id === mine)).toBe(false);
    expect((await api(app, facilitator, "GET", "/api/studio/drafts")).body.drafts.some((d: { id: string }) => d.id === mine)).toBe(true);

    for (const [method, p] of [["GET", "/api/studio/drafts"], ["POST", "/api/studio/drafts"], ["PUT", `/api/studio/drafts/${mine}`], ["POST", `/api/studio/drafts/${mine}/publish`], ["DELETE", `/api/studio/drafts/${mine}`]] as const) {
      expect(await api(app, manager, method, p, method === "GET" || method === "DELETE" ? undefined : {})).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect((await api(app, "", method, p, method === "GET" || method === "DELETE" ? undefined : {})).status).toBe(401);
    }
    const crossSite = await fetch(`${app.url}/api/studio/drafts/${mine}`, { method: "PUT", headers: { cookie: facilitator, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ document: {} }) });
    expect(crossSite.status).toBe(403);

    expect(await api(app, facilitator, "PUT", `/api/studio/drafts/${mine}`, { document: [1, 2] })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", message: expect.stringContaining("/document") } } });
    expect(await api(app, facilitator, "PUT", `/api/studio/drafts/${mine}`, { doc: {} })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(await api(app, facilitator, "PUT", `/api/studio/drafts/${mine}`, "{not json")).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });

    // Size limits: a document over the scenario limit, and a body over the request limit.
    const big = { title: "x".repeat(1024 * 1024 + 20 * 1024) };
    expect(await api(app, facilitator, "PUT", `/api/studio/drafts/${mine}`, { document: big })).toMatchObject({ status: 413, body: { error: { code: "BODY_TOO_LARGE" } } });
    const justOver = { title: "x".repeat(1024 * 1024) };
    expect(await api(app, facilitator, "PUT", `/api/studio/drafts/${mine}`, { document: justOver })).toMatchObject({ status: 413, body: { error: { code: "DRAFT_TOO_LARGE" } } });

    expect((await api(app, facilitator, "DELETE", `/api/studio/drafts/${mine}`)).status).toBe(204);
    expect((await api(app, facilitator, "GET", `/api/studio/drafts/${mine}`)).status).toBe(404);
  });

  it("serves the studio pages to authors only, with a Studio nav item and a duplicate button", { timeout: 60_000 }, async () => {
    const page = (p: string, cookie: string) => fetch(`${app.url}${p}`, { headers: { cookie }, redirect: "manual" }).then(async (r) => ({ status: r.status, html: await r.text() }));
    const fac = await page("/studio", facilitator);
    expect(fac.status).toBe(200);
    expect(fac.html).toContain('href="/studio"');
    expect(fac.html).toContain('data-testid="new-draft"');
    const mgr = await page("/studio", manager);
    expect(mgr.html).toContain('data-testid="forbidden"');
    expect(mgr.html).not.toContain('href="/studio"');
    const list = await api(app, facilitator, "GET", "/api/scenarios");
    const detail = await page(`/scenarios/${list.body.scenarios[0].id}`, facilitator);
    expect(detail.html).toContain('data-testid="duplicate"');
    expect((await page(`/scenarios/${list.body.scenarios[0].id}`, manager)).html).not.toContain('data-testid="duplicate"');
  });
});

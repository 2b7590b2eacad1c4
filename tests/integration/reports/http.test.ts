// Reports over HTTP against the real server: who may see the dashboard and export results
// (manager, facilitator, participant, anonymous sessions), the CSV's escaping, suppression of
// small groups, clear errors for bad input, and an audit row for every export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sharedApp, type AppHandle } from "../../helpers/app";
import { unique, uniqueEmail, uniqueTag } from "../../helpers/unique";
import { appDatabase, createUser } from "../../helpers/app-db";
import { loginFacilitator } from "../../helpers/live";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";

// On the project's shared server: the seeded teams carry this file's own tags, the manager,
// facilitator and participant are this file's own accounts, and the checks read only them.
// The own and foreign tags end up in session and decision ids, which pages take from the URL.
const TAG = { own: uniqueTag("own"), foreign: uniqueTag("foreign"), hostile: unique('=HYPERLINK("http://evil")') };
const EMAIL = { manager: uniqueEmail("manager"), facilitator: uniqueEmail("facilitator"), participant: uniqueEmail("pat") };

describe("reports over HTTP", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let manager: string;
  let facilitator: string;
  let participant: string;
  let admin: string;
  let own: ReportSeed;
  let foreign: ReportSeed;
  let hostile: ReportSeed;
  let managerId: string;

  const get = async (path: string, cookie = "") => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });
    const buf = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get("content-type") ?? "", disposition: res.headers.get("content-disposition") ?? "", buf, text: buf.toString("utf8") };
  };
  const json = async (path: string, cookie: string) => {
    const r = await get(path, cookie);
    return { ...r, body: JSON.parse(r.text) };
  };

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    const fac = await createUser(prisma, EMAIL.facilitator, "FACILITATOR");
    managerId = (await createUser(prisma, EMAIL.manager, "MANAGER")).id;
    own = await seedReports(prisma, { tag: TAG.own, sessions: 6, teams: 3, decisionsPerTeam: 6, start: new Date("2026-03-02T09:00:00Z"), facilitatorId: fac.id, smallTeamVoters: 2 });
    foreign = await seedReports(prisma, { tag: TAG.foreign, sessions: 4, teams: 2, decisionsPerTeam: 6, start: new Date("2026-03-02T09:00:00Z"), facilitatorId: null });
    hostile = await seedReports(prisma, { tag: TAG.hostile, sessions: 2, teams: 2, decisionsPerTeam: 4, start: new Date("2026-04-01T09:00:00Z"), facilitatorId: null });
    await createUser(prisma, EMAIL.participant, "PARTICIPANT");
    [manager, facilitator, admin, participant] = await Promise.all([
      loginFacilitator(app, EMAIL.manager, "correct horse battery"),
      loginFacilitator(app, EMAIL.facilitator, "correct horse battery"),
      loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN")),
      loginFacilitator(app, EMAIL.participant, "correct horse battery"),
    ]);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
  });

  it("exports the dashboard as CSV with a BOM, quoting and a formula guard, and audits it", async () => {
    const exports = { action: "export", resourceType: "report", actorId: managerId };
    const auditsBefore = await prisma.auditLog.count({ where: exports });
    const csv = await get("/api/reports/export?format=csv", manager);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    expect(csv.disposition).toMatch(/^attachment; filename="readiness-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...csv.buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("team,team_id,capability,capability_id,sessions,respondents,decisions,earned,best,readiness_percent,proposed_rating,rating,overridden,withheld_reason");
    // A team name that starts like a formula is quoted and defused; nothing starts a cell with "=".
    const evil = lines.filter((l) => l.includes(TAG.hostile.slice(-6)));
    expect(evil.length).toBeGreaterThan(0);
    for (const l of evil) expect(l.startsWith(`"'=HYPERLINK(""http://evil"")`)).toBe(true);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
    // The small team (2 voters at most) is withheld, with the reason and no figures.
    const small = lines.filter((l) => l.startsWith(`${TAG.own} Team 03,`));
    expect(small.length).toBeGreaterThan(0);
    for (const l of small) expect(l).toMatch(/,,,,,,,false,small-group$/);
    expect(lines.filter((l) => l.startsWith(`${TAG.own} Team 01,`)).every((l) => /,[PSMU],[PSMU],false,$/.test(l))).toBe(true);
    expect(await prisma.auditLog.count({ where: exports })).toBe(auditsBefore + 1);
  });

  it("scopes a facilitator to their own sessions and refuses participants and strangers", async () => {
    const asManager = await json("/api/reports/export?format=json", manager);
    const asFacilitator = await json("/api/reports/export?format=json", facilitator);
    // Team rows only: the pooled rows (teamId null, "All teams (pooled)") follow them when offered.
    const teams = (b: { results: Array<{ team: string; teamId: string | null }> }) => [...new Set(b.results.filter((r) => r.teamId !== null).map((r) => r.team))].sort();
    // The manager sees every team (other files' too, on the shared server): all of this file's.
    const seeded = [...own.teamNames, ...foreign.teamNames, ...hostile.teamNames];
    expect(teams(asManager.body).filter((t) => seeded.includes(t))).toEqual(seeded.sort());
    expect(teams(asFacilitator.body)).toEqual([...own.teamNames].sort());
    expect((await get("/api/reports/export?format=json", participant)).status).toBe(403);
    expect((await get("/api/reports/export?format=json")).status).toBe(401);
    // Filters narrow the export the same way as the dashboard.
    const filtered = await json(`/api/reports/export?format=json&team=${own.teamIds[0]}`, manager);
    expect(teams(filtered.body)).toEqual([own.teamNames[0]]);
  });

  it("names the field of a bad filter or format", async () => {
    expect(await json("/api/reports/export?format=xml", manager)).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/format" }] } } });
    expect(await json("/api/reports/export?from=2026-13-45", manager)).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/from" }] } } });
    expect(await json("/api/reports/export?from=2026-05-01&to=2026-04-01", manager)).toMatchObject({ status: 400, body: { error: { details: [{ path: "/to" }] } } });
  });

  it("exports one session to those who may see it, anonymous sessions included as aggregates", async () => {
    const anonymousOwn = own.sessionIds[1]; // even-numbered seeded sessions are anonymous
    expect((await prisma.exerciseSession.findUniqueOrThrow({ where: { id: anonymousOwn } })).anonymous).toBe(true);
    const m = await json(`/api/reports/sessions/${anonymousOwn}?format=json`, manager);
    expect(m.status).toBe(200);
    expect(m.body.session).toMatchObject({ id: anonymousOwn, anonymous: true });
    expect(m.body.results.length).toBeGreaterThan(0);
    const f = await get(`/api/reports/sessions/${anonymousOwn}?format=csv`, facilitator);
    expect(f.status).toBe(200);
    expect(f.text.charCodeAt(0)).toBe(0xfeff);
    expect(f.disposition).toContain(".csv");
    expect(await json(`/api/reports/sessions/${foreign.sessionIds[0]}?format=json`, facilitator)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await get(`/api/reports/sessions/${own.sessionIds[0]}?format=json`, participant)).status).toBe(403);
    expect((await json(`/api/reports/sessions/nope?format=json`, admin)).status).toBe(404);
    const audited = await prisma.auditLog.findMany({ where: { action: "export", resourceType: "report", resourceId: anonymousOwn } });
    expect(audited.map((a) => a.actorLabel).sort()).toEqual([`${EMAIL.facilitator} (FACILITATOR)`, `${EMAIL.manager} (MANAGER)`].sort());
  });

  it("renders the dashboard per role, withholds small groups, and hides raw answers of anonymous sessions from managers", async () => {
    const page = await get("/reports", manager);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="heatmap"');
    expect(page.text).toContain('data-testid="row-withheld"');
    expect((await get("/reports", participant)).text).toContain('data-testid="forbidden"');
    const facPage = await get("/reports", facilitator);
    expect(facPage.text).toContain(`${TAG.own} Team 01`);
    expect(facPage.text).not.toContain(`${TAG.foreign} Team 01`);

    const anonymous = await prisma.decision.findFirstOrThrow({ where: { session: { id: own.sessionIds[1] } } });
    const named = await prisma.decision.findFirstOrThrow({ where: { session: { id: own.sessionIds[0] } } });
    expect((await get(`/reports/decisions/${anonymous.id}`, manager)).text).toContain('data-testid="answers-hidden"');
    expect((await get(`/reports/decisions/${named.id}`, manager)).text).not.toContain('data-testid="answers-hidden"');
    expect((await get(`/reports/decisions/${anonymous.id}`, admin)).text).not.toContain('data-testid="answers-hidden"');
    const foreignDecision = await prisma.decision.findFirstOrThrow({ where: { sessionId: foreign.sessionIds[0] } });
    expect((await get(`/reports/decisions/${foreignDecision.id}`, facilitator)).text).toContain('data-testid="forbidden"');
    expect((await get(`/reports/decisions/${foreignDecision.id}`, manager)).text).toContain('data-testid="decision-detail"');
  });
});

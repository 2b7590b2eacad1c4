// The teams API against the real server: admins and managers add, rename, archive, restore and
// merge teams (each audited without copying names), facilitators pick from the list and add new
// teams only by starting a session, archived teams are refused for new sessions, merging moves
// sessions and improvement items to the team that stays, and bad input gets a 400 that points
// at the field.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { appDatabase, createUser } from "../../helpers/app-db";
import { unique, uniqueEmail } from "../../helpers/unique";
import { api, importFixture, loginFacilitator } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

// On the project's shared server, where team names are organisation-wide: every team name
// here carries this file's own suffix, the admin, manager and facilitator are this file's own
// accounts, and the audit rows read are theirs.
const S = unique("").trim();
const name = (base: string) => `${base} ${S}`;
const EMAIL = { admin: uniqueEmail("admin"), manager: uniqueEmail("manager"), facilitator: uniqueEmail("facilitator") };

describe("organisation teams over HTTP", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let admin: string;
  let manager: string;
  let facilitator: string;
  let scenarioId: string;
  let actorIds: string[];

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    const PASSWORD = "a long enough password";
    actorIds = [];
    for (const [role, email] of [["ADMIN", EMAIL.admin], ["MANAGER", EMAIL.manager], ["FACILITATOR", EMAIL.facilitator]] as const) {
      actorIds.push((await createUser(prisma, email, role, PASSWORD)).id);
    }
    [admin, manager, facilitator] = await Promise.all([
      loginFacilitator(app, EMAIL.admin, PASSWORD),
      loginFacilitator(app, EMAIL.manager, PASSWORD),
      loginFacilitator(app, EMAIL.facilitator, PASSWORD),
    ]);
    scenarioId = await importFixture(app, admin, FIXTURE);
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
  });

  const teamAudits = () => prisma.auditLog.findMany({ where: { resourceType: "team", actorId: { in: actorIds } }, orderBy: { id: "asc" } });
  const newSession = (cookie: string, teams: unknown[]) => api(app, cookie, "POST", "/api/sessions", { scenarioId, teams });

  it("lets a manager add a team, refuses the same name in other letter case, and audits without the name", async () => {
    const before = (await teamAudits()).length;
    const created = await api(app, manager, "POST", "/api/teams", { name: `  ${name("Legal")}  ` });
    expect(created).toMatchObject({ status: 201, body: { team: { name: name("Legal"), archivedAt: null } } });
    const again = await api(app, admin, "POST", "/api/teams", { name: name("LEGAL") });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "TEAM_NAME_TAKEN", details: [{ path: "/name" }] } } });
    const audits = await teamAudits();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ action: "create", resourceId: created.body.team.id, actorLabel: expect.stringContaining(EMAIL.manager) });
    expect(JSON.stringify(audits.at(-1)!.detail)).not.toContain("Legal");
    const list = await api(app, facilitator, "GET", "/api/teams");
    expect(list.status).toBe(200);
    expect(list.body.teams.map((t: { name: string }) => t.name)).toContain(name("Legal"));
  });

  it.each([
    ["no name", {}, "/name"],
    ["an empty name", { name: "   " }, "/name"],
    ["a name over 60 characters", { name: "x".repeat(61) }, "/name"],
    ["a NUL byte", { name: "Le\u0000gal" }, "/name"],
    ["a lone surrogate", { name: "Le\uD800gal" }, "/name"],
    ["a name that is not text", { name: 42 }, "/name"],
  ])("refuses %s with 400 and a pointer to the field", async (_what, body, pointer) => {
    const r = await api(app, manager, "POST", "/api/teams", body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("INVALID_INPUT");
    expect(r.body.error.details[0].path).toBe(pointer);
  });

  it("refuses unknown fields and broken JSON with 400", async () => {
    expect(await api(app, manager, "POST", "/api/teams", { name: "Ops", owner: "me" })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(await api(app, manager, "POST", "/api/teams", "{not json")).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
  });

  it("renames a team; its sessions keep the name they ran under", async () => {
    const team = (await api(app, manager, "POST", "/api/teams", { name: name("Comms") })).body.team;
    const s = await newSession(facilitator, [{ teamId: team.id }]);
    expect(s.status).toBe(201);
    const renamed = await api(app, manager, "PATCH", `/api/teams/${team.id}`, { name: name("Communications") });
    expect(renamed).toMatchObject({ status: 200, body: { team: { id: team.id, name: name("Communications") }, changed: ["name"] } });
    expect(await prisma.sessionTeam.findFirstOrThrow({ where: { sessionId: s.body.id } })).toMatchObject({ teamId: team.id, name: name("Comms") });
    expect(await api(app, manager, "PATCH", `/api/teams/${team.id}`, { name: name("legal") })).toMatchObject({ status: 409, body: { error: { code: "TEAM_NAME_TAKEN" } } });
    expect(await api(app, manager, "PATCH", `/api/teams/${team.id}`, {})).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect((await api(app, manager, "PATCH", `/api/teams/${team.id}`, { archived: "yes" })).body.error.details[0].path).toBe("/archived");
    expect(await api(app, manager, "PATCH", "/api/teams/no-such-team", { name: "X" })).toMatchObject({ status: 404, body: { error: { code: "TEAM_NOT_FOUND" } } });
  });

  it("keeps archived teams out of new sessions but in history, and takes them back when restored", async () => {
    const team = (await api(app, admin, "POST", "/api/teams", { name: name("Facilities") })).body.team;
    expect((await newSession(facilitator, [{ teamId: team.id }])).status).toBe(201);
    expect(await api(app, manager, "PATCH", `/api/teams/${team.id}`, { archived: true })).toMatchObject({ status: 200, body: { changed: ["archived"] } });
    const listed = (await api(app, facilitator, "GET", "/api/teams")).body.teams.map((t: { id: string }) => t.id);
    expect(listed).not.toContain(team.id);
    const all = (await api(app, manager, "GET", "/api/teams?archived=1")).body.teams;
    expect(all.find((t: { id: string }) => t.id === team.id)).toMatchObject({ sessions: 1 });
    for (const choice of [{ teamId: team.id }, name("facilities")]) {
      const refused = await newSession(facilitator, [name("Other team"), choice]);
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", details: [{ path: "/teams/1" }] } } });
    }
    // A new team under an archived team's name would split its history: refused with a pointer too.
    expect(await api(app, manager, "POST", "/api/teams", { name: name("Facilities") })).toMatchObject({ status: 409, body: { error: { code: "TEAM_NAME_TAKEN" } } });
    expect((await api(app, manager, "PATCH", `/api/teams/${team.id}`, { archived: false })).status).toBe(200);
    expect((await newSession(facilitator, [{ teamId: team.id }])).status).toBe(201);
  });

  it("lets a facilitator pick a listed team or add a new one by starting a session, but not manage teams", async () => {
    expect(await api(app, facilitator, "POST", "/api/teams", { name: name("Sneaky") })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const legal = (await api(app, facilitator, "GET", "/api/teams")).body.teams.find((t: { name: string }) => t.name === name("Legal"));
    expect((await api(app, facilitator, "PATCH", `/api/teams/${legal.id}`, { name: name("Mine") })).status).toBe(403);
    const s = await newSession(facilitator, [{ teamId: legal.id }, name("Night shift")]);
    expect(s.status).toBe(201);
    const rows = await prisma.sessionTeam.findMany({ where: { sessionId: s.body.id }, orderBy: { position: "asc" }, include: { team: true } });
    expect(rows.map((r) => [r.name, r.team?.name])).toEqual([[name("Legal"), name("Legal")], [name("Night shift"), name("Night shift")]]);
    expect(rows[1].team?.createdById).toBe((await prisma.user.findUniqueOrThrow({ where: { email: EMAIL.facilitator } })).id);
    // A listed team named again links to it instead of making a second one.
    const again = await newSession(facilitator, [`night SHIFT ${S.toUpperCase()}`]);
    expect((await prisma.sessionTeam.findFirstOrThrow({ where: { sessionId: again.body.id } })).teamId).toBe(rows[1].teamId);
  });

  it.each([
    ["an unknown team id", [{ teamId: "nope" }], "/teams/0/teamId"],
    ["the same team twice", ["Ops", "OPS"], "/teams/1"],
    ["a team that is neither a name nor an id", [{ id: "x" }], "/teams/0"],
  ])("refuses a new session with %s with 400 and a pointer", async (_what, teams, pointer) => {
    const r = await newSession(facilitator, teams);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("INVALID_INPUT");
    expect(r.body.error.details[0].path).toBe(pointer);
  });

  it("merges a duplicate: sessions and improvement items move to the team that stays, the duplicate goes", async () => {
    const it1 = (await api(app, manager, "POST", "/api/teams", { name: name("IT") })).body.team;
    const it2 = (await api(app, manager, "POST", "/api/teams", { name: name("I.T.") })).body.team;
    const s = await newSession(facilitator, [{ teamId: it2.id }]);
    const sessionTeam = await prisma.sessionTeam.findFirstOrThrow({ where: { sessionId: s.body.id } });
    const item = await api(app, facilitator, "POST", `/api/sessions/${s.body.id}/aar/improvements`, { capabilityId: "RS", teamId: sessionTeam.id, action: "Patch faster", owner: "Ops lead" });
    expect(item.status).toBe(201);

    expect(await api(app, manager, "POST", `/api/teams/${it2.id}/merge`, { into: it2.id })).toMatchObject({ status: 400, body: { error: { details: [{ path: "/into" }] } } });
    expect(await api(app, manager, "POST", `/api/teams/${it2.id}/merge`, { into: "nope" })).toMatchObject({ status: 400, body: { error: { details: [{ path: "/into" }] } } });
    expect(await api(app, manager, "POST", `/api/teams/${it2.id}/merge`, {})).toMatchObject({ status: 400, body: { error: { details: [{ path: "/into" }] } } });
    expect(await api(app, manager, "POST", "/api/teams/nope/merge", { into: it1.id })).toMatchObject({ status: 404, body: { error: { code: "TEAM_NOT_FOUND" } } });
    expect(await api(app, facilitator, "POST", `/api/teams/${it2.id}/merge`, { into: it1.id })).toMatchObject({ status: 403 });

    const merged = await api(app, manager, "POST", `/api/teams/${it2.id}/merge`, { into: it1.id });
    expect(merged).toMatchObject({ status: 200, body: { team: { id: it1.id }, merged: { id: it2.id, sessions: 1, items: 1 } } });
    expect((await prisma.sessionTeam.findUniqueOrThrow({ where: { id: sessionTeam.id } })).teamId).toBe(it1.id);
    expect((await prisma.improvementItem.findUniqueOrThrow({ where: { id: item.body.id } })).teamId).toBe(it1.id);
    expect(await prisma.team.findUnique({ where: { id: it2.id } })).toBeNull();
    const audits = (await teamAudits()).slice(-2);
    expect(audits.map((a) => [a.action, a.resourceId])).toEqual([["modify", it1.id], ["delete", it2.id]]);
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toMatch(/I\.T\.|"IT/);

    // Merging into an archived team is refused until it is restored.
    const old = (await api(app, manager, "POST", "/api/teams", { name: name("Old IT") })).body.team;
    await api(app, manager, "PATCH", `/api/teams/${old.id}`, { archived: true });
    expect(await api(app, manager, "POST", `/api/teams/${it1.id}/merge`, { into: old.id })).toMatchObject({ status: 409, body: { error: { code: "TEAM_ARCHIVED", details: [{ path: "/into" }] } } });
  });
});

// Organisation teams are shared, sessions are not: a facilitator who runs a session with a team
// another facilitator already used must not read that facilitator's improvement items (with
// their owners' names) or session history in their own after-action report, nor change those
// items through their own session's URL. The same items do carry over for the facilitator who
// made them, and for roles that see every session's report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedApp, type AppHandle } from "../../helpers/app";
import { unique, uniqueEmail } from "../../helpers/unique";
import { appDatabase, createUser } from "../../helpers/app-db";
import { api, loginFacilitator } from "../../helpers/live";
import { BEST, WORST, openWorld } from "./aar-world";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const SLUG = "ransomware-survey-platform";
// On the project's shared server: the organisation team and both facilitators are this
// file's own, so no other file's items or sessions are carried over into these reports.
const TEAM = unique("Blue Team");
const ALICE = uniqueEmail("alice");
const BOB = uniqueEmail("bob");
const OWNER = "Alice Example";
const PASSWORD = "correct horse battery";

type Played = { sessionId: string; teamIds: Map<string, string> };

describe("carried-over improvement items and history stay within the viewer's sessions", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let alice: string;
  let bob: string;
  let manager: string;
  let admin: string;
  let aliceFirst: Played;
  let bobSession: Played;
  let itemId: string;

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    await createUser(prisma, ALICE, "FACILITATOR", PASSWORD);
    await createUser(prisma, BOB, "FACILITATOR", PASSWORD);
    [alice, bob, manager, admin] = await Promise.all([
      loginFacilitator(app, ALICE, PASSWORD),
      loginFacilitator(app, BOB, PASSWORD),
      loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
      loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN")),
    ]);
    world = await openWorld(app);
    aliceFirst = await world.play({ facilitator: await world.user(ALICE), slug: SLUG, title: "Alice's spring drill", teams: [{ name: TEAM, choose: WORST, voters: 3 }] });
    const item = await api(app, alice, "POST", `/api/sessions/${aliceFirst.sessionId}/aar/improvements`, {
      capabilityId: "RS",
      teamId: aliceFirst.teamIds.get(TEAM),
      action: "Rehearse the isolation runbook",
      owner: OWNER,
    });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    // Bob runs his own exercise later and calls his team by the same name.
    bobSession = await world.play({ facilitator: await world.user(BOB), slug: SLUG, title: "Bob's drill", teams: [{ name: TEAM, choose: BEST, voters: 3 }] });
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await prisma?.$disconnect();
    await app?.stop();
  });

  const aar = (cookie: string, id: string) => api(app, cookie, "GET", `/api/sessions/${id}/aar`);
  const rsPrevious = (report: { capabilities: Array<{ id: string; teams: Array<{ previous: { sessionId: string } | null }> }> }) =>
    report.capabilities.find((c) => c.id === "RS")!.teams[0].previous;

  it("shows another facilitator neither the items nor the history of sessions they may not open", async () => {
    const report = await aar(bob, bobSession.sessionId);
    expect(report.status).toBe(200);
    expect(report.body.plan.carried).toEqual([]);
    expect(rsPrevious(report.body)).toBeNull();
    const text = JSON.stringify(report.body);
    expect(text).not.toContain(OWNER);
    expect(text).not.toContain(aliceFirst.sessionId);
    expect(text).not.toContain("Alice's spring drill");
    // The page renders the same report.
    const page = await fetch(`${app.url}/sessions/${bobSession.sessionId}/aar`, { headers: { cookie: bob } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain(OWNER);
    expect(html).not.toContain("Rehearse the isolation runbook");
    // Bob may still not open Alice's session directly.
    expect((await aar(bob, aliceFirst.sessionId)).status).toBe(403);
  });

  it("refuses another facilitator's change to the item through their own session's URL and keeps it unchanged", async () => {
    const patch = await api(app, bob, "PATCH", `/api/sessions/${bobSession.sessionId}/aar/improvements/${itemId}`, { owner: "Mallory", status: "CANCELLED" });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe("NOT_FOUND");
    const del = await api(app, bob, "DELETE", `/api/sessions/${bobSession.sessionId}/aar/improvements/${itemId}`);
    expect(del.status).toBe(404);
    const stored = await prisma.improvementItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(stored).toMatchObject({ owner: OWNER, status: "OPEN" });
  });

  it("carries the items and history over for their own facilitator and for roles that see every session", async () => {
    const aliceSecond = await world.play({ facilitator: await world.user(ALICE), slug: SLUG, title: "Alice's autumn drill", teams: [{ name: TEAM, choose: BEST, voters: 3 }] });
    const own = (await aar(alice, aliceSecond.sessionId)).body;
    expect(own.plan.carried.map((p: { id: string; owner: string }) => [p.id, p.owner])).toEqual([[itemId, OWNER]]);
    // The latest earlier session Alice may open; Bob's session is newer but not hers.
    expect(rsPrevious(own)).toMatchObject({ sessionId: aliceFirst.sessionId });

    // Everyone who sees every session's report sees the carried item in Bob's report too.
    for (const cookie of [manager, admin]) {
      const seen = (await aar(cookie, bobSession.sessionId)).body;
      expect(seen.plan.carried.map((p: { id: string }) => p.id)).toEqual([itemId]);
      expect(rsPrevious(seen)).toMatchObject({ sessionId: aliceFirst.sessionId });
    }
    // Alice changes her item from her later session; an administrator may from any session.
    expect(await api(app, alice, "PATCH", `/api/sessions/${aliceSecond.sessionId}/aar/improvements/${itemId}`, { status: "IN_PROGRESS" })).toMatchObject({ status: 200, body: { status: "IN_PROGRESS" } });
    expect(await api(app, admin, "PATCH", `/api/sessions/${bobSession.sessionId}/aar/improvements/${itemId}`, { owner: "Head of IT" })).toMatchObject({ status: 200, body: { owner: "Head of IT" } });
  }, 120_000);

  it("lets a facilitator granted Alice's session see and change her item from his own report", async () => {
    await prisma.sessionGrant.create({ data: { sessionId: aliceFirst.sessionId, userId: (await world.user(BOB)).id } });
    try {
      const report = (await aar(bob, bobSession.sessionId)).body;
      expect(report.plan.carried.map((p: { id: string }) => p.id)).toEqual([itemId]);
      expect(await api(app, bob, "PATCH", `/api/sessions/${bobSession.sessionId}/aar/improvements/${itemId}`, { status: "DONE" })).toMatchObject({ status: 200, body: { status: "DONE" } });
    } finally {
      await prisma.sessionGrant.deleteMany({ where: { sessionId: aliceFirst.sessionId } });
    }
  });
});

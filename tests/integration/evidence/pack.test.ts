// Evidence packs and the improvement ledger against the real server: a pack exported over HTTP
// verifies offline with `npm run evidence:verify`; one flipped byte fails naming the file;
// attendance is k-suppressed in anonymous sessions; exporting is audited. A later session that
// rates the item's capability P or S verifies it once a person confirms, and the ledger and the
// next pack show it with its history.
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedApp, tempDataDir, type AppHandle } from "../../helpers/app";
import { unique, uniqueEmail } from "../../helpers/unique";
import { api, loginFacilitator } from "../../helpers/live";
import { runScript } from "../../helpers/cli";
import { BEST, WORST, openWorld } from "../reports/aar-world";
import { createUser } from "../../helpers/app-db";

const SLUG = "ransomware-survey-platform";
const PASSWORD = "correct-horse-battery-staple";
// On the project's shared server: this file's own organisation teams (so the later session's
// history is this file's only) and its own second facilitator.
const BLUE = unique("Blue team");
const RED = unique("Red team");
const OTHER = uniqueEmail("other-facilitator");

describe("evidence packs and the improvement ledger", () => {
  let app: AppHandle;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let facilitator: string;
  let manager: string;
  let otherFacilitator: string;
  let first: { sessionId: string; teamIds: Map<string, string> };
  let itemId: string;
  const tmp = tempDataDir("rr-evidence-");

  async function download(cookie: string, sessionId: string): Promise<{ status: number; file: string; bytes: Buffer }> {
    const res = await fetch(`${app.url}/api/sessions/${sessionId}/evidence`, { headers: { cookie } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const file = path.join(tmp, `${sessionId}-${Date.now()}.zip`);
    fs.writeFileSync(file, bytes);
    return { status: res.status, file, bytes };
  }
  const verify = (file: string) => runScript("scripts/evidence-verify.ts", [file], {});
  const readJson = (bytes: Buffer, name: string) => JSON.parse(Buffer.from(unzipSync(new Uint8Array(bytes))[name]).toString("utf8"));

  beforeAll(async () => {
    app = await sharedApp();
    world = await openWorld(app);
    // Straight into the app's database: the admin CLI's own test covers user:create.
    await createUser(world.prisma, OTHER, "FACILITATOR", PASSWORD);
    [facilitator, manager, otherFacilitator] = await Promise.all([
      loginFacilitator(app),
      loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
      loginFacilitator(app, OTHER, PASSWORD),
    ]);
    const fac = await world.user("facilitator@readyroom.local");
    first = await world.play({ facilitator: fac, slug: SLUG, title: "Spring drill", teams: [{ name: BLUE, choose: WORST, voters: 3 }] });
    const item = await api(app, facilitator, "POST", `/api/sessions/${first.sessionId}/aar/improvements`, {
      capabilityId: "RS",
      teamId: first.teamIds.get(BLUE),
      action: "Rehearse the isolation runbook",
      owner: "Head of IT",
      dueDate: "2020-01-31",
    });
    expect(item.status).toBe(201);
    itemId = item.body.id;
  }, 300_000);

  afterAll(async () => {
    await world?.close();
    await app?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("exports a pack that verifies offline, and fails naming the file when one byte changes", async () => {
    const pack = await download(facilitator, first.sessionId);
    expect(pack.status).toBe(200);
    const names = Object.keys(unzipSync(new Uint8Array(pack.bytes))).sort();
    expect(names).toEqual(["README.txt", "aar.json", "aar.pdf", "attendance.json", "audit-chain.json", "controls.json", "decision-log.json", "improvements.json", "manifest.json", "manifest.sig", "scenario.json"]);
    const good = await verify(pack.file);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("This pack proves");
    expect(good.stdout).toMatch(/[1-9]\d* audit row\(s\) were in the instance's audit log/);

    const log = readJson(pack.bytes, "decision-log.json");
    expect(log.teams[0].decisions.length).toBeGreaterThan(3);
    expect(log.teams[0].decisions[0]).toHaveProperty("decidedAt");
    // A named session, exported by its facilitator: names are included.
    expect(readJson(pack.bytes, "attendance.json").teams[0]).toMatchObject({ members: 3, names: [`${BLUE} 1`, `${BLUE} 2`, `${BLUE} 3`] });
    const segment = readJson(pack.bytes, "audit-chain.json");
    expect(segment.links.some((l: { row?: { detail?: { itemId?: string } } }) => l.row?.detail?.itemId === itemId)).toBe(true);

    // One byte of the decision log changes.
    const at = pack.bytes.indexOf(Buffer.from('"decidedAt"'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(pack.bytes);
    tampered[at + 2] ^= 0x01;
    const badFile = path.join(tmp, "tampered.zip");
    fs.writeFileSync(badFile, tampered);
    const bad = await verify(badFile);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("decision-log.json");

    // The manifest itself changes: the signature no longer holds.
    const m = pack.bytes.indexOf(Buffer.from('"generatedAt"'));
    const forged = Buffer.from(pack.bytes);
    forged[m + 3] ^= 0x01;
    fs.writeFileSync(badFile, forged);
    const forgedRun = await verify(badFile);
    expect(forgedRun.code).toBe(1);
    expect(forgedRun.stderr).toContain("manifest.json");

    const exports = await world.prisma.auditLog.count({ where: { resourceId: first.sessionId, action: "export", detail: { path: ["report"], equals: "evidence" } } });
    expect(exports).toBe(1);
  });

  it("withholds small attendance counts and names in an anonymous session", async () => {
    const fac = await world.user("facilitator@readyroom.local");
    const anon = await world.play({ facilitator: fac, slug: SLUG, title: "Anonymous drill", anonymous: true, teams: [{ name: RED, choose: BEST, voters: 2 }] });
    const pack = await download(manager, anon.sessionId);
    expect(pack.status).toBe(200);
    const people = readJson(pack.bytes, "attendance.json");
    expect(people.teams[0]).toMatchObject({ members: null });
    expect(people.teams[0]).not.toHaveProperty("names");
    expect(JSON.stringify(readJson(pack.bytes, "aar.json"))).not.toContain(`${RED} 1`);
    expect((await verify(pack.file)).code).toBe(0);
    // A facilitator who neither runs nor was granted the session gets no pack.
    expect((await download(otherFacilitator, anon.sessionId)).status).toBe(403);
  });

  it("verifies an item by a later exercise once a person confirms it; the ledger and the next pack show it", async () => {
    // The ledger lists the item, overdue, to those who may open the session's report only.
    const ledger = await api(app, manager, "GET", "/api/improvements?overdue=1");
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({ status: "OPEN", overdue: true, teamName: BLUE });
    expect((await api(app, otherFacilitator, "GET", "/api/improvements")).body.items.map((i: { id: string }) => i.id)).not.toContain(itemId);
    expect(await api(app, facilitator, "GET", "/api/improvements?status=LOST")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });

    // The session the item came from does not verify it.
    expect(await api(app, facilitator, "POST", `/api/improvements/${itemId}/verify`, { sessionId: first.sessionId })).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect((await api(app, facilitator, "PATCH", `/api/improvements/${itemId}`, { status: "IN_PROGRESS" })).status).toBe(200);
    expect((await api(app, facilitator, "POST", `/api/improvements/${itemId}/comments`, { text: "Runbook drafted" })).status).toBe(201);

    const fac = await world.user("facilitator@readyroom.local");
    const later = await world.play({ facilitator: fac, slug: SLUG, title: "Autumn drill", teams: [{ name: BLUE, choose: BEST, voters: 3 }] });
    const rsOf = async () => (await api(app, facilitator, "GET", `/api/sessions/${later.sessionId}/aar`)).body.capabilities.find((c: { id: string }) => c.id === "RS").teams[0].final;
    // The team did better but the proposal is M: not yet a verification.
    expect(await rsOf()).toBe("M");
    expect((await api(app, facilitator, "POST", `/api/improvements/${itemId}/verify`, { sessionId: later.sessionId })).status).toBe(400);
    // The evaluator rates it S after the hot wash.
    const rated = await api(app, facilitator, "PUT", `/api/sessions/${later.sessionId}/aar/ratings`, { teamId: later.teamIds.get(BLUE), capabilityId: "RS", rating: "S", rationale: "Isolated the hosts by the runbook." });
    expect(rated.status).toBe(200);
    expect(await rsOf()).toBe("S");
    // A manager may read but not confirm.
    expect((await api(app, manager, "POST", `/api/improvements/${itemId}/verify`, { sessionId: later.sessionId })).status).toBe(403);
    const confirmed = await api(app, facilitator, "POST", `/api/improvements/${itemId}/verify`, { sessionId: later.sessionId });
    expect(confirmed).toMatchObject({ status: 200, body: { status: "VERIFIED", sessionId: later.sessionId } });

    const verified = (await api(app, manager, "GET", "/api/improvements?status=VERIFIED")).body.items.find((i: { id: string }) => i.id === itemId);
    expect(verified).toMatchObject({ status: "VERIFIED", overdue: false, verifiedBy: { sessionId: later.sessionId, title: "Autumn drill" } });
    expect(verified.comments.map((c: { text: string }) => c.text)).toEqual(["Runbook drafted"]);

    const pack = await download(facilitator, first.sessionId);
    const plan = readJson(pack.bytes, "improvements.json").items.find((i: { id: string }) => i.id === itemId);
    expect(plan.history.map((h: { to: string }) => h.to)).toEqual(["OPEN", "IN_PROGRESS", "VERIFIED"]);
    expect(plan.history[2]).toMatchObject({ sessionId: later.sessionId });
    expect(plan.history[2].actorId).toBe(fac.id);
    expect((await verify(pack.file)).code).toBe(0);

    // Reopening withdraws the verification.
    await api(app, facilitator, "PATCH", `/api/improvements/${itemId}`, { status: "OPEN" });
    expect((await api(app, facilitator, "GET", "/api/improvements")).body.items.find((i: { id: string }) => i.id === itemId).status).toBe("OPEN");
  });
});

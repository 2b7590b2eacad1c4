// The evidence pack of a period and team over HTTP: it covers the ended sessions of the team in
// the period that the exporter may see, each in its folder, with index.json saying what the
// pack shows per requirement, clocks.json where the scenario has clocks, the team's improvement
// items with their history, PDFs up to READYROOM_EVIDENCE_PDFS; `npm run evidence:verify`
// checks it offline and names the file when one byte changes. An empty period, bad input and
// roles without the permission get clear refusals; exporting is audited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, tempDataDir, type RunningApp } from "../../helpers/app";
import { api, loginFacilitator } from "../../helpers/live";
import { runScript } from "../../helpers/cli";
import { BEST, WORST, openWorld } from "../reports/aar-world";
import { createUser } from "../../helpers/app-db";

const PASSWORD = "correct-horse-battery-staple";

describe("evidence packs per period and team", () => {
  let app: RunningApp;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let facilitator: string;
  let manager: string;
  let otherFacilitator: string;
  let employee: string;
  let blueTeamId: string;
  let itemId: string;
  const sessions: Record<string, string> = {};
  const today = new Date().toISOString().slice(0, 10);
  const tmp = tempDataDir("rr-period-");

  async function download(cookie: string, query: string) {
    const res = await fetch(`${app.url}/api/evidence?${query}`, { headers: { cookie } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const file = path.join(tmp, `pack-${Date.now()}-${Math.random().toString(36).slice(2)}.zip`);
    fs.writeFileSync(file, bytes);
    return { status: res.status, bytes, file, disposition: res.headers.get("content-disposition") };
  }
  const verify = (file: string) => runScript("scripts/evidence-verify.ts", [file], {});
  const entries = (bytes: Buffer) => unzipSync(new Uint8Array(bytes));
  const readJson = (bytes: Buffer, name: string) => JSON.parse(Buffer.from(entries(bytes)[name]).toString("utf8"));
  const errorOf = (bytes: Buffer) => JSON.parse(bytes.toString("utf8")).error;

  beforeAll(async () => {
    // One PDF per period pack keeps the test quick and shows the limit at work.
    app = await startApp({ env: { READYROOM_EVIDENCE_PDFS: "1" } });
    world = await openWorld(app);
    // Straight into the app's database: the admin CLI's own test covers user:create.
    await createUser(world.prisma, "other-facilitator@example.com", "FACILITATOR", PASSWORD);
    await createUser(world.prisma, "employee@example.com", "PARTICIPANT", PASSWORD);
    [facilitator, manager, otherFacilitator, employee] = await Promise.all([
      loginFacilitator(app),
      loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
      loginFacilitator(app, "other-facilitator@example.com", PASSWORD),
      loginFacilitator(app, "employee@example.com", PASSWORD),
    ]);
    const fac = await world.user("facilitator@readyroom.local");
    const other = await world.user("other-facilitator@example.com");
    const winter = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Winter drill", teams: [{ name: "Blue team", choose: WORST, voters: 3 }, { name: "Green team", choose: BEST, voters: 2 }] });
    sessions.winter = winter.sessionId;
    sessions.dora = (await world.play({ facilitator: fac, slug: "dora-major-ict-incident", title: "DORA drill", teams: [{ name: "Blue team", choose: BEST, voters: 2 }] })).sessionId;
    sessions.other = (await world.play({ facilitator: other, slug: "ransomware-survey-platform", title: "Other drill", teams: [{ name: "Blue team", choose: BEST, voters: 2 }] })).sessionId;
    sessions.green = (await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Green only", teams: [{ name: "Green team", choose: BEST, voters: 2 }] })).sessionId;
    blueTeamId = (await world.prisma.team.findFirstOrThrow({ where: { name: "Blue team" } })).id;
    const item = await api(app, facilitator, "POST", `/api/sessions/${winter.sessionId}/aar/improvements`, {
      capabilityId: "RS",
      teamId: winter.teamIds.get("Blue team"),
      action: "Rehearse the isolation runbook",
      owner: "Head of IT",
      dueDate: "2020-01-31",
    });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    expect((await api(app, facilitator, "PATCH", `/api/improvements/${itemId}`, { status: "IN_PROGRESS" })).status).toBe(200);
  }, 400_000);

  afterAll(async () => {
    await world?.close();
    await app?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("exports a team's period that verifies offline, and fails naming the file when one byte changes", async () => {
    const pack = await download(manager, `team=${blueTeamId}&from=${today}&to=${today}`);
    expect(pack.status).toBe(200);
    expect(pack.disposition).toContain(`evidence-Blue-team-${today}-${today}.zip`);
    const manifest = readJson(pack.bytes, "manifest.json");
    // The manager sees every report: the team's three sessions, not the one without it.
    expect(manifest.scope).toMatchObject({ kind: "period", from: today, to: today, title: `Blue team, ${today} – ${today}` });
    expect([...manifest.scope.sessionIds].sort()).toEqual([sessions.winter, sessions.dora, sessions.other].sort());
    expect(manifest.scenarios.map((s: { slug: string }) => s.slug).sort()).toEqual(["dora-major-ict-incident", "ransomware-survey-platform"]);

    const index = readJson(pack.bytes, "index.json");
    expect(index.sessions.map((s: { title: string }) => s.title)).toEqual(["Winter drill", "DORA drill", "Other drill"]);
    const names = Object.keys(entries(pack.bytes));
    for (const s of index.sessions) for (const f of ["aar.json", "decision-log.json", "attendance.json", "scenario.json"]) expect(names).toContain(`${s.folder}${f}`);
    // Clocks only where the scenario declares them.
    const [winterRow, doraRow, otherRow] = index.sessions;
    expect(names).toContain(`${doraRow.folder}clocks.json`);
    expect(names).not.toContain(`${winterRow.folder}clocks.json`);
    expect(readJson(pack.bytes, `${doraRow.folder}clocks.json`).teams[0]).toMatchObject({ teamName: "Blue team", withheld: false });
    expect(readJson(pack.bytes, `${doraRow.folder}clocks.json`).teams[0].clocks.length).toBeGreaterThan(0);
    // One PDF (READYROOM_EVIDENCE_PDFS=1): the most recent session's, and the index says so.
    expect(names.filter((n) => n.endsWith("aar.pdf"))).toEqual([`${otherRow.folder}aar.pdf`]);
    expect(index.pdfs).toMatchObject({ limit: 1, included: 1 });
    expect(index.pdfs.note).toContain("most recent");
    expect(Buffer.from(entries(pack.bytes)[`${otherRow.folder}aar.pdf`]).subarray(0, 5).toString()).toBe("%PDF-");
    // Ratings per capability, and what the pack shows per requirement.
    expect(winterRow.ratings.find((r: { capabilityId: string }) => r.capabilityId === "RS").teams).toEqual(
      expect.arrayContaining([expect.objectContaining({ team: "Blue team", final: expect.stringMatching(/^[PSMU]$/) })]),
    );
    const pci = index.requirements.find((r: { ref: string }) => r.ref === "12.10.2");
    expect(pci.statement).toContain(`plan tested on ${today}`);
    expect(pci.statement).toContain(`within 12 months of ${today}`);
    expect(pci.statement).not.toContain("NOT within");
    expect(Buffer.from(entries(pack.bytes)["README.txt"]).toString()).toContain(`PCI DSS v4.0 12.10.2: plan tested on ${today}`);
    // The team's improvement items with their history; controls.json maps the session folders.
    const item = readJson(pack.bytes, "improvements.json").items.find((i: { id: string }) => i.id === itemId);
    expect(item).toMatchObject({ teamName: "Blue team", status: "IN_PROGRESS", overdue: true });
    expect(item.history.map((h: { to: string }) => h.to)).toEqual(["OPEN", "IN_PROGRESS"]);
    const nis2 = readJson(pack.bytes, "controls.json").controls.find((c: { ref: string }) => c.ref.startsWith("Art. 21"));
    expect(nis2.files).toEqual(expect.arrayContaining(["sessions/*/aar.json", "sessions/*/clocks.json", "improvements.json"]));

    const good = await verify(pack.file);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`period "Blue team, ${today} – ${today}"`);
    expect(good.stdout).toMatch(/[1-9]\d* audit row\(s\) were in the instance's audit log/);
    const segment = readJson(pack.bytes, "audit-chain.json");
    // The rows about the improvement item of the winter drill are in full.
    expect(segment.links.some((l: { row?: { resourceId: string | null; detail?: { itemId?: string } } }) => l.row?.resourceId === sessions.winter && l.row.detail?.itemId === itemId)).toBe(true);

    // One byte of the DORA session's decision log changes: the verifier names that file.
    // The name appears in manifest.json first, then in the file's own ZIP header.
    const name = Buffer.from(`${doraRow.folder}decision-log.json`);
    const header = pack.bytes.indexOf(name, pack.bytes.indexOf(name) + 1);
    expect(header).toBeGreaterThan(0);
    const at = pack.bytes.indexOf(Buffer.from('"decidedAt"'), header);
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(pack.bytes);
    tampered[at + 2] ^= 0x01;
    const badFile = path.join(tmp, "tampered.zip");
    fs.writeFileSync(badFile, tampered);
    const bad = await verify(badFile);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${doraRow.folder}decision-log.json`);

    const exports = await world.prisma.auditLog.findMany({ where: { action: "export", detail: { path: ["report"], equals: "evidence-period" } } });
    expect(exports).toHaveLength(1);
    expect(exports[0].detail).toMatchObject({ teamIds: [blueTeamId], sessions: 3, periodStartAt: `${today}T00:00:00.000Z`, filterFields: ["from", "team", "to"] });
  });

  it("gives a facilitator only the sessions they run, and only their items", async () => {
    const own = await download(otherFacilitator, `team=${blueTeamId}&from=${today}&to=${today}`);
    expect(own.status).toBe(200);
    expect(readJson(own.bytes, "manifest.json").scope.sessionIds).toEqual([sessions.other]);
    expect(readJson(own.bytes, "improvements.json").items.map((i: { id: string }) => i.id)).not.toContain(itemId);
    expect((await verify(own.file)).code).toBe(0);
    // Every team, no dates: the facilitator's three sessions.
    const all = await download(facilitator, "");
    expect(all.status).toBe(200);
    expect([...readJson(all.bytes, "manifest.json").scope.sessionIds].sort()).toEqual([sessions.winter, sessions.dora, sessions.green].sort());
    expect(readJson(all.bytes, "index.json").period.teams).toEqual([]);
  });

  it("answers an empty period, bad input and roles without the permission clearly", async () => {
    const empty = await download(manager, `team=${blueTeamId}&from=2001-01-01&to=2001-12-31`);
    expect(empty.status).toBe(404);
    expect(errorOf(empty.bytes)).toMatchObject({ code: "EVIDENCE_EMPTY" });
    expect(errorOf(empty.bytes).message).toContain("Blue team, 2001-01-01 – 2001-12-31");

    const badDate = await download(manager, "from=2026-13-45");
    expect(badDate.status).toBe(400);
    expect(errorOf(badDate.bytes)).toMatchObject({ code: "INVALID_INPUT", path: "/from" });
    const reversed = await download(manager, "from=2026-05-01&to=2026-04-01");
    expect(errorOf(reversed.bytes)).toMatchObject({ code: "INVALID_INPUT", path: "/to" });
    const unknownTeam = await download(manager, "team=no-such-team");
    expect(unknownTeam.status).toBe(404);
    expect(errorOf(unknownTeam.bytes)).toMatchObject({ code: "TEAM_NOT_FOUND", path: "/team" });

    const participant = await download(employee, `team=${blueTeamId}`);
    expect(participant.status).toBe(403);
    expect(errorOf(participant.bytes)).toMatchObject({ code: "FORBIDDEN" });
    const anonymous = await download("", `team=${blueTeamId}`);
    expect(anonymous.status).toBe(401);
    // None of these refusals was recorded as an export.
    expect(await world.prisma.auditLog.count({ where: { action: "export", detail: { path: ["report"], equals: "evidence-period" } } })).toBe(3);
  });
});

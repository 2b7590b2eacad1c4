// The after-action report over HTTP against the real server: who may read, export and edit
// it, validation errors that name the field, overrides and findings with their audit rows,
// improvement items carried into the next session, small-group suppression, and the PDF
// checked by rendering it (pdfinfo, pdftotext and pdftoppm from poppler-utils).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedApp, tempDataDir, type AppHandle } from "../../helpers/app";
import { unique, uniqueEmail } from "../../helpers/unique";
import { ARTIFACTS } from "../../helpers/browser";
import { api, loginFacilitator } from "../../helpers/live";
import { proposeRating } from "@/lib/scoring";
import { createUser } from "../../helpers/app-db";
import { BEST, WORST, expectedReadiness, openWorld, type Choice } from "./aar-world";

const SLUG = "ransomware-survey-platform";
const PASSWORD = "correct-horse-battery-staple";
// On the project's shared server: this file's own organisation teams (their history and
// carried items are this file's only) and its own accounts.
const LODZ = unique("Zespół Łódź");
const IT_TEAM = unique("Bezpieczeństwo IT");
const BIG = unique("Duży zespół");
const SMALL = unique("Mały zespół");
const OTHER = uniqueEmail("other-facilitator");
const EMPLOYEE = uniqueEmail("employee");

/** Renders every page at low resolution as greyscale and returns the share of non-white pixels per page. */
function inkPerPage(pdfFile: string, outPrefix: string): number[] {
  execFileSync("pdftoppm", ["-r", "40", "-gray", pdfFile, outPrefix]);
  const dir = path.dirname(outPrefix);
  const pages = fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(outPrefix)) && f.endsWith(".pgm")).sort();
  return pages.map((f) => {
    const data = fs.readFileSync(path.join(dir, f));
    // P5 header: "P5\n<w> <h>\n<max>\n", then one byte per pixel.
    const header = data.subarray(0, 40).toString("latin1").match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
    const pixels = data.subarray(header[0].length);
    let ink = 0;
    for (const value of pixels) if (value < 200) ink++;
    return ink / pixels.length;
  });
}

describe("after-action report over HTTP", () => {
  let app: AppHandle;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let facilitator: string;
  let otherFacilitator: string;
  let manager: string;
  let admin: string;
  let participant: string;
  let first: { sessionId: string; teamIds: Map<string, string> };
  let second: { sessionId: string; teamIds: Map<string, string> };
  /** RS readiness and proposed rating of a team that always picks BEST or WORST, from the engine and lib/scoring. */
  let expectedRS: (choose: Choice) => { percent: number | null; rating: string | null };

  beforeAll(async () => {
    app = await sharedApp();
    world = await openWorld(app);
    // Straight into the app's database: the admin CLI's own test covers user:create, and a
    // CLI process per account cost seconds each here.
    await createUser(world.prisma, OTHER, "FACILITATOR", PASSWORD);
    await createUser(world.prisma, EMPLOYEE, "PARTICIPANT", PASSWORD);
    [facilitator, otherFacilitator, manager, admin, participant] = await Promise.all([
      loginFacilitator(app),
      loginFacilitator(app, OTHER, PASSWORD),
      loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
      loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN")),
      loginFacilitator(app, EMPLOYEE, PASSWORD),
    ]);
    const { doc } = await world.scenario(SLUG);
    expectedRS = (choose) => {
      const rs = expectedReadiness(doc, choose).capabilities.find((c) => c.capabilityId === "RS")!;
      return { percent: rs.percent, rating: proposeRating(rs.percent) };
    };
    const fac = await world.user("facilitator@readyroom.local");
    first = await world.play({
      facilitator: fac,
      slug: SLUG,
      title: "Spring drill",
      teams: [
        { name: LODZ, choose: WORST, voters: 3 },
        { name: IT_TEAM, choose: BEST, voters: 3 },
      ],
      note: "Zespół długo szukał właściciela systemu.",
    });
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await app?.stop();
  });

  const aar = (cookie: string, id = first.sessionId) => api(app, cookie, "GET", `/api/sessions/${id}/aar`);

  it("lets the session's facilitator, an admin and a manager read it; refuses others", async () => {
    for (const cookie of [facilitator, admin, manager]) expect((await aar(cookie)).status).toBe(200);
    expect(await aar(otherFacilitator)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await aar(participant)).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await fetch(`${app.url}/api/sessions/${first.sessionId}/aar`)).status).toBe(401);
    expect((await aar(facilitator, "no-such-session")).status).toBe(404);

    const report = (await aar(facilitator)).body;
    expect(report.overview).toMatchObject({ title: "Spring drill", status: "ENDED", participants: 6 });
    expect(report.overview.teams.map((t: { name: string }) => t.name)).toEqual([LODZ, IT_TEAM]);
    // The report shows what the engine and lib/scoring give for the choices the team made.
    // The highest-total option at each step is not the best for every capability (the scenario
    // trades RS against GV and legal duties), so RS sits between the two teams' extremes.
    const rs = report.capabilities.find((c: { id: string }) => c.id === "RS");
    const it = rs.teams.find((t: { teamName: string }) => t.teamName === IT_TEAM);
    const lodz = rs.teams.find((t: { teamName: string }) => t.teamName === LODZ);
    expect(it.readiness.percent).toBe(expectedRS(BEST).percent);
    expect(it.final).toBe(expectedRS(BEST).rating);
    expect(lodz.readiness.percent).toBe(expectedRS(WORST).percent);
    expect(lodz.final).toBe(expectedRS(WORST).rating);
    expect(it.readiness.percent).toBeGreaterThan(lodz.readiness.percent);
    expect(report.notes[0]).toMatchObject({ text: "Zespół długo szukał właściciela systemu.", teamName: LODZ });
    const timeline = report.teams[0].breakdown.value.timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === "decision").length).toBeGreaterThan(3);
    expect(timeline[0]).toMatchObject({ kind: "enter", nodeType: "inject" });
  });

  it("lets only the facilitator of the session (or an admin) edit; managers read only", async () => {
    const teamId = first.teamIds.get(LODZ)!;
    const override = { teamId, capabilityId: "RS", rating: "M", rationale: "Strong recovery in the hot wash." };
    const url = `/api/sessions/${first.sessionId}/aar`;
    for (const cookie of [manager, otherFacilitator, participant]) {
      expect((await api(app, cookie, "PUT", `${url}/ratings`, override)).status).toBe(403);
      expect((await api(app, cookie, "POST", `${url}/findings`, { capabilityId: "RS", kind: "STRENGTH", text: "x" })).status).toBe(403);
      expect((await api(app, cookie, "POST", `${url}/improvements`, { capabilityId: "RS", action: "x", owner: "y" })).status).toBe(403);
    }
    // The manager may still export.
    const pdf = await fetch(`${app.url}${url}/pdf`, { headers: { cookie: manager } });
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    // A cross-site write is refused before anything else.
    const crossSite = await fetch(`${app.url}${url}/ratings`, { method: "PUT", headers: { cookie: facilitator, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify(override) });
    expect(crossSite.status).toBe(403);
  });

  it("names the field at fault in validation errors and refuses oversized bodies", async () => {
    const url = `/api/sessions/${first.sessionId}/aar`;
    const teamId = first.teamIds.get(LODZ)!;
    const cases: Array<[string, string, unknown, string]> = [
      ["PUT", "ratings", { teamId, capabilityId: "RS", rating: "M", rationale: "   " }, "/rationale"],
      ["PUT", "ratings", { teamId, capabilityId: "RS", rating: "M" }, "/rationale"],
      ["PUT", "ratings", { teamId, capabilityId: "RS", rating: "X", rationale: "why" }, "/rating"],
      ["PUT", "ratings", { teamId, capabilityId: "NOPE", rating: "M", rationale: "why" }, "/capabilityId"],
      ["PUT", "ratings", { teamId: "someone-elses-team", capabilityId: "RS", rating: "M", rationale: "why" }, "/teamId"],
      ["POST", "findings", { capabilityId: "RS", kind: "STRENGTH", text: "a".repeat(2001) }, "/text"],
      ["POST", "findings", { capabilityId: "RS", kind: "PRAISE", text: "fine" }, "/kind"],
      ["POST", "improvements", { capabilityId: "RS", action: "Runbook", owner: "", teamId }, "/owner"],
      ["POST", "improvements", { capabilityId: "RS", action: "Runbook", owner: "CISO", dueDate: "2027-02-30" }, "/dueDate"],
      ["POST", "improvements", { capabilityId: "RS", action: "Runbook", owner: "CISO", colour: "red" }, "/colour"],
    ];
    for (const [method, route, body, pointer] of cases) {
      const r = await api(app, facilitator, method, `${url}/${route}`, body);
      expect(r.status, `${route} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(pointer);
    }
    const huge = await api(app, facilitator, "POST", `${url}/findings`, { capabilityId: "RS", kind: "STRENGTH", text: "a".repeat(40_000) });
    expect(huge.status).toBe(413);
    expect((await api(app, facilitator, "POST", `${url}/findings`, "{not json")).status).toBe(400);
  });

  it("overrides a rating with its rationale, keeps the proposal, and audits every change", async () => {
    const url = `/api/sessions/${first.sessionId}/aar`;
    const teamId = first.teamIds.get(LODZ)!;
    const saved = await api(app, facilitator, "PUT", `${url}/ratings`, { teamId, capabilityId: "RS", rating: "M", rationale: "Strong recovery in the hot wash." });
    expect(saved).toMatchObject({ status: 200, body: { proposed: "U", rating: "M" } });
    const strength = await api(app, facilitator, "POST", `${url}/findings`, { capabilityId: "RS", kind: "STRENGTH", text: "Isolated the hosts fast", teamId: null });
    expect(strength.status).toBe(201);
    expect((await api(app, facilitator, "PATCH", `${url}/findings/${strength.body.id}`, { text: "Isolated the hosts within minutes" })).status).toBe(200);
    const area = await api(app, admin, "POST", `${url}/findings`, { capabilityId: "RS", kind: "AREA_FOR_IMPROVEMENT", text: "Nobody owned the ransom call", teamId });
    expect(area.status).toBe(201);
    const gone = await api(app, facilitator, "POST", `${url}/findings`, { capabilityId: "GV", kind: "STRENGTH", text: "to be deleted" });
    expect((await api(app, facilitator, "DELETE", `${url}/findings/${gone.body.id}`)).status).toBe(200);
    expect((await api(app, facilitator, "DELETE", `${url}/findings/${gone.body.id}`)).status).toBe(404);

    const report = (await aar(manager)).body;
    const rs = report.capabilities.find((c: { id: string }) => c.id === "RS");
    const lodz = rs.teams.find((t: { teamName: string }) => t.teamName === LODZ);
    expect(lodz.rating.proposed).toBe("U");
    expect(lodz.final).toBe("M");
    expect(lodz.override).toMatchObject({ rating: "M", proposedThen: "U", rationale: "Strong recovery in the hot wash.", author: expect.any(String) });
    expect(rs.strengths.map((f: { text: string }) => f.text)).toEqual(["Isolated the hosts within minutes"]);
    expect(rs.areas[0]).toMatchObject({ text: "Nobody owned the ransom call", teamName: LODZ });
    expect(report.capabilities.find((c: { id: string }) => c.id === "GV").strengths).toEqual([]);

    const audits = await world.prisma.auditLog.findMany({ where: { resourceType: "report", resourceId: first.sessionId, action: { in: ["create", "modify", "delete"] } }, orderBy: { id: "asc" } });
    const changes = audits.map((a) => `${a.action}:${(a.detail as { change: string }).change}`);
    expect(changes).toEqual(["modify:rating-override", "create:finding", "modify:finding", "create:finding", "create:finding", "delete:finding"]);
    expect(audits[0].detail).toMatchObject({ change: "rating-override", fields: ["rating", "rationale"] });

    // Withdrawing brings the proposal back; the withdrawn rating stays in the audit log.
    expect((await api(app, facilitator, "DELETE", `${url}/ratings`, { teamId, capabilityId: "RS" })).status).toBe(200);
    const after = (await aar(facilitator)).body.capabilities.find((c: { id: string }) => c.id === "RS").teams.find((t: { teamName: string }) => t.teamName === LODZ);
    expect(after).toMatchObject({ final: "U", override: null });
    expect(await world.prisma.auditLog.count({ where: { resourceId: first.sessionId, detail: { path: ["change"], equals: "rating-override-withdrawn" } } })).toBe(1);
  });

  it("carries open improvement items into the team's next session on the capability and shows whether it improved", async () => {
    const teamId = first.teamIds.get(LODZ)!;
    const item = await api(app, facilitator, "POST", `/api/sessions/${first.sessionId}/aar/improvements`, { capabilityId: "RS", teamId, action: "Write and rehearse the isolation runbook", owner: "Head of IT", dueDate: "2027-01-15" });
    expect(item).toMatchObject({ status: 201, body: { status: "OPEN", dueDate: "2027-01-15" } });
    const closedEarly = await api(app, facilitator, "POST", `/api/sessions/${first.sessionId}/aar/improvements`, { capabilityId: "GV", teamId, action: "Already done", owner: "CEO", status: "DONE" });
    expect(closedEarly.body.closedAt).not.toBeNull();

    const fac = await world.user("facilitator@readyroom.local");
    second = await world.play({ facilitator: fac, slug: SLUG, title: "Autumn drill", teams: [{ name: LODZ, choose: BEST, voters: 3 }] });
    const report = (await aar(facilitator, second.sessionId)).body;
    expect(report.plan.items).toEqual([]);
    expect(report.plan.carried.map((p: { action: string }) => p.action)).toEqual(["Write and rehearse the isolation runbook"]);
    expect(report.plan.carried[0]).toMatchObject({ carried: true, teamName: LODZ, origin: { sessionId: first.sessionId, title: "Spring drill" } });
    const rs = report.capabilities.find((c: { id: string }) => c.id === "RS").teams[0];
    expect(rs.previous).toMatchObject({ sessionId: first.sessionId, title: "Spring drill", rating: expectedRS(WORST).rating, trend: "improved" });
    expect(rs.final).toBe(expectedRS(BEST).rating);

    // Closing the carried item from the later report keeps it listed there, as done.
    const closed = await api(app, facilitator, "PATCH", `/api/sessions/${second.sessionId}/aar/improvements/${item.body.id}`, { status: "DONE" });
    expect(closed).toMatchObject({ status: 200, body: { status: "DONE" } });
    expect(closed.body.closedAt).not.toBeNull();
    const again = (await aar(facilitator, second.sessionId)).body;
    expect(again.plan.carried.map((p: { status: string }) => p.status)).toEqual(["DONE"]);
    // An item of an earlier session is closed, not deleted; the first session still lists it as its own.
    expect((await api(app, facilitator, "DELETE", `/api/sessions/${second.sessionId}/aar/improvements/${item.body.id}`)).status).toBe(400);
    expect((await aar(facilitator)).body.plan.items.map((p: { action: string }) => p.action).sort()).toEqual(["Already done", "Write and rehearse the isolation runbook"]);
  }, 120_000);

  it("hides the breakdown of a team with fewer respondents than k in an anonymous session", async () => {
    const fac = await world.user("facilitator@readyroom.local");
    const anon = await world.play({
      facilitator: fac,
      slug: SLUG,
      title: "Anonymous drill",
      anonymous: true,
      teams: [
        { name: BIG, choose: BEST, voters: 3 },
        { name: SMALL, choose: WORST, voters: 1 },
      ],
    });
    const report = (await aar(manager, anon.sessionId)).body;
    const small = report.teams.find((t: { name: string }) => t.name === SMALL);
    expect(small.breakdown).toEqual({ suppressed: true, respondents: 1, minGroupSize: 3, reason: "small-group" });
    expect(report.teams.find((t: { name: string }) => t.name === BIG).breakdown.suppressed).toBe(false);
    expect(JSON.stringify(report.capabilities)).not.toContain(`"teamName":"${SMALL}","withheld":null`);
    const html = await fetch(`${app.url}/sessions/${anon.sessionId}/aar`, { headers: { cookie: manager } }).then((r) => r.text());
    expect(html).toContain("Hidden for privacy: 1 respondent, fewer than 3.");
  }, 120_000);

  it("exports a printable PDF in the reader's language, audited as an export", async () => {
    const dir = tempDataDir("rr-aar-pdf-");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const expectations = {
      pl: { headers: { cookie: `${facilitator}; NEXT_LOCALE=pl` }, titles: ["Przegląd ćwiczenia", "Gotowość według zdolności", "Analiza zdolności", "Przebieg", "Notatki prowadzącego", "Plan doskonalenia"] },
      en: { headers: { cookie: facilitator, "accept-language": "en-GB,en;q=0.9" }, titles: ["Exercise overview", "Readiness by capability", "Analysis of capabilities", "Timeline", "Facilitator notes", "Improvement plan"] },
    };
    for (const [locale, { headers, titles }] of Object.entries(expectations)) {
      const res = await fetch(`${app.url}/api/sessions/${first.sessionId}/aar/pdf`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="aar-Spring-drill\.pdf"/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const file = path.join(dir, `aar-${locale}.pdf`);
      fs.writeFileSync(file, bytes);

      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const title of titles) expect(text, `${locale}: ${title}`).toContain(title);
      for (const team of [LODZ, IT_TEAM]) expect(text).toContain(team);
      expect(text).toContain("Zespół długo szukał właściciela systemu.");
      expect(text).toContain(locale === "pl" ? `Strona 1 z ${pages}` : `Page 1 of ${pages}`);

      const ink = inkPerPage(file, path.join(dir, `page-${locale}`));
      expect(ink).toHaveLength(pages);
      for (const share of ink) expect(share).toBeGreaterThan(0.005);
      // Full-resolution pages for people to look at.
      execFileSync("pdftoppm", ["-r", "70", "-png", file, path.join(ARTIFACTS, `aar-pdf-${locale}`)]);
    }
    const exports = await world.prisma.auditLog.findMany({ where: { resourceType: "report", resourceId: first.sessionId, action: "export" } });
    expect(exports.map((e) => (e.detail as { locale: string }).locale)).toEqual(expect.arrayContaining(["pl", "en"]));
  }, 120_000);
});

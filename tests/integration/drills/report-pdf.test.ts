// The drill report's PDF over HTTP against the real server, in both languages: an A4 file named
// after the drill's title in ASCII, with the page's sections and figures, withheld below k
// exactly where the page withholds them (a two-person team, a wrong turn taken by two people),
// Polish letters intact, page 1 rendered to PNG for people to look at, the export audited, and
// refused to someone not signed in.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { ARTIFACTS } from "../../helpers/browser";
import { api, importFixture, loginFacilitator } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const HOUR = 3_600_000;
const messages = (locale: string) => JSON.parse(fs.readFileSync(path.join(ROOT, "messages", locale, "drillReport.json"), "utf8"));
/** pdftotext lays columns out with runs of spaces and breaks long lines: compare words with single spaces. */
const flat = (text: string) => text.replace(/\s+/g, " ");

type Choice = { contain: string; notify: string; why: string };
// Team A (3 people, = k) is shown; team B (2 people) is withheld. "Do not notify" is taken by 3
// people (reasoning shown), "Wait and see" by 2 (reasoning withheld).
const TEAM_A: Choice[] = [
  { contain: "isolate", notify: "yes", why: "Zgłaszamy, zegar biegnie." },
  { contain: "isolate", notify: "no", why: "Nikt nie dowiódł wycieku danych." },
  { contain: "isolate", notify: "no", why: "Najpierw zdanie działu prawnego." },
];
const TEAM_B: Choice[] = [
  { contain: "wait", notify: "no", why: "Łatwiej poczekać na śledczych." },
  { contain: "wait", notify: "yes", why: "Lepiej dmuchać na zimne." },
];

describe("a drill report's PDF", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let facilitator: string;
  let scenarioId: string;

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    facilitator = await loginFacilitator(app);
    scenarioId = await importFixture(app, facilitator, FIXTURE);
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
  });

  async function play(token: string, body: unknown) {
    const res = await fetch(`${app.url}/api/drill/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json();
  }
  async function playThrough(token: string, c: Choice) {
    await play(token, { type: "start" });
    await play(token, { type: "advance", nodeId: "alert", visit: 1 });
    await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: c.contain, confidence: 4 });
    await play(token, { type: "advance", nodeId: "update", visit: 1 });
    await play(token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: c.notify, confidence: 5, reasoning: c.why });
  }

  it("exports the closed drill's report in both languages, withheld below k as on the page, and audits it", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const [a, b] = await Promise.all(["Łódź", "Gdańsk"].map((n) => prisma.team.create({ data: { name: `Zespół ${n} ${tag}` } })));
    const created = await api(app, facilitator, "POST", "/api/drills", {
      scenarioId,
      title: `Ćwiczenie zażółć gęślą jaźń ${tag}`,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      invitees: [...TEAM_A.map((_, i) => ({ email: `pa${i}-${tag}@example.org`, teamId: a.id })), ...TEAM_B.map((_, i) => ({ email: `pb${i}-${tag}@example.org`, teamId: b.id }))],
      timerScale: null,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const tokens: string[] = created.body.links.map((l: { link: string }) => l.link.split("/drill/")[1]);
    for (const [i, c] of [...TEAM_A, ...TEAM_B].entries()) await playThrough(tokens[i], c);
    expect((await api(app, facilitator, "POST", `/api/drills/${id}/close`)).status).toBe(200);

    // The page's own figures, to hold the PDF to.
    const page = (await api(app, facilitator, "GET", `/api/drills/${id}/report`)).body;
    expect(page.teams.find((t: { teamId: string }) => t.teamId === b.id).calibration.suppressed).toBe(true);
    expect(page.wrongTurns.map((w: { optionId: string; reasoning: { suppressed: boolean } }) => [w.optionId, w.reasoning.suppressed])).toEqual([["no", false], ["wait", true]]);

    expect((await fetch(`${app.url}/api/drills/${id}/report/pdf`)).status).toBe(401);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-drill-pdf-"));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    try {
      const readers = { pl: { cookie: `${facilitator}; NEXT_LOCALE=pl` }, en: { cookie: facilitator, "accept-language": "en-GB,en;q=0.9" } };
      for (const [locale, headers] of Object.entries(readers)) {
        const t = messages(locale);
        const res = await fetch(`${app.url}/api/drills/${id}/report/pdf`, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/pdf");
        expect(res.headers.get("content-disposition")).toBe(`attachment; filename="drill-Cwiczenie-zazolc-gesla-jazn-${tag}.pdf"`);
        const file = path.join(dir, `drill-${locale}.pdf`);
        fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));

        const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
        expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
        const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
        const text = flat(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
        expect(text).toContain(`Ćwiczenie zażółć gęślą jaźń ${tag}`);
        for (const section of ["participation", "readiness", "calibration", "paths", "turns", "training"]) expect(text, `${locale}: ${section}`).toContain(t[section].heading);
        expect(text).toContain(locale === "pl" ? `Strona 1 z ${pages}` : `Page 1 of ${pages}`);
        expect(text).toContain(a.name);
        expect(text).toContain(b.name);
        // Withheld as on the page: team B's rows, and the reasoning behind "Wait and see".
        const withheld = t.withheld.replace("{k}", "3");
        expect(text.split(withheld).length - 1, `${locale}: withheld cells`).toBeGreaterThanOrEqual(1 + page.capabilities.length + 1);
        expect(text).toContain(t.turns.reasoningWithheld.replace("{k}", "3"));
        // The three reasons behind "Do not notify" (3 people) are quoted; no other reasoning is.
        for (const quote of [TEAM_A[1].why, TEAM_A[2].why, TEAM_B[0].why]) expect(text).toContain(quote);
        for (const hidden of [TEAM_A[0].why, TEAM_B[1].why]) expect(text).not.toContain(hidden);
        expect(text).not.toContain("@example.org");

        // Every page as a PNG for people to look at (Polish letters in the headings and the title).
        for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`drill-report-pdf-${locale}-`))) fs.rmSync(path.join(ARTIFACTS, old));
        execFileSync("pdftoppm", ["-r", "80", "-png", file, path.join(ARTIFACTS, `drill-report-pdf-${locale}`)]);
        const pngs = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`drill-report-pdf-${locale}-`) && f.endsWith(".png")).sort();
        expect(pngs, `${locale}: every page rendered`).toHaveLength(pages);
        expect(fs.statSync(path.join(ARTIFACTS, pngs[0])).size).toBeGreaterThan(20_000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const exports = await prisma.auditLog.findMany({ where: { resourceType: "report", resourceId: id, action: "export" } });
    expect(exports.map((e) => e.detail as { report: string; format: string; locale: string })).toEqual(expect.arrayContaining([
      expect.objectContaining({ report: "drill-aar", format: "pdf", locale: "pl" }),
      expect.objectContaining({ report: "drill-aar", format: "pdf", locale: "en" }),
    ]));
  }, 240_000);
});

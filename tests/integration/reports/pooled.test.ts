// The pooled view's suppression rules on real data. In the after-action report (played
// anonymous sessions, read over HTTP by a manager): no pool when exactly one team is hidden
// (the pool minus the shown team would reveal it) or when the hidden teams together stay below
// k; a pool when they reach k, with the figures of all teams summed; none in a named session.
// On the dashboard (seeded sessions, each database target): the same rule over organisation
// teams, each pooled cell equal to the sum of the teams' own sums.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sharedApp, type AppHandle } from "../../helpers/app";
import { unique } from "../../helpers/unique";
import { api, loginFacilitator } from "../../helpers/live";
import { DB_TARGETS } from "../../helpers/db";
import { readinessPercent } from "@/lib/scoring";
import { heatMap, heatMapCells } from "@/lib/reports/dashboard";
import { dashboardResults, resultsCsv } from "@/lib/reports/export";
import { EMPTY_FILTERS } from "@/lib/reports/filters";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";
import { BEST, WORST, expectedReadiness, openWorld, type Choice } from "./aar-world";

const SLUG = "ransomware-survey-platform";
const LABELS = { team: "All teams", overall: "Overall" };
type Pooled = { decision: { offered: boolean; reason?: string; withheldGroups: number; withheldRespondents: number }; overall: { shown: boolean; percent?: number } | null; capabilities: Array<{ id: string; figure: { shown: boolean; percent?: number; teams?: number } }> };

describe("the pooled view in the after-action report", () => {
  // On the project's shared server: the organisation teams carry this file's own suffix.
  const SUFFIX = unique("").trim();
  let app: AppHandle;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let manager: string;
  let pooledOf: (teams: Array<{ name: string; choose: Choice; voters: number }>, anonymous?: boolean) => Promise<{ pooled: Pooled | null; html: string; sessionId: string }>;
  /** The session's AAR PDF as text (kept in the temp folder as rr-pooled-<name>.pdf) and its CSV export, in a language. */
  const exportsOf = async (sessionId: string, name: string, lang: "en" | "pl") => {
    const headers = { cookie: manager, "accept-language": lang };
    const pdf = await fetch(`${app.url}/api/sessions/${sessionId}/aar/pdf`, { headers });
    expect(pdf.status).toBe(200);
    const file = path.join(os.tmpdir(), `rr-pooled-${name}-${lang}.pdf`);
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    const csv = await fetch(`${app.url}/api/reports/sessions/${sessionId}?format=csv`, { headers });
    expect(csv.status).toBe(200);
    return { pdf: text, csv: await csv.text() };
  };

  beforeAll(async () => {
    app = await sharedApp();
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    world = await openWorld(app);
    const fac = await world.user("facilitator@readyroom.local");
    let n = 0;
    pooledOf = async (teams, anonymous = true) => {
      const own = teams.map((t) => ({ ...t, name: `${t.name} ${SUFFIX}` }));
      const { sessionId } = await world.play({ facilitator: fac, slug: SLUG, title: `Pool ${++n}`, anonymous, teams: own });
      const res = await api(app, manager, "GET", `/api/sessions/${sessionId}/aar`);
      expect(res.status).toBe(200);
      const html = await fetch(`${app.url}/sessions/${sessionId}/aar`, { headers: { cookie: manager } }).then((r) => r.text());
      return { pooled: res.body.pooled, html, sessionId };
    };
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await app?.stop();
  });

  it("offers no pool when exactly one team is hidden: the pool minus the shown team would be that team", async () => {
    const { pooled, html, sessionId } = await pooledOf([
      { name: "Duży", choose: BEST, voters: 3 },
      { name: "Mały", choose: WORST, voters: 2 },
    ]);
    expect(pooled!.decision).toMatchObject({ offered: false, reason: "withheld-below-k", withheldGroups: 1, withheldRespondents: 2 });
    expect(pooled!.overall).toBeNull();
    expect(pooled!.capabilities).toEqual([]);
    expect(html).toContain("only one team is hidden");
    // The PDF says so too; the CSV has one pooled row, withheld with the reason, and no figure.
    const en = await exportsOf(sessionId, "refused", "en");
    expect(en.pdf).toContain("All teams together");
    expect(en.pdf.replace(/\s+/g, " ")).toContain("only one team is hidden");
    const pooledLines = en.csv.split("\r\n").filter((l) => l.startsWith("All teams (pooled),"));
    expect(pooledLines).toEqual(["All teams (pooled),,Overall readiness,overall,1,,,,,,,,false,pool-withheld-below-k"]);
  }, 180_000);

  it("offers no pool when the hidden teams together stay below k", async () => {
    const { pooled, html } = await pooledOf([
      { name: "Duży", choose: BEST, voters: 3 },
      { name: "Mały A", choose: WORST, voters: 1 },
      { name: "Mały B", choose: WORST, voters: 1 },
    ]);
    expect(pooled!.decision).toMatchObject({ offered: false, reason: "withheld-below-k", withheldGroups: 2, withheldRespondents: 2 });
    expect(pooled!.capabilities).toEqual([]);
    expect(html).toContain("together have 2 respondents, fewer than 3");
  }, 180_000);

  it("pools all teams when the hidden teams together reach k, with every team's points summed", async () => {
    const { pooled, html, sessionId } = await pooledOf([
      { name: "Duży", choose: BEST, voters: 3 },
      { name: "Mały A", choose: WORST, voters: 2 },
      { name: "Mały B", choose: BEST, voters: 1 },
    ]);
    expect(pooled!.decision).toMatchObject({ offered: true, withheldGroups: 2, withheldRespondents: 3 });
    const { doc } = await world.scenario(SLUG);
    const best = expectedReadiness(doc, BEST).capabilities.find((c) => c.capabilityId === "RS")!;
    const worst = expectedReadiness(doc, WORST).capabilities.find((c) => c.capabilityId === "RS")!;
    const expected = readinessPercent(2 * best.earned + worst.earned, 2 * best.best + worst.best, 2 * best.decisions + worst.decisions).percent;
    const rs = pooled!.capabilities.find((c) => c.id === "RS")!;
    expect(rs.figure).toMatchObject({ shown: true, teams: 3 });
    expect(rs.figure.percent).toBeCloseTo(expected!, 9);
    expect(pooled!.overall).toMatchObject({ shown: true });
    expect(html).toContain("All teams together");
    expect(html).toContain('data-testid="pooled-table"');

    // The same pool in the PDF and the CSV, in both languages.
    const en = await exportsOf(sessionId, "offered", "en");
    expect(en.pdf).toContain("All teams together");
    expect(en.pdf).toContain("Overall readiness, all teams:");
    const rsLine = en.csv.split("\r\n").find((l) => l.startsWith("All teams (pooled),") && l.includes(",RS,"))!;
    expect(rsLine, en.csv).toBeDefined();
    const cols = rsLine.split(",");
    expect(Number(cols[9])).toBeCloseTo(Math.round(expected! * 100) / 100, 6);
    expect(cols[13]).toBe("");
    expect(en.csv).toContain("All teams (pooled),,Overall readiness,overall,1,");
    const pl = await exportsOf(sessionId, "offered", "pl");
    expect(pl.pdf).toContain("Wszystkie zespoły razem");
    expect(pl.pdf).toContain("Ogólna gotowość, wszystkie zespoły:");
    expect(pl.csv).toContain("Wszystkie zespoły łącznie,,Gotowość ogólna,overall,1,");
  }, 180_000);

  it("pools when every team is hidden and together they reach k", async () => {
    const { pooled } = await pooledOf([
      { name: "Mały A", choose: WORST, voters: 2 },
      { name: "Mały B", choose: BEST, voters: 2 },
    ]);
    expect(pooled!.decision).toMatchObject({ offered: true, withheldGroups: 2, withheldRespondents: 4 });
    expect(pooled!.capabilities.length).toBeGreaterThan(0);
  }, 180_000);

  it("has no pooled view in a named session: nothing is hidden there", async () => {
    const { pooled, html } = await pooledOf([
      { name: "Duży", choose: BEST, voters: 3 },
      { name: "Mały", choose: WORST, voters: 1 },
    ], false);
    expect(pooled).toBeNull();
    expect(html).not.toContain('data-testid="pooled-view"');
  }, 180_000);
});

describe.each(DB_TARGETS)("the pooled view on the dashboard on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let seed: ReportSeed;
  const K = 3;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    // Four teams; the last has at most 2 voters per decision (a small group). Loaded in bulk and
    // the aggregates rebuilt (a fresh database); the tally rewrite below goes through the triggers.
    seed = await seedReports(prisma, { tag: "pool", sessions: 6, teams: 4, decisionsPerTeam: 4, start: new Date("2026-02-02T09:00:00Z"), spacingHours: 24, smallTeamVoters: 2, bulk: true });
  });
  afterAll(async () => close?.());

  it("refuses the pool while one organisation team is hidden", async () => {
    const map = await heatMap(prisma, { kind: "all" }, EMPTY_FILTERS, K);
    expect(map.teams.filter((t) => t.row.suppressed).map((t) => t.teamId)).toEqual([seed.teamIds[3]]);
    expect(map.pooled!.decision).toMatchObject({ offered: false, reason: "withheld-below-k", withheldGroups: 1 });
    expect(map.pooled!.capabilities).toEqual([]);
    const rows = await dashboardResults(prisma, { kind: "all" }, EMPTY_FILTERS, K, LABELS);
    expect(rows.filter((r) => r.teamId === null)).toEqual([expect.objectContaining({ team: "All teams", capabilityId: "overall", suppressed: true, reason: "pool-withheld-below-k", percent: null })]);
  }, 120_000);

  it("pools once a second hidden team brings the hidden respondents to k, each cell the sum of every team's", async () => {
    // Two voters on every decision of the third team (as an erasure would leave it): hidden too.
    await prisma.$executeRaw`update decisions set tally = '{"counts":{},"counted":2,"total":2}'::jsonb
      where session_team_id in (select id from session_teams where team_id = ${seed.teamIds[2]})`;
    const map = await heatMap(prisma, { kind: "all" }, EMPTY_FILTERS, K);
    expect(map.teams.filter((t) => t.row.suppressed).length).toBe(2);
    expect(map.pooled!.decision).toMatchObject({ offered: true, withheldGroups: 2 });
    expect(map.pooled!.decision.withheldRespondents).toBeGreaterThanOrEqual(K);
    const cells = await heatMapCells(prisma, { kind: "all" }, EMPTY_FILTERS, { source: "sessions" });
    expect(map.pooled!.capabilities.length).toBe(new Set(cells.map((c) => c.capabilityId)).size);
    const hiddenRows = new Set([seed.teamIds[2], seed.teamIds[3]]);
    let shown = 0;
    for (const cap of map.pooled!.capabilities) {
      const own = cells.filter((c) => c.capabilityId === cap.id && c.decisions > 0);
      // A capability's pool is shown when its hidden contributors (hidden rows, or cells below k) together reach k.
      const hidden = own.filter((c) => hiddenRows.has(c.teamId) || c.respondents < K);
      const hiddenPeople = hidden.reduce((s, c) => s + c.respondents, 0);
      if (hidden.length && hiddenPeople < K) {
        expect(cap.figure, cap.id).toMatchObject({ shown: false });
        continue;
      }
      shown++;
      const expected = readinessPercent(own.reduce((s, c) => s + c.earned, 0), own.reduce((s, c) => s + c.best, 0), own.reduce((s, c) => s + c.decisions, 0)).percent;
      expect(cap.figure, cap.id).toMatchObject({ shown: true, percent: expected, teams: own.length });
    }
    expect(shown).toBeGreaterThan(0);

    // The export carries the same pool after the teams' rows: overall, then each capability, withheld ones with the reason.
    const rows = await dashboardResults(prisma, { kind: "all" }, EMPTY_FILTERS, K, LABELS);
    const pooledRows = rows.filter((r) => r.teamId === null);
    expect(rows.slice(-pooledRows.length)).toEqual(pooledRows);
    expect(pooledRows[0]).toMatchObject({ team: "All teams", capabilityId: "overall", capability: "Overall", suppressed: false, percent: (map.pooled!.overall as { percent: number }).percent });
    expect(pooledRows.slice(1).map((r) => [r.capabilityId, r.suppressed ? r.reason : r.percent])).toEqual(
      map.pooled!.capabilities.map((c) => [c.id, c.figure.shown ? c.figure.percent : "pool-below-k"]),
    );
    expect(resultsCsv(rows)).toContain("All teams,,Overall,overall,");
  }, 120_000);
});

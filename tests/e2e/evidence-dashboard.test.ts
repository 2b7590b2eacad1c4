// The dashboard's evidence side in a real browser: a manager filters the dashboard to one team
// and today, sees that team's improvement items over time (open · overdue · verified, one item
// verified by a later exercise and one overdue), and "Export evidence" downloads the period's
// pack, which the offline verifier accepts. A period with no sessions says so on the page.
// Screenshots land in tests/artifacts/ (evidence-dashboard-*.png).
//
// Its own server, not the shared one: it runs with READYROOM_EVIDENCE_PDFS=1, so the period
// pack renders one AAR PDF instead of up to five.
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { tempDataDir, type RunningApp } from "../helpers/app";
import { DESKTOP, PHONE, recordProblems, screenshot, signInOn, startAppAndBrowser } from "../helpers/browser";
import { runScript } from "../helpers/cli";
import { api, loginFacilitator } from "../helpers/live";
import { BEST, WORST, openWorld } from "../integration/reports/aar-world";

describe("evidence on the dashboard", () => {
  let app: RunningApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let blueTeamId: string;
  const sessionIds: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const tmp = tempDataDir("rr-evidence-e2e-");

  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser({ env: { READYROOM_EVIDENCE_PDFS: "1" } });
    world = await openWorld(app);
    const fac = await world.user("facilitator@readyroom.local");
    const cookie = await loginFacilitator(app);
    const first = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Spring drill", teams: [{ name: "Blue team", choose: WORST, voters: 3 }] });
    const write = (action: string) =>
      api(app, cookie, "POST", `/api/sessions/${first.sessionId}/aar/improvements`, { capabilityId: "RS", teamId: first.teamIds.get("Blue team"), action, owner: "Head of IT", dueDate: "2020-01-31" });
    const fixed = await write("Rehearse the isolation runbook");
    expect((await write("Name a deputy incident lead")).status).toBe(201);
    const later = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Autumn drill", teams: [{ name: "Blue team", choose: BEST, voters: 3 }] });
    expect((await api(app, cookie, "PUT", `/api/sessions/${later.sessionId}/aar/ratings`, { teamId: later.teamIds.get("Blue team"), capabilityId: "RS", rating: "S", rationale: "Isolated the hosts by the runbook." })).status).toBe(200);
    expect((await api(app, cookie, "POST", `/api/improvements/${fixed.body.id}/verify`, { sessionId: later.sessionId })).status).toBe(200);
    sessionIds.push(first.sessionId, later.sessionId);
    blueTeamId = (await world.prisma.team.findFirstOrThrow({ where: { name: "Blue team" } })).id;
  }, 400_000);

  afterAll(async () => {
    await world?.close();
    await browser?.close();
    await app?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function managerPage(device: typeof DESKTOP | typeof PHONE, problems: string[]): Promise<Page> {
    const context = await browser.newContext({ ...device, acceptDownloads: true });
    const page = await context.newPage();
    recordProblems(page, `manager ${device.viewport.width}px`, problems);
    return signInOn(page, app.url, "manager@readyroom.local", app.demoPassword("MANAGER"));
  }

  it("shows the team's improvement trend and downloads the period's evidence pack, which verifies", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const page = await managerPage(DESKTOP, problems);
    await page.goto(`${app.url}/reports?team=${blueTeamId}&from=${today}&to=${today}`);
    const month = today.slice(0, 7);
    const cell = page.locator(`[data-testid=ledger-trend-row][data-team='Blue team'] td[data-month='${month}']`);
    await cell.waitFor();
    // open · overdue · verified at the end of this month.
    expect((await cell.innerText()).replace(/\s/g, "")).toBe("1·1·1");
    const evidence = page.locator("[data-testid=period-evidence]");
    expect(await evidence.innerText()).toContain(`Blue team, ${today} – ${today}`);
    await screenshot(page, "evidence-dashboard-desktop");

    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 180_000 }), page.click("[data-testid=export-period-evidence]")]);
    expect(download.suggestedFilename()).toBe(`evidence-Blue-team-${today}-${today}.zip`);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const manifest = JSON.parse(Buffer.from(unzipSync(new Uint8Array(fs.readFileSync(file)))["manifest.json"]).toString("utf8"));
    expect(manifest.scope).toMatchObject({ kind: "period", title: `Blue team, ${today} – ${today}` });
    expect([...manifest.scope.sessionIds].sort()).toEqual([...sessionIds].sort());
    const verdict = await runScript("scripts/evidence-verify.ts", [file], {});
    expect(verdict.stderr).toBe("");
    expect(verdict.code).toBe(0);
    expect(verdict.stdout).toContain("This pack proves");
    expect(await page.locator("[data-testid=export-period-evidence]").isEnabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("says on the page when the period has no session, and fits a phone", { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    const phone = await managerPage(PHONE, problems);
    await phone.goto(`${app.url}/reports?team=${blueTeamId}`);
    await phone.locator("[data-testid=ledger-trend]").waitFor();
    await screenshot(phone, "evidence-dashboard-phone");
    // The trend scrolls inside its own box and the evidence card fits the screen.
    for (const id of ["ledger-trend", "period-evidence"]) {
      const box = await phone.locator(`[data-testid=${id}]`).boundingBox();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(375);
    }
    await phone.locator("[data-testid=period-evidence]").screenshot({ path: `${process.cwd()}/tests/artifacts/evidence-dashboard-phone-export.png` });

    // A scenario filter the team never played: the heat map is empty, and the export says why.
    await phone.goto(`${app.url}/reports?team=${blueTeamId}&scenario=dora-major-ict-incident`);
    await phone.click("[data-testid=export-period-evidence]");
    const error = phone.locator("[data-testid=period-evidence-error]");
    await error.waitFor();
    expect(await error.innerText()).toContain("No finished exercise");
    await screenshot(phone, "evidence-dashboard-phone-empty");
    expect(problems.filter((p) => !p.includes("/api/evidence"))).toEqual([]);
  });
});

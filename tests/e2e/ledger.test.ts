// The improvement ledger in a real browser: a facilitator writes an improvement item in a
// session's AAR; the ledger lists it, overdue; a later session of the same team is rated S
// on the capability, its AAR proposes "verified by exercise", the facilitator confirms, and the
// ledger shows the item verified with a link to that session, and the dashboard's per-team
// trend (open · overdue · verified, /reports) counts it verified: on a desktop in English and on
// a 375 px phone in Polish. The evidence pack downloads from the AAR page. Screenshots land in
// tests/artifacts/ (ledger-*.png).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, recordProblems, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser, uniqueTag } from "../helpers/unique-e2e";
import { BEST, WORST, openWorld } from "../integration/reports/aar-world";

type Device = typeof DESKTOP | typeof PHONE;

async function signInAs(browser: Browser, app: AppHandle, email: string, role: "FACILITATOR" | "MANAGER", problems: string[], device: Device = { viewport: { width: 1360, height: 1000 } }, locale = "en-US"): Promise<Page> {
  // Signed in without the form (login.test.ts checks it); the caller opens the page it needs.
  const context = await browser.newContext({ ...device, locale, acceptDownloads: true });
  const page = await newSignedInPage(context, app, email, app.demoPassword(role));
  recordProblems(page, email, problems);
  return page;
}

// On the shared server: the team and the item carry a tag of this run, and every check reads
// them by that name, so other files' teams and items do not count.
const TAG = uniqueTag();
const TEAM = `Blue team ${TAG}`;
const ACTION = `Rehearse the isolation runbook ${TAG}`;

describe("improvement ledger in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof openWorld>>;

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    world = await openWorld(app);
  }, 400_000);

  afterAll(async () => {
    await world?.close();
    await browser?.close();
    await app?.stop();
  });

  it("item from an AAR → later session rates it S → proposed → confirmed → verified in the ledger and on the dashboard", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const fac = await world.user("facilitator@readyroom.local");
    const first = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Spring drill", teams: [{ name: TEAM, choose: WORST, voters: 3 }] });
    const page = await signInAs(browser, app, "facilitator@readyroom.local", "FACILITATOR", problems);

    await page.goto(`${app.url}/sessions/${first.sessionId}/aar`);
    const form = page.locator("[data-testid=aar-plan-form]");
    await form.locator("select[name=capabilityId]").selectOption("RS");
    await form.locator("select[name=teamId]").selectOption({ label: TEAM });
    await form.locator("input[name=action]").fill(ACTION);
    await form.locator("input[name=owner]").fill("Head of IT");
    await form.locator("input[name=dueDate]").fill("2020-01-31");
    await form.locator("[data-testid=aar-plan-save]").click();
    await page.locator("[data-testid=aar-plan] [data-testid=aar-plan-item]", { hasText: ACTION }).waitFor();

    // The evidence pack downloads from the same page. It renders the AAR's PDF, which waits its
    // turn behind the other files' PDFs on the shared server: as long as the AAR test allows one.
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 90_000 }), page.click("[data-testid=export-evidence]")]);
    expect(download.suggestedFilename()).toMatch(/^evidence-Spring-drill-\d{4}-\d{2}-\d{2}\.zip$/);
    await page.locator("[data-testid=evidence-panel]").screenshot({ path: `${process.cwd()}/tests/artifacts/ledger-evidence-panel.png` });

    // The ledger: the item is there and overdue.
    await page.goto(`${app.url}/improvements`);
    const row = page.locator("[data-testid=ledger-row]", { hasText: ACTION });
    await row.waitFor();
    expect(await row.getAttribute("data-overdue")).toBe("1");
    expect(await row.getAttribute("data-status")).toBe("OPEN");
    await screenshot(page, "ledger-open-overdue");

    // Creating the next session: the form suggests scenarios that exercise the team's open capability.
    await page.goto(`${app.url}/sessions/new`);
    const suggestion = page.locator(`[data-testid=scenario-suggestion][data-team='${TEAM}']`);
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain("RS");
    expect(await suggestion.locator("a").count()).toBeGreaterThan(0);
    await page.locator("[data-testid=scenario-suggestions]").screenshot({ path: `${process.cwd()}/tests/artifacts/ledger-suggestions.png` });

    // A later session of the same team plays well.
    const later = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Autumn drill", teams: [{ name: TEAM, choose: BEST, voters: 3 }] });
    await page.goto(`${app.url}/sessions/${later.sessionId}/aar`);
    expect(await page.locator("[data-testid=verification-proposal]").count()).toBe(0);
    // The evaluator rates the capability S after the hot wash.
    const rated = await page.evaluate(
      ([url, body]) => fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body }).then((r) => r.status),
      [`/api/sessions/${later.sessionId}/aar/ratings`, JSON.stringify({ teamId: later.teamIds.get(TEAM), capabilityId: "RS", rating: "S", rationale: "Isolated the hosts by the runbook." })],
    );
    expect(rated).toBe(200);
    await page.reload();
    const proposal = page.locator("[data-testid=verification-proposal]", { hasText: ACTION });
    await proposal.waitFor();
    expect(await proposal.innerText()).toMatch(/rated [PS]/);
    await page.locator("[data-testid=evidence-panel]").screenshot({ path: `${process.cwd()}/tests/artifacts/ledger-proposal.png` });
    await proposal.locator("[data-testid=confirm-verified]").click();
    await expect.poll(() => page.locator("[data-testid=verification-proposal]").count(), { timeout: 20_000 }).toBe(0);

    await page.goto(`${app.url}/improvements?status=VERIFIED`);
    const verified = page.locator("[data-testid=ledger-row]", { hasText: ACTION });
    await verified.waitFor();
    expect(await verified.getAttribute("data-status")).toBe("VERIFIED");
    expect(await verified.getAttribute("data-overdue")).toBe("0");
    expect(await verified.locator("[data-testid=ledger-verified-by]").getAttribute("href")).toBe(`/sessions/${later.sessionId}/aar`);
    // The trend: this month the team has one verified item.
    const month = new Date().toISOString().slice(0, 7);
    const cell = page.locator(`[data-testid=ledger-trend-row][data-team='${TEAM}'] td[data-month='${month}']`);
    expect((await cell.innerText()).replace(/\s/g, "")).toBe("0·0·1");
    await screenshot(page, "ledger-verified");

    // The dashboard: the team's trend this month counts the item verified, none open or overdue.
    const teamId = (await world.prisma.team.findFirstOrThrow({ where: { name: TEAM } })).id;
    await page.goto(`${app.url}/reports?team=${teamId}`);
    const dashCell = page.locator(`[data-testid=ledger-trend] [data-testid=ledger-trend-row][data-team='${TEAM}'] td[data-month='${month}']`);
    await dashCell.waitFor();
    expect((await dashCell.innerText()).replace(/\s/g, "")).toBe("0·0·1");
    expect(await dashCell.getAttribute("title")).toBe("0 open, 0 overdue, 1 verified");
    await page.locator("[data-testid=ledger-trend]").scrollIntoViewIfNeeded();
    await screenshot(page, "ledger-dashboard-verified");
    await page.locator("[data-testid=ledger-trend]").screenshot({ path: `${process.cwd()}/tests/artifacts/ledger-dashboard-trend.png` });

    // A manager reads the ledger (no editing controls), also on a phone.
    const mgr = await signInAs(browser, app, "manager@readyroom.local", "MANAGER", problems, PHONE);
    await mgr.goto(`${app.url}/improvements`);
    await mgr.locator("[data-testid=ledger-row]", { hasText: ACTION }).waitFor();
    expect(await mgr.locator("[data-testid=ledger-status-select]").count()).toBe(0);
    await screenshot(mgr, "ledger-manager-phone");

    // The same dashboard step in Polish on a 375 px phone, filtered to the team: verified, and the trend fits the screen.
    const pl = await signInAs(browser, app, "manager@readyroom.local", "MANAGER", problems, PHONE, "pl-PL");
    await pl.goto(`${app.url}/reports?team=${teamId}`);
    const trend = pl.locator("[data-testid=ledger-trend]");
    await trend.waitFor();
    expect(await trend.innerText()).toContain("Działania doskonalące według zespołów");
    const plCell = trend.locator(`[data-testid=ledger-trend-row][data-team='${TEAM}'] td[data-month='${month}']`);
    expect((await plCell.innerText()).replace(/\s/g, "")).toBe("0·0·1");
    expect(await plCell.getAttribute("title")).toBe("otwarte: 0, po terminie: 0, zweryfikowane: 1");
    const box = await trend.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await trend.scrollIntoViewIfNeeded();
    await screenshot(pl, "ledger-dashboard-phone-pl");
    await trend.screenshot({ path: `${process.cwd()}/tests/artifacts/ledger-dashboard-phone-pl-trend.png` });
    expect(problems).toEqual([]);
  });
});

// The Teams page and the new-session team picker in Chromium: a manager adds, renames, merges and
// archives teams; a facilitator picks a listed team with one click, types a new one (told it will
// be added), never sees archived teams, and the session runs with the teams picked. Screenshots on
// a desktop and a 375 px phone, checked for a page that scrolls sideways.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, type AppHandle } from "../helpers/app";
import { appDatabase } from "../helpers/app-db";
import { DESKTOP, PHONE, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser, uniqueTag } from "../helpers/unique-e2e";
import { api, importFixture, loginFacilitator } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
/** Each step waits on a request and a re-render: give it time on a busy machine (the default is 1 s). */
const POLL = { timeout: 15_000 };

// On the shared server every team name carries a tag of this run, so the checks (names that
// already exist, a merge's session count, the facilitator's chips, the audit trail) read only
// this file's teams.
const TAG = uniqueTag();
const [LEGAL, FINANCE, FIN, SECURITY_OPS, SECOPS] = ["Legal", "Finance", "Fin.", "Security Operations", "SecOps"].map((name) => `${name} ${TAG}`);

async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe("teams in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let prisma: PrismaClient;
  let scenarioId: string;
  const teamIds: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    prisma = appDatabase(app);
    const admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    scenarioId = await importFixture(app, admin, FIXTURE);
    // Two earlier teams, one of them with a session's history.
    for (const name of [LEGAL, FINANCE, FIN]) {
      const created = await api(app, admin, "POST", "/api/teams", { name });
      expect(created.status).toBe(201);
      teamIds.push(created.body.team.id);
    }
    const facilitator = await loginFacilitator(app);
    expect((await api(app, facilitator, "POST", "/api/sessions", { scenarioId, teams: [FIN] })).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await prisma?.$disconnect();
    await app?.stop();
  });

  async function open(size: typeof DESKTOP | typeof PHONE, email: string, password: string) {
    const context = await browser.newContext(size);
    contexts.push(context);
    // Signed in without the form (login.test.ts checks it), on the home page.
    const page = await newSignedInPage(context, app, email, password);
    await page.goto(`${app.url}/`);
    return page;
  }

  it("lets a manager add, rename, merge and archive teams", async () => {
    const page = await open(DESKTOP, "manager@readyroom.local", app.demoPassword("MANAGER"));
    await page.click("nav.nav a[href='/admin/teams']");
    await page.waitForSelector("[data-testid=teams-table]");

    await page.fill("[data-testid=new-team-name]", SECURITY_OPS);
    await page.click("[data-testid=new-team-form] button[type=submit]");
    await page.waitForSelector(`tr[data-team='${SECURITY_OPS}']`);
    // The same name again is refused with the server's reason.
    await page.fill("[data-testid=new-team-name]", LEGAL.toLowerCase());
    await page.click("[data-testid=new-team-form] button[type=submit]");
    await expect.poll(() => page.textContent("[data-testid=new-team-form] [role=alert]"), POLL).toContain("already exists");

    const row = (name: string) => page.locator(`tr[data-team="${name}"]`);
    await row(SECURITY_OPS).locator("[data-testid=team-rename]").click();
    await row(SECURITY_OPS).locator("[data-testid=team-rename-input]").fill(SECOPS);
    await row(SECURITY_OPS).locator("[data-testid=team-rename-save]").click();
    await page.waitForSelector(`tr[data-team='${SECOPS}']`);

    // Merge the duplicate "Fin." (with a session) into "Finance".
    await row(FIN).locator("[data-testid=team-merge]").click();
    await row(FIN).locator("[data-testid=team-merge-into]").selectOption({ label: FINANCE });
    await expect.poll(() => row(FIN).locator("[data-testid=team-merge-confirm]").textContent(), POLL).toContain(`move to ${FINANCE}`);
    await screenshot(page, "teams-merge-confirm");
    await row(FIN).locator("[data-testid=team-merge-confirm-button]").click();
    await page.waitForSelector(`tr[data-team='${FIN}']`, { state: "detached" });
    await expect.poll(() => row(FINANCE).locator("td").nth(1).textContent(), POLL).toBe("1");

    await row(SECOPS).locator("[data-testid=team-archive]").click();
    await expect.poll(() => row(SECOPS).locator("[data-testid=team-archive]").textContent(), POLL).toBe("Restore");
    await screenshot(page, "teams-page");
    expect(await scrollsSideways(page)).toBe(false);

    const secOps = await prisma.team.findUniqueOrThrow({ where: { name: SECOPS } });
    const audits = await prisma.auditLog.count({ where: { resourceType: "team", resourceId: { in: [secOps.id, ...teamIds] }, actorLabel: { contains: "manager@" } } });
    expect(audits).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it("shows the Teams page on a phone without sideways scrolling", async () => {
    const page = await open(PHONE, "admin@readyroom.local", app.demoPassword("ADMIN"));
    await page.goto(`${app.url}/admin/teams`);
    await page.waitForSelector("[data-testid=teams-table]");
    await screenshot(page, "teams-page-phone");
    expect(await scrollsSideways(page)).toBe(false);
  }, 60_000);

  for (const [size, label] of [[DESKTOP, "desktop"], [PHONE, "phone"]] as const) {
    it(`lets a facilitator pick listed teams or add a new one when starting a session (${label})`, async () => {
      const page = await open(size, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
      await page.goto(`${app.url}/sessions/new?scenario=${scenarioId}`);
      const chips = page.locator("[data-testid=team-chip]");
      await expect.poll(() => chips.allTextContents(), POLL).toEqual(expect.arrayContaining([FINANCE, LEGAL]));
      expect(await chips.allTextContents()).not.toContain(SECOPS); // archived
      await chips.filter({ hasText: LEGAL }).click();
      expect(await page.locator("[data-testid=team-name]").nth(0).inputValue()).toBe(LEGAL);
      await expect.poll(() => page.locator("[data-testid=team-status]").nth(0).getAttribute("data-kind"), POLL).toBe("listed");
      await page.click("[data-testid=add-team]");
      const newName = `Night shift ${label} ${TAG}`;
      await page.locator("[data-testid=team-name]").nth(1).fill(newName);
      await expect.poll(() => page.locator("[data-testid=team-status]").nth(1).getAttribute("data-kind"), POLL).toBe("new");
      expect(await chips.allTextContents()).not.toContain(LEGAL);
      await screenshot(page, `teams-new-session-${label}`);
      expect(await scrollsSideways(page)).toBe(false);

      await page.click("form.new-session button[type=submit]");
      await page.waitForURL((url) => /^\/sessions\/(?!new)[^/]+$/.test(url.pathname));
      const sessionId = new URL(page.url()).pathname.split("/")[2];
      const rows = await prisma.sessionTeam.findMany({ where: { sessionId }, orderBy: { position: "asc" }, include: { team: true } });
      const legal = await prisma.team.findUniqueOrThrow({ where: { name: LEGAL } });
      expect(rows.map((r) => [r.name, r.teamId === legal.id])).toEqual([[LEGAL, true], [newName, false]]);
      expect(rows[1].team?.name).toBe(newName);
    }, 120_000);
  }
});

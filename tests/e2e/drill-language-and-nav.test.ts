// In Chromium: "My drills" in the header (staff always, anyone else once invited), on one row
// at 1,280 px for a manager and without pushing the page sideways at 375 px; a drill invitation's page in
// the invitation's language whatever the browser's, with its language switch in the slim bar that replaces the site header,
// while an open link keeps the visitor's language; and the dashboard's Training gaps table
// inside its card on a 375 px phone. Screenshots go to tests/artifacts/.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, type RunningApp } from "../helpers/app";
import { appDatabase, createUser } from "../helpers/app-db";
import { DESKTOP, PHONE, screenshot, signIn, startAppAndBrowser } from "../helpers/browser";
import { seriousViolations } from "../helpers/axe";
import { api, importFixture, loginFacilitator } from "../helpers/live";
import { seedReports } from "../../scripts/bench/reports-seed";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const POLL = { timeout: 20_000 };
const HOUR = 3_600_000;

/** The page is no wider than the window (nothing sticks out sideways). */
const fitsWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
/** Distinct rows the header's navigation links sit on. */
const navRows = (page: Page) => page.$$eval("header nav a", (links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);

describe("drill navigation and languages in the browser", () => {
  let app: RunningApp;
  let browser: Browser;
  let prisma: PrismaClient;
  let facilitator: string;
  let scenarioId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser({ timeoutMs: 200_000 });
    prisma = appDatabase(app);
    facilitator = await loginFacilitator(app);
    scenarioId = await importFixture(app, facilitator, FIXTURE);
    await createUser(prisma, "pia@example.org", "PARTICIPANT");
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await prisma?.$disconnect();
    await browser?.close();
    await app?.stop();
  });

  async function context(options: Parameters<Browser["newContext"]>[0]) {
    const c = await browser.newContext(options);
    contexts.push(c);
    return c;
  }
  const createDrill = (extra: Record<string, unknown>) =>
    api(app, facilitator, "POST", "/api/drills", { scenarioId, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(), reminderDays: 0, ...extra });

  it("links My drills in the header for staff, and for a participant once invited, at 1,280 and 375 px", { timeout: 180_000 }, async () => {
    for (const [email, role] of [["admin@readyroom.local", "ADMIN"], ["manager@readyroom.local", "MANAGER"]] as const) {
      const page = await signIn(await context(DESKTOP), app.url, email, app.demoPassword(role));
      await page.goto(`${app.url}/`);
      await page.waitForSelector("header nav a[href='/drills/mine']", POLL);
      expect(await navRows(page)).toBe(1);
      await screenshot(page, `header-my-drills-${role.toLowerCase()}-desktop`);
    }
    // A participant with no drill has no such link; invited, they have it, and it leads to the list.
    const phone = await signIn(await context(PHONE), app.url, "pia@example.org", "correct horse battery");
    await phone.goto(`${app.url}/join`);
    await phone.waitForSelector("header nav", POLL);
    expect(await phone.$("header nav a[href='/drills/mine']")).toBeNull();
    expect((await createDrill({ title: "Header week", invitees: [{ email: "pia@example.org", locale: "en" }] })).status).toBe(201);
    await phone.reload();
    await phone.waitForSelector("header nav a[href='/drills/mine']", POLL);
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, "header-my-drills-participant-phone");
    await phone.click("header nav a[href='/drills/mine']");
    await phone.waitForSelector("text=Header week", POLL);

    const managerPhone = await signIn(await context(PHONE), app.url, "manager@readyroom.local", app.demoPassword("MANAGER"));
    await managerPhone.goto(`${app.url}/`);
    await managerPhone.waitForSelector("header nav a[href='/drills/mine']", POLL);
    expect(await fitsWidth(managerPhone)).toBe(true);
    await screenshot(managerPhone, "header-my-drills-manager-phone");
    // Polish labels it too.
    await managerPhone.context().addCookies([{ name: "NEXT_LOCALE", value: "pl", url: app.url }]);
    await managerPhone.reload();
    expect(await managerPhone.textContent("header nav a[href='/drills/mine']")).toBe("Moje ćwiczenia");
    expect(await fitsWidth(managerPhone)).toBe(true);
  });

  it("shows an invitation's page in the invitation's language, with a switch; an open link in the visitor's", { timeout: 180_000 }, async () => {
    const created = await createDrill({ title: "Tydzień phishingu", openLink: true, invitees: [{ email: "ola@example.org", locale: "pl" }] });
    expect(created.status).toBe(201);
    const olaLink: string = created.body.links[0].link;
    const openLink: string = created.body.openLink;

    // An English browser opens Ola's Polish invitation: the drill is in Polish.
    const page = await (await context({ ...PHONE, locale: "en-GB", extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } })).newPage();
    await page.goto(olaLink);
    await page.waitForSelector("text=Zaproszono cię do ćwiczenia", POLL);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("pl");
    // The whole page is. As on a live play page, the site header (navigation, "Sign in") is
    // left out: the drill's slim bar holds the one language switch and the privacy link.
    expect(await page.$("header nav")).toBeNull();
    expect(await page.$eval("[data-testid=locale-switcher]", (s) => (s as HTMLSelectElement).value)).toBe("pl");
    expect(await page.textContent("[data-testid=drill-bar] a[href='/privacy']")).toBe("Prywatność");
    expect(await page.$("[data-testid=drill-locale-switcher]")).toBeNull();
    // The drill's card starts within the first 80 px of a 375 px phone.
    expect(await page.$eval(".drill-card", (c) => Math.round(c.getBoundingClientRect().top))).toBeLessThan(80);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "drill-invitation-polish-phone");
    // The person switches to English: the drill follows, and stays so on the next visit.
    await page.selectOption("[data-testid=locale-switcher]", "en");
    await page.waitForSelector("text=You are invited to a drill", POLL);
    await page.goto(olaLink);
    await page.waitForSelector("text=You are invited to a drill", POLL);
    expect(await page.$eval("[data-testid=locale-switcher]", (s) => (s as HTMLSelectElement).value)).toBe("en");

    // The open link has no invitation: a Polish browser sees Polish, an English one English.
    const visitor = await (await context({ ...DESKTOP, locale: "pl-PL", extraHTTPHeaders: { "accept-language": "pl-PL,pl;q=0.9" } })).newPage();
    await visitor.goto(openLink);
    await visitor.waitForSelector("text=Zaproszono cię do ćwiczenia", POLL);
    expect(await visitor.$("[data-testid=drill-locale-switcher]")).toBeNull();
    expect(await visitor.$("header nav")).toBeNull();
    expect(await visitor.$eval("[data-testid=locale-switcher]", (s) => (s as HTMLSelectElement).value)).toBe("pl");
    expect(await seriousViolations(visitor)).toEqual([]);
    await screenshot(visitor, "drill-open-link-visitor-desktop");
  });

  it("keeps the dashboard's Training gaps table inside its card on a 375 px phone", { timeout: 240_000 }, async () => {
    await seedReports(prisma, { tag: "Gap", sessions: 8, teams: 3, decisionsPerTeam: 12, start: new Date("2026-01-05T09:00:00Z"), spacingHours: 60, bulk: true });
    const page = await signIn(await context(PHONE), app.url, "manager@readyroom.local", app.demoPassword("MANAGER"));
    await page.goto(`${app.url}/reports`);
    await page.waitForSelector("[data-testid=gap-ranking]", POLL);
    expect(await fitsWidth(page)).toBe(true);
    // The table scrolls inside its card when it is wider than the card.
    const [tableWidth, boxWidth, overflow] = await page.$eval("[data-testid=gap-ranking-scroll]", (box) => [box.scrollWidth, box.clientWidth, getComputedStyle(box).overflowX]);
    expect(overflow).toBe("auto");
    expect(tableWidth).toBeGreaterThanOrEqual(boxWidth);
    await page.$eval("[data-testid=gap-ranking]", (t) => t.scrollIntoView());
    await screenshot(page, "reports-gaps-phone");
  });
});

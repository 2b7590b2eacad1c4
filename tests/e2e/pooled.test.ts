// The pooled view in a real browser, as a manager reads it: on an anonymous session's
// after-action report where two hidden teams together reach k (shown), on one where a single
// team is hidden (refused, with the reason), and on the dashboard where teams are blank; in
// English at desktop width and in Polish on a phone. Screenshots: tests/artifacts/pooled-*.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import path from "node:path";
import { ARTIFACTS, DESKTOP, PHONE, recordProblems, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import type { AppHandle } from "../helpers/app";
import { sharedAppAndBrowser, uniqueTag } from "../helpers/unique-e2e";
import { BEST, WORST, openWorld } from "../integration/reports/aar-world";

const SLUG = "ransomware-survey-platform";
// On the shared server: the teams carry a tag of this run and the dashboard is filtered to
// them, so other files' sessions and teams do not count.
const TAG = uniqueTag();
const [SECURITY, LEGAL, COMMS, FINANCE] = ["Security", "Legal", "Comms", "Finance"].map((name) => `${name} ${TAG}`);

describe("the pooled view in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let pooledSession: string;
  let refusedSession: string;
  let teamFilter: string;
  const problems: string[] = [];

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    world = await openWorld(app);
    const fac = await world.user("facilitator@readyroom.local");
    ({ sessionId: pooledSession } = await world.play({
      facilitator: fac, slug: SLUG, title: "Anonymous drill, small teams", anonymous: true,
      teams: [{ name: SECURITY, choose: BEST, voters: 3 }, { name: LEGAL, choose: WORST, voters: 2 }, { name: COMMS, choose: BEST, voters: 1 }],
    }));
    ({ sessionId: refusedSession } = await world.play({
      facilitator: fac, slug: SLUG, title: "Anonymous drill, one small team", anonymous: true,
      teams: [{ name: SECURITY, choose: WORST, voters: 3 }, { name: FINANCE, choose: BEST, voters: 1 }],
    }));
    const teams = await world.prisma.team.findMany({ where: { name: { in: [SECURITY, LEGAL, COMMS, FINANCE] } }, select: { id: true } });
    expect(teams).toHaveLength(4);
    teamFilter = teams.map((t) => `team=${t.id}`).join("&");
  }, 300_000);

  afterAll(async () => {
    await world?.close();
    await browser?.close();
    await app?.stop();
  });

  async function managerPage(device: typeof DESKTOP | typeof PHONE, locale: "en" | "pl"): Promise<Page> {
    const context = await browser.newContext(device);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
    // Signed in without the form (login.test.ts checks it); the caller opens the page it needs.
    const page = await newSignedInPage(context, app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    recordProblems(page, `manager-${locale}`, problems);
    return page;
  }

  it("shows all teams together on the AAR when the hidden teams reach k, and says why not when one team is hidden", async () => {
    const page = await managerPage(DESKTOP, "en");
    await page.goto(`${app.url}/sessions/${pooledSession}/aar`);
    const pooled = page.getByTestId("pooled-view");
    await expect(pooled.getAttribute("data-offered")).resolves.toBe("true");
    await expect(pooled.getByRole("heading", { name: "All teams together" }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("pooled-percent").count()).toBeGreaterThan(0);
    await screenshot(page, "pooled-aar-desktop-en");
    await pooled.screenshot({ path: path.join(ARTIFACTS, "pooled-aar-section-desktop-en.png") });

    await page.goto(`${app.url}/sessions/${refusedSession}/aar`);
    await expect(page.getByTestId("pooled-view").getAttribute("data-offered")).resolves.toBe("false");
    await expect(page.getByTestId("pooled-refused").textContent()).resolves.toContain("only one team is hidden");
    expect(await page.getByTestId("pooled-percent").count()).toBe(0);
    await screenshot(page, "pooled-aar-refused-desktop-en");
    await page.getByTestId("pooled-view").screenshot({ path: path.join(ARTIFACTS, "pooled-aar-refused-section-desktop-en.png") });
    await page.context().close();
  }, 120_000);

  it("reads in Polish on a phone, on the AAR and on the dashboard", async () => {
    const page = await managerPage(PHONE, "pl");
    await page.goto(`${app.url}/sessions/${pooledSession}/aar`);
    await expect(page.getByTestId("pooled-view").getByRole("heading", { name: "Wszystkie zespoły razem" }).isVisible()).resolves.toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.getByTestId("pooled-view").screenshot({ path: path.join(ARTIFACTS, "pooled-aar-phone-pl.png") });

    // Dashboard, filtered to this file's teams: Legal (2), Comms (1) and Finance (1) are blank;
    // together 4 people, so the pool is shown.
    await page.goto(`${app.url}/reports?${teamFilter}`);
    const pooled = page.getByTestId("pooled-view");
    await expect(pooled.getAttribute("data-offered")).resolves.toBe("true");
    expect(await page.getByTestId("row-withheld").count()).toBe(3);
    await screenshot(page, "pooled-reports-phone-pl");
    await pooled.screenshot({ path: path.join(ARTIFACTS, "pooled-reports-section-phone-pl.png") });
    await page.context().close();
    expect(problems).toEqual([]);
  }, 120_000);
});

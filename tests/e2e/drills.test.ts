// A drill in Chromium: a facilitator invites three people (no SMTP: the links are shown and
// offered as CSV), one invitee opens the personal link on a 375 px phone, answers the first
// decision, leaves, resumes on a desktop with the same link, gives confidence and reasoning,
// finishes and reads the personal result; the facilitator's page shows the funnel. The other
// two finish, the facilitator closes the drill and opens its report on a desktop and a phone,
// in English and in Polish.
// Screenshots at 375 px and desktop, checked for a page that scrolls sideways.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, recordProblems, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";
import crypto from "node:crypto";
import { importFixture, loginFacilitator } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const POLL = { timeout: 20_000 };

async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe("a drill in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let scenarioId: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    scenarioId = await importFixture(app, await loginFacilitator(app), FIXTURE);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  async function context(size: typeof DESKTOP | typeof PHONE) {
    const c = await browser.newContext(size);
    contexts.push(c);
    return c;
  }

  it("invite three, play on a phone, resume on a desktop, finish, see the result and the funnel", async () => {
    const facilitator = await newSignedInPage(await context(DESKTOP), app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    await facilitator.goto(`${app.url}/drills/new?scenario=${scenarioId}`);
    await facilitator.fill("textarea[id^=group-text-]", "ana@example.org, Ana Nowak\nben@example.org\ncy@example.org, Cy");
    await screenshot(facilitator, "drill-new-desktop");
    await facilitator.click("[data-testid=new-drill] button[type=submit]");
    await facilitator.waitForSelector("[data-testid=drill-created]", POLL);
    expect(await facilitator.textContent("[data-testid=drill-created]")).toContain("E-mail sending is not configured");
    const links = await facilitator.$$eval("[data-testid=personal-links] code", (els) => els.map((e) => e.textContent ?? ""));
    expect(links).toHaveLength(3);
    await screenshot(facilitator, "drill-created-desktop");

    // Ana on her phone: the link, the welcome, the first inject and decision.
    const phone = await (await context(PHONE)).newPage();
    recordProblems(phone, "phone", problems);
    await phone.goto(links[0]);
    await phone.waitForSelector("text=You are invited to a drill", POLL);
    await screenshot(phone, "drill-welcome-phone");
    await phone.click("button:has-text('Start')");
    await phone.waitForSelector("[data-testid=drill-inject]", POLL);
    await phone.click("[data-testid=drill-inject] button");
    await phone.waitForSelector("[data-testid=drill-decision]", POLL);
    await phone.click("label.drill-option:has-text('Wait and see')");
    await phone.click(".confidence-scale label:has-text('4')");
    await screenshot(phone, "drill-decision-phone");
    expect(await scrollsSideways(phone)).toBe(false);
    await phone.click("[data-testid=drill-decision] button[type=submit]");
    await phone.waitForSelector("[data-testid=drill-inject] >> text=Legal calls", POLL);
    await phone.context().close();

    // She resumes on a desktop with the same link, and is where she left off.
    const desktop = await (await context(DESKTOP)).newPage();
    recordProblems(desktop, "desktop", problems);
    await desktop.goto(links[0]);
    await desktop.waitForSelector("[data-testid=drill-inject] >> text=Legal calls", POLL);
    await desktop.click("[data-testid=drill-inject] button");
    await desktop.waitForSelector("[data-testid=drill-decision] >> text=Notify the supervisory authority?", POLL);
    await desktop.click("label.drill-option:has-text('Notify within 72 hours')");
    await desktop.click(".confidence-scale label:has-text('2')");
    // Reasoning is required here: the form says so before sending.
    await desktop.click("[data-testid=drill-decision] button[type=submit]");
    await desktop.waitForSelector("[data-testid=drill-decision] [role=alert]", POLL);
    await desktop.fill("#drill-reasoning", "Personal data left the building, so the clock runs.");
    await screenshot(desktop, "drill-decision-desktop");
    await desktop.click("[data-testid=drill-decision] button[type=submit]");
    await desktop.waitForSelector("[data-testid=drill-result]", POLL);
    const result = await desktop.textContent("[data-testid=drill-result]");
    expect(result).toContain("Isolate the host");
    expect(result).toContain("Personal data left the building");
    expect(await desktop.$$eval("[data-testid=drill-training] li", (els) => els.map((e) => e.textContent))).toEqual(["Containing a compromised host"]);
    await screenshot(desktop, "drill-result-desktop");

    // The result on a phone, from the same link.
    const phone2 = await (await context(PHONE)).newPage();
    await phone2.goto(links[0]);
    await phone2.waitForSelector("[data-testid=drill-result]", POLL);
    expect(await scrollsSideways(phone2)).toBe(false);
    await screenshot(phone2, "drill-result-phone");

    // The facilitator's page: 3 invited, 1 opened, started and finished.
    await facilitator.click("a:has-text(\"Go to the drill's page\")");
    await facilitator.waitForSelector("[data-testid=drill-funnel]", POLL);
    const total = await facilitator.$$eval("[data-testid=drill-funnel] tbody tr:last-child td", (els) => els.map((e) => e.textContent));
    expect(total).toEqual(["3", "1", "1", "1"]);
    expect(await facilitator.isDisabled("[data-testid=send-reminder]")).toBe(true);
    await screenshot(facilitator, "drill-page-desktop");
    const phoneFacilitator = await newSignedInPage(await context(PHONE), app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    await phoneFacilitator.goto(facilitator.url());
    await phoneFacilitator.waitForSelector("[data-testid=drill-funnel]", POLL);
    await screenshot(phoneFacilitator, "drill-page-phone");

    // Ben and Cy finish too (over HTTP, as their browsers would), so the report has k = 3 people.
    for (const [link, notify] of [[links[1], "no"], [links[2], "no"]] as const) {
      const token = link.split("/drill/")[1];
      const post = (body: unknown) => fetch(`${app.url}/api/drill/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      await post({ type: "start" });
      await post({ type: "advance", nodeId: "alert", visit: 1 });
      await post({ type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 4 });
      await post({ type: "advance", nodeId: "update", visit: 1 });
      expect((await post({ type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: notify, confidence: 5, reasoning: "No proof that data left." })).status).toBe(200);
    }

    // The deadline step: the facilitator closes the drill and opens its report.
    facilitator.once("dialog", (d) => void d.accept());
    await facilitator.click("button:has-text('Close now')");
    await facilitator.waitForSelector("[data-testid=drill-phase] >> text=Closed", POLL);
    await facilitator.click("[data-testid=drill-report-link]");
    await facilitator.waitForSelector("[data-testid=drill-report-readiness]", POLL);
    const participation = await facilitator.$$eval("[data-testid=drill-report-participation] tr.drill-report-total td", (els) => els.map((e) => e.textContent));
    expect(participation).toEqual(["3", "3", "3", "3"]);
    expect(await facilitator.textContent("[data-testid=drill-report-turns]")).toContain("Do not notify");
    expect(await facilitator.textContent("[data-testid=drill-report-training]")).toContain("Breach notification clocks");
    await screenshot(facilitator, "drill-report-desktop");
    await phoneFacilitator.goto(facilitator.url());
    await phoneFacilitator.waitForSelector("[data-testid=drill-report-readiness]", POLL);
    expect(await scrollsSideways(phoneFacilitator)).toBe(false);
    await screenshot(phoneFacilitator, "drill-report-phone");
    for (const size of [DESKTOP, PHONE]) {
      const polish = await newSignedInPage(await context({ ...size, locale: "pl-PL" } as typeof DESKTOP), app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
      await polish.goto(facilitator.url());
      await polish.waitForSelector("[data-testid=drill-report-readiness]", POLL);
      expect(await polish.textContent("h1")).toContain("Raport z ćwiczenia");
      if (size === PHONE) expect(await scrollsSideways(polish)).toBe(false);
      await screenshot(polish, size === PHONE ? "drill-report-phone-pl" : "drill-report-desktop-pl");
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

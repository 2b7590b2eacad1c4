// Forms on a slow phone: a form arrives as HTML before its script. Until the script runs, a
// press would submit natively: the join form would reload and lose the name typed, and the
// login form would put the password in the address. So the join form's fields, and the login
// form's button, wait for the script, and what is typed once they open goes through. The
// page's scripts are held back 1.5 s here, as a slow phone on a busy network would see them.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { PHONE } from "../helpers/browser";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";
import { api, importFixture, loginFacilitator } from "../helpers/live";

const SCRIPT_DELAY_MS = 1_500;

describe("forms before their script has run", () => {
  let app: AppHandle;
  let browser: Browser;
  let code = "";
  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, path.join(ROOT, "tests", "fixtures", "scenarios", "live-drill.json"));
    const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: ["Legal", "IT"], anonymous: false });
    expect(created.status).toBe(201);
    code = (created.body as { joinCode: string }).joinCode;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function slowScripts() {
    const context = await browser.newContext({ ...PHONE, locale: "en-GB" });
    await context.route(/\/_next\/static\/chunks\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, SCRIPT_DELAY_MS));
      await route.continue();
    });
    return context;
  }

  it("keeps the join form's fields shut until the script runs, then joins with what was typed", async () => {
    const context = await slowScripts();
    const page = await context.newPage();
    await page.goto(`${app.url}/join?code=${code}`, { waitUntil: "commit" });
    await page.waitForSelector("[data-testid=join-session-form]");
    // The HTML is here and the script is not: nothing can be typed or pressed yet.
    expect(await page.getAttribute("[data-testid=join-session-form]", "aria-busy")).toBe("true");
    expect(await page.isDisabled("#display-name")).toBe(true);
    expect(await page.isDisabled("#join-team")).toBe(true);
    expect(await page.isDisabled("[data-testid=join-session-form] button[type=submit]")).toBe(true);

    // Playwright, like a person, waits for the fields to open before typing.
    await page.fill("#display-name", "Amara Okafor");
    await page.selectOption("#join-team", { label: "IT" });
    await page.click("[data-testid=join-session-form] button[type=submit]");
    await page.waitForURL(/\/play\//);
    await page.waitForSelector("[data-testid=lobby]");
    expect(await page.textContent("main")).toContain("Amara Okafor");
    await context.close();
  });

  it("never sends a password in the address: sign-in waits for the script, the fields can be filled at once", async () => {
    const context = await slowScripts();
    const page = await context.newPage();
    await page.goto(`${app.url}/login`, { waitUntil: "commit" });
    await page.waitForSelector("#password");
    // A password manager may fill the fields now; the button and Enter do nothing yet.
    await page.fill("#email", "facilitator@readyroom.local");
    await page.fill("#password", app.demoPassword("FACILITATOR"));
    expect(await page.isDisabled("button[type=submit]")).toBe(true);
    expect(await page.getAttribute("form", "aria-busy")).toBe("true");
    await page.press("#password", "Enter");
    await page.waitForTimeout(200);
    expect(page.url()).not.toContain("password");
    await page.click("button[type=submit]");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    expect(page.url()).not.toContain("password");
    expect(page.url()).not.toContain("email");
    await context.close();
  });
});

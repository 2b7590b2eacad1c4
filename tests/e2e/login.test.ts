// The login form in Chromium, on the shared server: a facilitator of this file's own (a unique
// e-mail) types a wrong password, then the right one, so no other file's sign-ins count
// against the same account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { screenshot } from "../helpers/browser";
import type { AppHandle } from "../helpers/app";
import { sharedAppAndBrowser, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";

describe("facilitator login in a real browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let facilitator: UniqueUser;
  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    facilitator = await uniqueUser(app, "FACILITATOR", "login", "Lena Login");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows a generic error for a wrong password, then signs in and sees the exercises home", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
    });
    const first = await page.goto(`${app.url}/`);
    expect(first?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await page.waitForURL(/\/login/);
    await screenshot(page, "login");
    await page.fill("#email", facilitator.email);
    await page.fill("#password", "definitely-wrong");
    await page.click("button[type=submit]");
    const error = page.locator(".alert.error");
    await error.waitFor();
    expect(await error.textContent()).toBe("The e-mail or password is incorrect.");

    await page.fill("#password", facilitator.password);
    await page.click("button[type=submit]");
    await page.waitForSelector("h1:has-text('Exercises')");
    expect(await page.textContent("[data-testid=current-user]")).toContain("Lena Login");
    await screenshot(page, "facilitator-home");
    // The app really works under its CSP: React hydrated (the sign-in above ran client code)
    // and the browser reported no blocked script, style or connection.
    expect(violations).toEqual([]);
  });
});

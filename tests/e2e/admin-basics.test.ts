// Admin basics and the scenario pages in Chromium, in English and Polish, on a desktop and a
// 375 px phone: an admin invites a person from the users page and the person opens the
// one-time link, sets a password and signs in; deactivating asks first, moves keyboard focus
// into the confirmation and back; a facilitator reaches API tokens through the settings
// menu; the audit log reads as sentences with chips; a scenario page leads with "Run this
// scenario"; the studio starts from a template and shows no errors for untouched fields.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, screenshot } from "../helpers/browser";
import { signedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser, uniqueTag, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";
import { importFixture, loginFacilitator } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/valid-minimal.json");
const POLL = { timeout: 20_000 };

// On the shared server: the invited person's e-mail carries a tag of this run, and the
// facilitator's pages (tokens, scenario, studio) are those of a facilitator of this file's own.
const INVITED = `maja.invited.${uniqueTag()}@example.org`;

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
/** The data-testid of the focused element, or of its closest ancestor that has one. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.closest("[data-testid]")?.getAttribute("data-testid") ?? null);

describe("admin basics and scenario pages in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let scenarioId: string;
  let facilitator: UniqueUser;
  const contexts: BrowserContext[] = [];
  const open = async (size: object, locale = "en-US") => {
    const context = await browser.newContext({ ...size, locale });
    contexts.push(context);
    return context;
  };
  /** A page signed in as `email` (without the login form, which login.test.ts checks), at `path`. */
  const openAs = async (email: string, password: string, size: object, locale = "en-US", path = "/") => {
    const page = await signedInPage(browser, app, email, password, { ...size, locale }, path);
    contexts.push(page.context());
    return page;
  };

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    const admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    scenarioId = await importFixture(app, admin, FIXTURE);
    facilitator = await uniqueUser(app, "FACILITATOR", "admin-basics-facilitator");
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it("invites a person whose one-time link sets a password they sign in with; the link works once", { timeout: 240_000 }, async () => {
    const page = await openAs("admin@readyroom.local", app.demoPassword("ADMIN"), DESKTOP);
    await page.click("[data-testid=settings-menu]");
    const links = await page.$$eval("[data-testid=settings-menu-list] a", (as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/settings/tokens", "/admin/privacy", "/admin/users", "/admin/teams", "/admin/erasure", "/admin/audit"]);
    await screenshot(page, "admin-settings-menu");
    await page.click("[data-testid=settings-link-users]");
    await page.waitForURL(/\/admin\/users$/);

    await page.click("[data-testid=invite-open]");
    await page.fill("[data-testid=invite-email]", INVITED);
    await page.fill("[data-testid=invite-name]", "Maja Invited");
    await page.selectOption("[data-testid=invite-role]", "FACILITATOR");
    await screenshot(page, "admin-invite-form");
    await page.click("[data-testid=invite-submit]");
    const url = await page.locator("[data-testid=setup-link-url]").inputValue({ timeout: 20_000 });
    expect(url).toMatch(/\/set-password#token=rrs_[A-Za-z0-9_-]{20,}$/);
    await page.locator(`tr[data-user="${INVITED}"]`).waitFor();
    await screenshot(page, "admin-invite-link");
    // The same e-mail again is refused, next to the field.
    await page.click("[data-testid=invite-open]");
    await page.fill("[data-testid=invite-email]", INVITED);
    await page.click("[data-testid=invite-submit]");
    await expect.poll(() => page.textContent("[data-testid=invite-form]"), POLL).toContain("already exists");

    // The invited person, on a phone, in Polish.
    const phone = await (await open(PHONE, "pl-PL")).newPage();
    await phone.goto(url);
    await phone.waitForSelector("[data-testid=set-password-form]");
    expect(await phone.textContent("h1")).toBe("Ustaw swoje hasło");
    await phone.fill("input[name=password]", "password123");
    await phone.fill("input[name=repeat]", "password123");
    await phone.click("[data-testid=set-password-form] button[type=submit]");
    await expect.poll(() => phone.textContent("[data-testid=set-password-problem]"), POLL).toContain("popularne");
    await phone.fill("input[name=password]", "amber tide walks the long pier");
    await phone.fill("input[name=repeat]", "amber tide walks the long pier");
    await screenshot(phone, "set-password-phone-pl");
    await phone.click("[data-testid=set-password-form] button[type=submit]");
    await phone.waitForSelector("[data-testid=set-password-done]");
    expect(phone.url()).not.toContain("token=");
    expect(await scrollsSideways(phone)).toBe(false);
    await phone.click("[data-testid=set-password-sign-in]");
    await phone.waitForURL(/\/login/);
    await phone.fill("#email", INVITED);
    await phone.fill("#password", "amber tide walks the long pier");
    await phone.click("button[type=submit]");
    await phone.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 30_000 });
    expect(await phone.textContent("[data-testid=current-user]")).toContain("Maja Invited");

    // The link is spent.
    const again = await (await open(DESKTOP)).newPage();
    await again.goto(url);
    await again.waitForSelector("[data-testid=set-password-form]");
    await again.fill("input[name=password]", "another long passphrase here ok");
    await again.fill("input[name=repeat]", "another long passphrase here ok");
    await again.click("[data-testid=set-password-form] button[type=submit]");
    await expect.poll(() => again.textContent("[data-testid=set-password-error]").catch(() => ""), POLL).toContain("already been used");

    // The audit log tells the story in sentences, with chips and the raw row folded away.
    await page.goto(`${app.url}/admin/audit`);
    await page.click("[data-testid=chip-resourceType-user]");
    await page.waitForURL(/resourceType=user/);
    const sentences = await page.locator("[data-testid=audit-sentence]").allInnerTexts();
    expect(sentences.some((s) => s.includes(`invited ${INVITED} with a one-time link`))).toBe(true);
    expect(sentences.some((s) => /Maja Invited set their password/.test(s))).toBe(true);
    const invitedRow = page.locator("tr", { hasText: `invited ${INVITED}` }).first();
    expect(await invitedRow.locator("[data-testid=audit-subject]").getAttribute("href")).toBe(`/admin/users?q=${encodeURIComponent(INVITED)}`);
    expect(await invitedRow.locator("details.audit-raw").getAttribute("open")).toBeNull();
    await invitedRow.locator("details.audit-raw summary").click();
    expect(await invitedRow.locator("details.audit-raw").innerText()).toContain('"via":"invite"');
    await screenshot(page, "admin-audit-sentences");
    const phoneAdmin = await openAs("admin@readyroom.local", app.demoPassword("ADMIN"), PHONE, "en-US", "/admin/audit");
    expect(await scrollsSideways(phoneAdmin)).toBe(false);
    await screenshot(phoneAdmin, "admin-audit-phone");
  });

  it("deactivates after a confirmation that takes keyboard focus and gives it back; the person can no longer sign in", { timeout: 180_000 }, async () => {
    const page = await openAs("admin@readyroom.local", app.demoPassword("ADMIN"), DESKTOP, "en-US", "/admin/users");
    const row = page.locator(`tr[data-user="${INVITED}"]`);
    const toggle = row.locator("[data-testid=user-toggle]");
    expect(await toggle.innerText()).toBe("Deactivate");

    await toggle.focus();
    await page.keyboard.press("Enter");
    await row.locator("[data-testid=user-deactivate-confirm]").waitFor();
    expect(await row.locator("[data-testid=user-deactivate-confirm]").innerText()).toContain("can no longer sign in");
    expect(await focused(page)).toBe("user-deactivate-confirm-cancel");
    await screenshot(page, "admin-deactivate-confirm");
    await page.keyboard.press("Escape");
    await row.locator("[data-testid=user-deactivate-confirm]").waitFor({ state: "detached" });
    expect(await focused(page)).toBe("user-toggle");

    await page.keyboard.press("Enter");
    await row.locator("[data-testid=user-deactivate-confirm-button]").click();
    await expect.poll(() => row.locator("td:nth-child(4)").innerText(), POLL).toBe("deactivated");
    await expect.poll(() => toggle.innerText(), POLL).toBe("Reactivate");
    expect(await focused(page)).toBe("user-toggle");

    const denied = await (await open(DESKTOP)).newPage();
    await denied.goto(`${app.url}/login`);
    await denied.fill("#email", INVITED);
    await denied.fill("#password", "amber tide walks the long pier");
    await denied.click("button[type=submit]");
    await expect.poll(() => denied.textContent("[role=alert]").catch(() => ""), POLL).toContain("incorrect");
  });

  it("takes a facilitator to API tokens through the settings menu, which offers only what the role may use", { timeout: 120_000 }, async () => {
    for (const [size, locale, label, shot] of [[DESKTOP, "en-US", "API tokens", "tokens-via-menu"], [PHONE, "pl-PL", "Tokeny API", "tokens-via-menu-phone-pl"]] as const) {
      const page = await openAs(facilitator.email, facilitator.password, size, locale);
      await page.click("[data-testid=settings-menu]");
      expect(await page.$$eval("[data-testid=settings-menu-list] a", (as) => as.map((a) => a.getAttribute("href")))).toEqual(["/settings/tokens"]);
      expect(await page.textContent("[data-testid=settings-link-tokens]")).toBe(label);
      await page.click("[data-testid=settings-link-tokens]");
      await page.waitForURL(/\/settings\/tokens$/);
      await page.fill("#token-name", `menu ${locale}`);
      await page.click("form button[type=submit]");
      await expect.poll(() => page.textContent("[data-testid=new-token]").catch(() => ""), POLL).toMatch(/^rr_/);
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, shot);
    }
    // A manager has no tokens: the menu offers teams only.
    const manager = await openAs("manager@readyroom.local", app.demoPassword("MANAGER"), DESKTOP);
    await manager.click("[data-testid=settings-menu]");
    expect(await manager.$$eval("[data-testid=settings-menu-list] a", (as) => as.map((a) => a.getAttribute("href")))).toEqual(["/admin/teams"]);
  });

  it("opens a scenario on what it is and how to run it, with the technical details folded away", { timeout: 180_000 }, async () => {
    for (const [size, locale, run, shot] of [[DESKTOP, "en-US", "Run this scenario", "scenario-landing"], [PHONE, "pl-PL", "Przeprowadź ten scenariusz", "scenario-landing-phone-pl"]] as const) {
      const page = await openAs(facilitator.email, facilitator.password, size, locale, `/scenarios/${scenarioId}`);
      await page.waitForSelector(".react-flow__node");
      expect(await page.textContent("[data-testid=run-scenario]")).toBe(run);
      expect(await page.locator("[data-testid=download-json]").isVisible()).toBe(false);
      expect(await page.getAttribute("[data-testid=technical-details]", "open")).toBeNull();
      expect(await page.textContent("[data-testid=scenario-opening]")).toContain("A researcher writes in");
      expect(await page.textContent("[data-testid=scenario-audience]")).toContain("Data protection officer");
      expect(await page.textContent("[data-testid=scenario-practises]")).toContain("NIST CSF 2.0 · Respond");
      // The branch is labelled by its condition, not "case 1".
      const labels = (await page.locator(".graph-edge-label").allTextContents()).join(" | ");
      expect(labels).not.toMatch(/case 1/);
      expect(labels).toContain(locale === "en-US" ? "if contained and hours elapsed ≤ 72" : "jeśli contained i hours elapsed ≤ 72");
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, shot);
      await page.click("[data-testid=scenario-more] summary");
      expect(await page.locator("[data-testid=download-json]").isVisible()).toBe(true);
      await screenshot(page, `${shot}-more`);
      await page.click("[data-testid=run-scenario]");
      await page.waitForURL(/\/sessions\/new\?scenario=/);
    }
  });

  it("starts a studio draft from a template, and a blank draft opens without errors until its fields are edited", { timeout: 240_000 }, async () => {
    const page = await openAs(facilitator.email, facilitator.password, { viewport: { width: 1440, height: 1000 } }, "en-US", "/studio");
    await page.waitForSelector("[data-testid=template-gallery]");
    await screenshot(page, "studio-template-gallery");
    await page.click("[data-testid=template-two-endings]");
    await page.waitForURL(/\/studio\/[^/]+$/);
    await page.waitForSelector("[data-testid=studio-node]");
    expect(await page.locator("[data-testid=studio-node]").count()).toBe(4);
    expect(await page.textContent("[data-testid=lint-summary]")).toContain("no problems");
    await screenshot(page, "studio-from-template");

    await page.goto(`${app.url}/studio`);
    await page.click("[data-testid=new-draft]");
    await page.waitForURL(/\/studio\/[^/]+$/);
    await page.waitForSelector("[data-testid=studio-canvas] .react-flow__renderer");
    expect(await page.locator("[data-testid=finding]").count()).toBe(0);
    expect(Number(await page.getAttribute("[data-testid=findings-hidden]", "data-count"))).toBeGreaterThan(2);
    await screenshot(page, "studio-blank-untouched");
    // Clearing the summary touches it: now its problem shows, and only that one.
    await page.fill('[data-pointer="/summary"] textarea', "x");
    await page.fill('[data-pointer="/summary"] textarea', "");
    await expect.poll(() => page.$$eval("[data-testid=finding]", (f) => f.map((x) => x.getAttribute("data-pointer"))), POLL).toEqual(["/summary"]);

    // In the JSON tab, a finding puts the cursor on its line.
    await page.click("[data-testid=findings-show-all]");
    await page.click("[data-testid=tab-json]");
    await page.waitForSelector(".cm-content");
    await page.click('[data-testid=finding][data-pointer="/title"]');
    const expected = (await page.locator(".cm-line").allInnerTexts()).findIndex((l) => l.includes('"title"')) + 1;
    await expect.poll(() => page.getAttribute("[data-testid=json-cursor-line]", "data-line"), POLL).toBe(String(expected));
    const cursorLine = await page.evaluate(() => {
      const active = document.querySelector(".cm-activeLine");
      return active ? Array.from(document.querySelectorAll(".cm-line")).indexOf(active) + 1 : -1;
    });
    expect(cursorLine).toBe(expected);
    await screenshot(page, "studio-json-finding-cursor");
  });
});

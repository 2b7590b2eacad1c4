// The interface in Polish and English in real browsers: a participant flow in Polish
// (browser language pl-PL), the session's default language for a browser in neither
// language, the notice when the scenario's language differs, the switcher persisting
// across reloads, and screenshots of each step in both languages on a desktop and a
// 375 px phone, checked for text that overflows its box.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { screenshot } from "../helpers/browser";
import { signedInContext } from "../helpers/e2e-auth";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";

const SCENARIO = "social-media-account-takeover"; // English content, starts with an inject, then a decision
// The catalogue lists one entry per scenario (an original with its translations).
const library = fs
  .readdirSync(path.join(ROOT, "scenarios"))
  .filter((f) => f.endsWith(".json") && f !== "scenario.schema.json")
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, "scenarios", f), "utf8")) as { id: string; locale?: string; translationOf?: string });
const entries = new Map<string, string[]>();
for (const d of library) entries.set(d.translationOf ?? d.id, [...(entries.get(d.translationOf ?? d.id) ?? []), d.locale ?? "en"]);
const polishEntries = [...entries.values()].filter((locales) => locales.includes("pl")).length;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Elements whose text sticks out of their own box, and whether the page scrolls sideways. */
async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
    const selector = "button, .btn, .badge, label, h1, h2, h3, .node-kicker, .conn, .alert, dt, dd, .vote-label, select, .save-state, .countdown";
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if ((!el.offsetParent && getComputedStyle(el).position !== "fixed") || el.closest(".sr-only, .visually-hidden")) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "auto") problems.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent?.trim().slice(0, 60)}" needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
      const box = el.getBoundingClientRect();
      if (box.right > window.innerWidth + 1) problems.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent?.trim().slice(0, 60)}" ends at ${Math.round(box.right)}px`);
    }
    return problems;
  });
}

async function shoot(page: Page, name: string) {
  await screenshot(page, name);
  expect(await overflowProblems(page), name).toEqual([]);
}

async function joinAs(context: BrowserContext, url: string, code: string, name: string, team: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/join`);
  await page.fill("#code", code);
  await page.click("form[action='/join'] button[type=submit]");
  await page.waitForSelector("[data-testid=join-session-form]");
  await page.fill("#display-name", name);
  await page.selectOption("#join-team", { label: team });
  await page.click("[data-testid=join-session-form] button[type=submit]");
  await page.waitForURL(/\/play\//);
  await page.waitForSelector("[data-testid=lobby]");
  return page;
}

describe("interface languages in real browsers", () => {
  let app: AppHandle;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("runs the participant flow in Polish, honours the session default and keeps the switcher's choice", { timeout: 300_000 }, async () => {
    // ---- an English facilitator creates a session whose participants default to Polish
    // Signed in without the form (login.test.ts checks it).
    const facContext = await signedInContext(browser, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"), { ...DESKTOP, locale: "en-US" });
    const fac = await facContext.newPage();
    fac.on("dialog", (d) => void d.accept());
    await fac.goto(`${app.url}/sessions/new?scenario=${SCENARIO}`);
    await fac.waitForSelector("[data-testid=scenario-pick]");
    expect(await fac.inputValue("#session-locale")).toBe("en"); // follows the scenario's language
    await fac.selectOption("#session-locale", "pl");
    await fac.fill("#title", "Ćwiczenie: przejęcie konta");
    await fac.locator("[data-testid=team-name]").nth(0).fill("Dział prawny");
    await fac.click("[data-testid=add-team]");
    await fac.locator("[data-testid=team-name]").nth(1).fill("IT");
    await fac.click("button[type=submit]:has-text('Create session')");
    await fac.waitForURL((u) => /^\/sessions\/(?!new)[^/]+$/.test(u.pathname));
    const code = (await fac.textContent("[data-testid=join-code]"))!.trim();
    expect(await fac.textContent("[data-testid=session-locale]")).toBe("Participants’ default language: Polish");
    expect(await fac.locator("[data-testid=content-language]").count()).toBe(0); // English UI, English scenario

    // ---- Polish browsers: the interface is Polish, with a notice that the content is English
    const plDesktop = await browser.newContext({ ...DESKTOP, locale: "pl-PL" });
    const plPhone = await browser.newContext({ ...PHONE, locale: "pl-PL" });
    const joinPage = await plPhone.newPage();
    await joinPage.goto(`${app.url}/join`);
    expect(await joinPage.getAttribute("html", "lang")).toBe("pl");
    expect(await joinPage.textContent("h1")).toBe("Dołącz do sesji");
    await joinPage.fill("#code", "ZZZZ-ZZZZ");
    await joinPage.click("form[action='/join'] button[type=submit]");
    expect(await joinPage.textContent(".alert.error")).toBe("Żadna sesja nie używa tego kodu. Sprawdź go u prowadzącego.");
    await joinPage.fill("#code", code);
    await joinPage.click("form[action='/join'] button[type=submit]");
    await joinPage.waitForSelector("[data-testid=join-session-form]");
    expect(await joinPage.textContent("[data-testid=content-language]")).toContain("Treść tego ćwiczenia jest w języku angielskim.");
    await joinPage.click("[data-testid=join-session-form] button[type=submit]");
    expect(await joinPage.textContent("[data-testid=join-session-form] .alert.error")).toBe("Wpisz imię, które zobaczy Twój zespół.");
    await shoot(joinPage, "i18n-pl-join-phone");
    await joinPage.close();

    const zofia = await joinAs(plDesktop, app.url, code, "Zofia Wiśniewska", "Dział prawny");
    const lukasz = await joinAs(plPhone, app.url, code, "Łukasz Żółćkiewicz", "Dział prawny");
    for (const page of [zofia, lukasz]) {
      expect(await page.textContent("[data-testid=lobby] h2")).toBe("Jesteś w ćwiczeniu");
      expect(await page.textContent("[data-testid=content-language]")).toContain("w języku angielskim");
      expect(await page.getAttribute("main.play", "lang")).toBe("pl");
    }
    await shoot(zofia, "i18n-pl-lobby-desktop");
    await shoot(lukasz, "i18n-pl-lobby-phone");

    // ---- an English browser in the same session: English interface, no notice
    const enDesktop = await browser.newContext({ ...DESKTOP, locale: "en-US" });
    const enPhone = await browser.newContext({ ...PHONE, locale: "en-US" });
    const emma = await joinAs(enDesktop, app.url, code, "Emma Stone", "IT");
    const oliver = await joinAs(enPhone, app.url, code, "Oliver Twist", "IT");
    expect(await emma.textContent("[data-testid=lobby] h2")).toBe("You’re in");
    expect(await emma.locator("[data-testid=content-language]").count()).toBe(0);

    // ---- a browser in neither language gets the session's default (Polish)
    const deContext = await browser.newContext({ ...DESKTOP, locale: "de-DE" });
    const german = await deContext.newPage();
    await german.goto(`${app.url}/join?code=${code}`);
    await german.waitForSelector("[data-testid=join-session-form]");
    expect(await german.textContent("[data-testid=join-session-form] button[type=submit]")).toBe("Dołącz do ćwiczenia");
    expect(await german.getAttribute("main", "lang")).toBe("pl");
    await german.waitForFunction(() => document.documentElement.lang === "pl");
    await deContext.close();

    // ---- the facilitator switches the console to Polish
    await fac.waitForFunction(() => document.querySelector("[data-testid=roster-count]")?.textContent === "4 joined · 4 online");
    await fac.selectOption("[data-testid=locale-switcher]", "pl");
    await fac.waitForSelector("[data-testid=session-status]:has-text('Poczekalnia')");
    expect(await fac.textContent("[data-testid=roster-count]")).toBe("Dołączyło: 4 · online: 4");
    expect(await fac.textContent("[data-testid=content-language]")).toContain("w języku angielskim");
    await shoot(fac, "i18n-pl-console-lobby");

    // ---- the inject: Polish chrome around English content; answers are confirmed in Polish
    await fac.click("[data-testid=start]");
    // Teams below k = 3: Start warns with the reasons, and starts after confirming.
    await fac.click("[data-testid=start-anyway]");
    await fac.waitForSelector("[data-testid=session-status]:has-text('W toku')");
    const players = [zofia, lukasz, emma, oliver];
    for (const page of players) await page.waitForSelector("[data-testid=inject]");
    expect(await zofia.textContent("[data-testid=inject] .node-kicker")).toBe("Nowe informacje");
    expect(await zofia.getAttribute("[data-testid=inject] .inject-title", "lang")).toBe("en"); // the scenario's text keeps its language
    expect(await emma.textContent("[data-testid=inject] .node-kicker")).toBe("New information");
    const answer = zofia.locator("[data-testid=questions] textarea").first();
    if (await answer.count()) {
      await answer.fill("Najpierw zabezpieczamy konto i powiadamiamy IOD.");
      await zofia.locator("[data-testid=questions] button[type=submit]").first().click();
      expect(await zofia.locator("[data-testid=answer-saved]").first().textContent()).toBe("Zapisano ✓");
    }
    const scale = lukasz.locator("[data-testid=questions] [role=radio]");
    if (await scale.count()) {
      await scale.nth(3).click();
      await lukasz.locator("[data-testid=answer-saved]").first().waitFor();
    }
    await shoot(zofia, "i18n-pl-inject-desktop");
    await shoot(lukasz, "i18n-pl-inject-phone");
    await shoot(emma, "i18n-en-inject-desktop");
    await shoot(oliver, "i18n-en-inject-phone");

    // ---- advance both teams to their decision and vote
    for (const team of ["Dział prawny", "IT"]) {
      const card = fac.locator(`[data-testid=team-card][data-team="${team}"]`);
      for (let i = 0; i < 5 && (await card.getAttribute("data-node-type")) === "inject"; i++) {
        const before = await card.getAttribute("data-node-key");
        await card.locator("[data-testid=advance]").click();
        await fac.waitForFunction(([sel, key]) => document.querySelector(sel)?.getAttribute("data-node-key") !== key, [`[data-testid=team-card][data-team="${team}"]`, before] as const);
      }
      expect(await card.getAttribute("data-node-type")).toBe("decision");
    }
    for (const page of players) {
      await page.waitForSelector("[data-testid=decision]");
      await page.locator(".vote-option:not([disabled])").first().click();
      await page.waitForSelector("[data-testid=vote-saved]");
    }
    expect(await zofia.textContent("[data-testid=vote-saved]")).toContain("Twój głos został zapisany.");
    expect(await zofia.textContent("[data-testid=decision] .node-kicker")).toBe("Decyzja");
    expect(await emma.textContent("[data-testid=vote-saved]")).toContain("Your vote is saved.");
    await fac.waitForFunction(() => [...document.querySelectorAll("[data-testid=tally-count]")].reduce((s, e) => s + Number(e.textContent), 0) === 4);
    await shoot(zofia, "i18n-pl-decision-desktop");
    await shoot(lukasz, "i18n-pl-decision-phone");
    await shoot(emma, "i18n-en-decision-desktop");
    await shoot(oliver, "i18n-en-decision-phone");
    await shoot(fac, "i18n-pl-console-decision");

    // ---- the switcher in the participant view, on the phone: English, kept across reloads
    await lukasz.selectOption("[data-testid=locale-switcher]", "en");
    await lukasz.waitForSelector("[data-testid=decision] .node-kicker:has-text('Decision')");
    expect(await lukasz.textContent("[data-testid=vote-saved]")).toContain("Your vote is saved.");
    await lukasz.reload();
    await lukasz.waitForSelector("[data-testid=vote-saved]");
    expect(await lukasz.textContent("[data-testid=decision] .node-kicker")).toBe("Decision");
    expect(await lukasz.getAttribute("html", "lang")).toBe("en");
    expect(await lukasz.inputValue("[data-testid=locale-switcher]")).toBe("en");
    expect((await plPhone.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");
    // ...and back to Polish.
    await lukasz.selectOption("[data-testid=locale-switcher]", "pl");
    await lukasz.waitForSelector("[data-testid=decision] .node-kicker:has-text('Decyzja')");
    await lukasz.reload();
    await lukasz.waitForSelector("[data-testid=vote-saved]");
    expect(await lukasz.textContent("[data-testid=vote-saved]")).toContain("Twój głos został zapisany.");

    // ---- a phone with an English browser can switch to Polish too
    await oliver.selectOption("[data-testid=locale-switcher]", "pl");
    await oliver.waitForSelector("[data-testid=decision] .node-kicker:has-text('Decyzja')");
    await shoot(oliver, "i18n-pl-decision-phone-switched");

    // ---- the catalogue in Polish: language names translated, the filter still works on codes
    await fac.goto(`${app.url}/scenarios`);
    expect(await fac.textContent("h1")).toBe("Scenariusze");
    expect(await fac.textContent("#filter-locale option[value=pl]")).toBe("Polski");
    expect(await fac.textContent("#filter-locale option[value=en]")).toBe("Angielski");
    await fac.selectOption("#filter-locale", "pl");
    await fac.waitForURL(/locale=pl/);
    // On the shared server other files add scenarios of their own: the count reads in Polish and
    // counts the cards shown, which hold every bundled scenario with a Polish version.
    const count = (await fac.textContent("[data-testid=result-count]"))!.match(/^Pasujące scenariusze: (\d+) z (\d+)$/);
    expect(count, "the result count in Polish").not.toBeNull();
    const cards = await fac.locator("[data-testid=scenario-card]").evaluateAll((cs) => cs.map((c) => [c.getAttribute("data-slug"), c.getAttribute("data-locale")]));
    expect(Number(count![1])).toBe(cards.length);
    expect(Number(count![2])).toBeGreaterThanOrEqual(entries.size);
    const polishSlugs = [...entries].filter(([, locales]) => locales.includes("pl")).map(([slug]) => slug);
    expect(polishSlugs).toHaveLength(polishEntries);
    expect(cards.map(([slug]) => slug)).toEqual(expect.arrayContaining(polishSlugs));
    expect(new Set(cards.map(([, locale]) => locale))).toEqual(new Set(["pl"]));
    await shoot(fac, "i18n-pl-catalogue");
    // The card opens the Polish version when there is one; its English original is one click away.
    await fac.goto(`${app.url}/scenarios?q=${SCENARIO.split("-")[0]}`);
    await fac.locator(`[data-testid=scenario-card][data-slug="${SCENARIO}"] [data-testid=scenario-languages] a[data-locale=en]`).click();
    await fac.waitForSelector("[data-testid=scenario-graph]");
    expect(await fac.textContent("[data-testid=content-language]")).toBe("Treść tego scenariusza jest w języku angielskim.");
    expect(await fac.textContent("[data-testid=lint-status]")).toMatch(/^Walidacja: /);
    await shoot(fac, "i18n-pl-scenario-detail");
    await fac.goto(`${app.url}/sessions/new?scenario=${SCENARIO}`);
    await fac.waitForSelector("[data-testid=scenario-pick]");
    await fac.click("button[type=submit]");
    await fac.waitForSelector(".new-session .alert.error");
    expect(await fac.textContent(".new-session .alert.error")).toBe("Zespół 1 potrzebuje nazwy – wpisz ją albo usuń ten wiersz.");
    await shoot(fac, "i18n-pl-new-session");
    const missing = await fac.goto(`${app.url}/no-such-page`);
    expect(missing?.status()).toBe(404);
    expect(await fac.textContent("[data-testid=not-found] strong")).toBe("Ta strona nie istnieje");

    for (const context of [facContext, plDesktop, plPhone, enDesktop, enPhone]) await context.close();
  });
});

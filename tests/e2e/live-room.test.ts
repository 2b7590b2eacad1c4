// The live room in real Chromium, in English and in Polish: the home page's first step,
// the new-session form's group-size warning, the lobby's readiness checklist and assignment
// board (drag, keyboard, auto-balance), Start's warning, phones that follow the action
// under a sticky status bar, "+1 min" on a decision, and axe-core on every live page
// (console, present, join, play, after-action report) with no serious or critical violation.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { screenshot } from "../helpers/browser";
import { sharedAppAndBrowser, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";
import { api, loginFacilitator } from "../helpers/live";
import { seriousViolations } from "../helpers/axe";

const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
const WAIT = { timeout: 20_000 };

/** The live-drill fixture with a decision timer long enough to act on in a browser. */
function drill(): string {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/live-drill.json"), "utf8"));
  for (const node of doc.nodes) if (node.id === "contain") node.timeLimitSeconds = 90;
  return JSON.stringify(doc);
}

/** Evaluates an expression in the page (a string, so no transpiler helper leaks into it). */
function read<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

describe("the live room: lobby, phones and accessibility", () => {
  let app: AppHandle;
  let browser: Browser;
  let scenarioId: string;
  let facilitator: UniqueUser;
  const contexts: BrowserContext[] = [];

  async function context(locale: string, options: object = {}) {
    const ctx = await browser.newContext(options);
    await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
    contexts.push(ctx);
    return ctx;
  }

  beforeAll(async () => {
    // The English run checks the home page of a facilitator without sessions: on the shared
    // server that is a facilitator of this file's own, with a unique e-mail.
    [app, browser] = await sharedAppAndBrowser();
    facilitator = await uniqueUser(app, "FACILITATOR", "live-room");
    const cookie = await loginFacilitator(app, facilitator.email, facilitator.password);
    const imported = await api(app, cookie, "POST", "/api/scenarios", drill());
    expect([200, 201]).toContain(imported.status);
    scenarioId = imported.body.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  for (const locale of ["en", "pl"] as const) {
    it(`runs the lobby and follows phones through a session, without serious axe violations (${locale})`, { timeout: 420_000 }, async () => {
      const violations: string[] = [];
      const axe = async (page: Page, where: string) => {
        for (const v of await seriousViolations(page)) violations.push(`${locale} ${where}: ${v}`);
      };

      // ---- the facilitator: the home page's first step, then the new-session form's warning
      const fac = await (await context(locale, { viewport: { width: 1280, height: 900 } })).newPage();
      fac.on("dialog", (d) => void d.accept());
      await fac.goto(`${app.url}/login`);
      await fac.fill("#email", facilitator.email);
      await fac.fill("#password", facilitator.password);
      await fac.click("button[type=submit]");
      await fac.waitForURL(`${app.url}/`);
      if (locale === "en") {
        await fac.waitForSelector("[data-testid=start-first-exercise]");
        await screenshot(fac, "room-home-empty");
      }
      await fac.goto(`${app.url}/sessions/new?scenario=${scenarioId}`);
      await fac.locator("[data-testid=team-name]").nth(0).fill("Red");
      await fac.click("[data-testid=add-team]");
      await fac.locator("[data-testid=team-name]").nth(1).fill("Blue");
      await fac.uncheck("#self-assign");
      await fac.selectOption("#session-locale", locale);
      await fac.fill("[data-testid=expected-people]", "5");
      const warning = await fac.waitForSelector("[data-testid=plan-warning]", WAIT);
      expect(await warning.textContent()).toMatch(locale === "en" ? /about 2 per team, fewer than 3/ : /około 2 na zespół, mniej niż 3/);
      await screenshot(fac, `room-new-session-${locale}`);
      await fac.click(".new-session button[type=submit]");
      await fac.waitForURL((url) => /^\/sessions\/(?!new)[^/]+$/.test(url.pathname), WAIT);
      const sessionId = new URL(fac.url()).pathname.split("/")[2];
      const joinCode = (await fac.textContent("[data-testid=join-code]"))!.trim();
      await fac.waitForSelector("[data-testid=readiness][data-ready=false]");
      await axe(fac, "console lobby (empty)");

      // ---- three people join: two on phones, one on a desktop
      const names = locale === "en" ? ["Ada", "Ben", "Cleo"] : ["Łucja", "Bartosz", "Żaneta"];
      const people: Page[] = [];
      for (const [i, name] of names.entries()) {
        // Participant pages follow the browser's language (a Polish phone shows Polish).
        const browserLocale = { locale: locale === "pl" ? "pl-PL" : "en-US" };
        const page = await (await browser.newContext(i < 2 ? { ...PHONE, ...browserLocale } : { viewport: { width: 1100, height: 900 }, ...browserLocale })).newPage();
        contexts.push(page.context());
        await page.goto(`${app.url}/join?code=${joinCode}`);
        await page.waitForSelector("#display-name");
        if (i === 0) await axe(page, "join (phone)");
        await page.fill("#display-name", name);
        await page.click("button[type=submit]");
        await page.waitForURL(`**/play/${sessionId}`, WAIT);
        await page.waitForSelector("[data-testid=lobby]", WAIT);
        people.push(page);
      }
      const [phoneA, phoneB, desk] = people;
      // The play page leaves the site navigation and "Sign in" out; the status bar is on top.
      expect(await phoneA.locator(".app-header").count()).toBe(0);
      expect(await read<number>(phoneA, `Math.round(document.querySelector("[data-testid=play-status]").getBoundingClientRect().top)`)).toBe(0);
      expect(await phoneA.getAttribute("html", "lang")).toBe(locale);
      await axe(phoneA, "play lobby (phone)");

      // ---- the assignment board: a drag, a keyboard move, then auto-balance
      const columns = fac.locator("[data-testid=board-column]");
      await fac.waitForFunction(() => document.querySelectorAll("[data-testid=board-card]").length === 3, undefined, WAIT);
      const redId = (await columns.nth(1).getAttribute("data-team"))!;
      // A drag and drop as the browser sends it: dragstart on the card, dragover and drop on the column.
      await fac.evaluate(`(() => {
        const card = [...document.querySelectorAll("[data-testid=board-card]")].find((c) => c.textContent.includes(${JSON.stringify(names[0])}));
        const column = document.querySelector('[data-testid=board-column][data-team="${redId}"]');
        const data = new DataTransfer();
        card.dispatchEvent(new DragEvent("dragstart", { bubbles: true, cancelable: true, dataTransfer: data }));
        const over = new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: data });
        column.dispatchEvent(over);
        column.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
        card.dispatchEvent(new DragEvent("dragend", { bubbles: true, dataTransfer: data }));
      })()`);
      await phoneA.waitForFunction((team) => document.querySelector("[data-testid=my-team]")?.textContent === team, "Red", WAIT);
      const teamFor = fac.locator(`[data-testid=board-card]:has-text("${names[1]}") select`).first();
      await teamFor.focus();
      await fac.keyboard.press("ArrowDown");
      await phoneB.waitForFunction(() => document.querySelector("[data-testid=my-team]")?.textContent !== "—", undefined, WAIT);
      await fac.click("[data-testid=auto-balance]");
      await fac.waitForSelector("[data-testid=readiness-check][data-code=DECIDING_ROLES][data-ok=true]", WAIT);
      await fac.waitForSelector("[data-testid=readiness-check][data-code=EVERYONE_PLACED][data-ok=true]", WAIT);
      // Three people in two teams: a team below k = 3 stays flagged.
      expect(await fac.getAttribute("[data-testid=readiness-check][data-code=GROUP_SIZE]", "data-ok")).toBe("false");
      await desk.waitForFunction(() => document.querySelector("[data-testid=my-team]")?.textContent !== "—", undefined, WAIT);
      await screenshot(fac, `room-console-lobby-${locale}`);
      await axe(fac, "console lobby (board)");

      // ---- Start warns with the reasons, and starts after confirming
      await fac.click("[data-testid=start]");
      const startWarning = await fac.waitForSelector("[data-testid=start-warning]");
      expect(await startWarning.textContent()).toContain("3");
      await screenshot(fac, `room-start-warning-${locale}`);
      await fac.click("[data-testid=start-anyway]");
      await fac.waitForSelector("[data-testid=session-status][data-status=RUNNING]", WAIT);

      // ---- phones follow the action: focus on the new heading, an announcement, the stage in view
      await phoneA.waitForSelector("[data-testid=inject]", WAIT);
      await phoneA.waitForFunction(() => document.activeElement?.classList.contains("inject-title"), undefined, WAIT);
      await desk.waitForFunction(() => document.activeElement?.classList.contains("inject-title"), undefined, WAIT);
      const injectTitle = (await phoneA.textContent(".inject-title"))!;
      await phoneA.waitForFunction((title) => document.querySelector("[data-testid=play-announcement]")?.textContent?.includes(title), injectTitle, WAIT);
      expect(await phoneA.getAttribute("[data-testid=status-phase]", "data-phase")).toBe("inject");
      await axe(phoneA, "play inject (phone)");
      await axe(desk, "play inject (desktop)");

      // The phone has scrolled to the bottom when the facilitator moves its team on.
      await phoneA.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      const myTeam = (await phoneA.textContent("[data-testid=my-team]"))!;
      const card = `[data-testid=team-card][data-team="${myTeam}"]`;
      await fac.click(`${card} [data-testid=advance]`);
      await phoneA.waitForSelector("[data-testid=decision]", WAIT);
      await phoneA.waitForFunction(() => !!document.activeElement?.closest("[data-testid=decision]"), undefined, WAIT);
      // The new content starts in the upper part of the screen, below the status bar.
      await phoneA.waitForFunction(() => {
        const top = document.querySelector("[data-testid=play-stage]")!.getBoundingClientRect().top;
        return top >= 40 && top < window.innerHeight / 3;
      }, undefined, WAIT);
      expect(await read<number>(phoneA, `Math.round(document.querySelector("[data-testid=play-status]").getBoundingClientRect().top)`)).toBe(0);
      expect(await phoneA.getAttribute("[data-testid=status-vote]", "data-state")).toBe("none");
      await phoneA.waitForTimeout(600);
      await phoneA.screenshot({ path: path.join(ROOT, "tests", "artifacts", `room-phone-after-advance-${locale}.png`) });
      await axe(phoneA, "play decision (phone)");

      // ---- +1 min from the console: the phone's timer grows and it is announced
      await fac.click(`${card} [data-testid=extend-time]`);
      await phoneA.waitForFunction(() => {
        const [m, s] = (document.querySelector("[data-testid=play-status] .countdown-value")?.textContent ?? "0:00").split(":").map(Number);
        return m * 60 + s > 100;
      }, undefined, WAIT);
      await phoneA.waitForFunction(() => (document.querySelector("[data-testid=play-announcement]")?.textContent ?? "").length > 0 && !document.querySelector("[data-testid=play-announcement]")!.textContent!.includes(":"), undefined, WAIT);

      // ---- the vote state in the status bar
      await phoneA.click(".vote-option >> nth=0");
      await phoneA.waitForSelector("[data-testid=status-vote][data-state=saved]", WAIT);

      // ---- pause and resume: focus moves to the pause banner and back
      await fac.click("[data-testid=pause]");
      await phoneA.waitForSelector("[data-testid=status-phase][data-phase=paused]", WAIT);
      await phoneA.waitForFunction(() => document.activeElement?.classList.contains("paused-banner"), undefined, WAIT);
      await fac.click("[data-testid=resume]");
      await phoneA.waitForSelector("[data-testid=status-phase][data-phase=decision]", WAIT);
      await axe(fac, "console running");

      // ---- the projector
      const present = await fac.context().newPage();
      await present.goto(`${app.url}/sessions/${sessionId}/present`);
      await present.waitForSelector(".present", WAIT);
      await axe(present, "present");
      await present.close();

      // ---- the end, and the after-action report
      await fac.click("[data-testid=end]");
      await fac.waitForSelector("[data-testid=session-status][data-status=ENDED]", WAIT);
      await phoneA.waitForSelector("[data-testid=status-phase][data-phase=ended]", WAIT);
      await axe(phoneA, "play ended (phone)");
      await fac.goto(`${app.url}/sessions/${sessionId}/aar`);
      await fac.waitForSelector("h1", WAIT);
      await axe(fac, "after-action report");

      expect(violations).toEqual([]);
    });
  }
});

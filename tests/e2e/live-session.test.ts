import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ROOT, sharedApp, type AppHandle } from "../helpers/app";
import { launchBrowser, screenshot } from "../helpers/browser";
import { signedInContext } from "../helpers/e2e-auth";

type Doc = { id: string; locale: string; roles?: Array<{ id: string; name: string }>; nodes: Array<{ id: string }> };
type ScenarioSummary = { id: string; slug?: string; title: string; locale: string };
type Player = { name: string; team: string; roleId: string; page: Page; phone: boolean };

const bundled: Doc[] = fs
  .readdirSync(path.join(ROOT, "scenarios"))
  .filter((f) => f.endsWith(".json") && f !== "scenario.schema.json")
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, "scenarios", f), "utf8")) as Doc);

const card = (team: string) => `[data-testid=team-card][data-team="${team}"]`;

async function teamState(page: Page, team: string): Promise<{ type: string; key: string }> {
  const el = page.locator(card(team));
  return { type: (await el.getAttribute("data-node-type")) ?? "none", key: (await el.getAttribute("data-node-key")) ?? "" };
}

async function waitForMove(page: Page, team: string, fromKey: string) {
  await page.waitForFunction(
    ([sel, key]) => {
      const k = document.querySelector(sel)?.getAttribute("data-node-key");
      return !!k && k !== key;
    },
    [card(team), fromKey] as const,
  );
}

/** Runs `wait`; when it fails, the error says what the team's card and the connection showed then. */
async function explained<T>(page: Page, team: string, what: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (e) {
    const shown = await page.locator(card(team)).innerText({ timeout: 2_000 }).catch(() => "(no card)");
    const connection = await page.locator("[data-testid=connection]").first().getAttribute("data-state", { timeout: 2_000 }).catch(() => "(none shown)");
    throw new Error(`${what}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\nconnection: ${connection}\nthe card showed:\n${shown}`);
  }
}

async function tallyTotal(page: Page, team: string): Promise<number> {
  const counts = await page.locator(`${card(team)} [data-testid=tally-count]`).allTextContents();
  return counts.reduce((sum, c) => sum + Number(c), 0);
}

/** The page has no horizontal scrolling (nothing sticks out of a phone screen). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** The demo facilitator's page, signed in without the form (login.test.ts checks it), at `at`. */
async function signInFacilitator(browser: Browser, app: AppHandle, at: string): Promise<Page> {
  const context = await signedInContext(browser, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"), { viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${app.url}${at}`);
  return page;
}

const smallestBundled = [...bundled].sort((a, b) => a.nodes.length - b.nodes.length || Number(b.locale === "en") - Number(a.locale === "en"))[0];

describe("live exercise session in real browsers", () => {
  let app: AppHandle;
  let browser: Browser;
  beforeAll(async () => {
    app = await sharedApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("a facilitator and three participants in two teams play a scenario to its end", { timeout: 360_000 }, async () => {
    // ---- the facilitator signs in and creates a session from the smallest bundled scenario
    const fac = await signInFacilitator(browser, app, "/");
    await fac.waitForSelector("h1:has-text('Exercises')");
    const facilitatorContext = fac.context();

    const res = await fac.request.get(`${app.url}/api/scenarios`);
    expect(res.status()).toBe(200);
    const { scenarios } = (await res.json()) as { scenarios: ScenarioSummary[] };
    const docOf = (s: ScenarioSummary) => bundled.find((d) => d.id === s.slug) ?? bundled.find((d) => (d as unknown as { title: string }).title === s.title);
    const smallest = scenarios
      .filter((s) => docOf(s))
      .sort((a, b) => docOf(a)!.nodes.length - docOf(b)!.nodes.length || Number(b.locale === "en") - Number(a.locale === "en"))[0];
    const doc = docOf(smallest)!;
    const roles = doc.roles ?? [];
    expect(roles.length).toBeGreaterThan(1);

    await fac.click("[data-testid=new-session]");
    await fac.waitForURL(/\/sessions\/new/);
    await fac.goto(`${app.url}/sessions/new?scenario=${smallest.id}`);
    expect(await fac.inputValue("#scenario")).toBe(smallest.id);
    await fac.fill("#title", "Live drill (e2e)");
    await screenshot(fac, "live-new-session");
    await fac.locator("[data-testid=team-name]").nth(0).fill("Legal");
    await fac.click("[data-testid=add-team]");
    await fac.locator("[data-testid=team-name]").nth(1).fill("IT");
    await fac.click("button[type=submit]:has-text('Create session')");
    await fac.waitForURL((url) => /^\/sessions\/(?!new)[^/]+$/.test(url.pathname));
    const sessionId = new URL(fac.url()).pathname.split("/")[2];
    const joinCode = (await fac.textContent("[data-testid=join-code]"))!.trim();
    const joinUrl = (await fac.textContent("[data-testid=join-url]"))!.trim();
    expect(joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(joinUrl).toContain(`/join?code=${joinCode}`);
    await fac.waitForSelector("img.join-qr[src^='data:image/png']");
    await fac.waitForSelector("[data-testid=connection][data-state=online]");

    // ---- three participants join in their own browser contexts: two in Legal, one (on a phone) in IT
    const specs = [
      { name: "Ada Lovelace", team: "Legal", roleId: roles[0].id, phone: false },
      { name: "Ben Okafor", team: "Legal", roleId: roles[1].id, phone: false },
      { name: "Chloé Martin", team: "IT", roleId: roles[0].id, phone: true },
    ];
    const players: Player[] = [];
    for (const spec of specs) {
      const context = await browser.newContext(
        spec.phone ? { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1100, height: 900 } },
      );
      const page = await context.newPage();
      if (spec.phone) {
        // The phone types the code by hand; the others follow the join link.
        await page.goto(`${app.url}/join`);
        await page.fill("#code", joinCode.toLowerCase().replace("-", ""));
        await page.click("button[type=submit]");
      } else {
        await page.goto(`${app.url}/join?code=${joinCode}`);
      }
      expect(await page.textContent("[data-testid=join-session-title]")).toBe("Live drill (e2e)");
      if (spec.phone) await screenshot(page, "live-join-phone");
      await page.fill("#display-name", spec.name);
      await page.selectOption("#join-team", { label: spec.team });
      await page.selectOption("#join-role", spec.roleId);
      await page.click("button[type=submit]:has-text('Join the exercise')");
      await page.waitForURL(`**/play/${sessionId}`);
      await page.waitForSelector("[data-testid=lobby]");
      expect(await page.textContent("[data-testid=my-name]")).toBe(spec.name);
      expect(await page.textContent("[data-testid=my-team]")).toBe(spec.team);
      expect(await page.textContent("[data-testid=my-role]")).toBe(roles.find((r) => r.id === spec.roleId)!.name);
      players.push({ ...spec, page });
    }
    const phone = players.find((p) => p.phone)!;
    const [ada, ben] = players;
    const membersOf = (team: string) => players.filter((p) => p.team === team);

    await fac.waitForFunction(() => document.querySelector("[data-testid=roster-count]")?.textContent === "3 joined · 3 online");
    expect(await fac.locator("[data-testid=roster-entry][data-connected=true]").count()).toBe(3);
    await screenshot(fac, "live-console-lobby");
    await screenshot(phone.page, "live-participant-lobby-phone");

    // ---- start: everyone sees the first inject
    await fac.click("[data-testid=start]");
    // Teams below k = 3: Start warns with the reasons, and starts after confirming.
    await fac.click("[data-testid=start-anyway]");
    await fac.waitForSelector("[data-testid=session-status]:has-text('Running')");
    const first = await teamState(fac, "Legal");
    expect(first.type).toBe("inject");
    const firstNodeId = first.key.split("#")[0];
    for (const p of players) await p.page.waitForSelector(`[data-testid=inject][data-node-id="${firstNodeId}"]`);
    expect(await fitsWidth(phone.page)).toBe(true);
    await screenshot(phone.page, "live-participant-inject-phone");
    const presentInject = await facilitatorContext.newPage();
    await presentInject.goto(`${app.url}/sessions/${sessionId}/present`);
    await presentInject.waitForSelector(`[data-testid=present] [data-testid=inject][data-node-id="${firstNodeId}"]`);
    await screenshot(presentInject, "live-present-inject");
    await presentInject.close();

    // Answers to the questions this inject asks each role, each confirmed after the ack.
    for (const p of players) {
      const textArea = p.page.locator("[data-testid=questions] textarea").first();
      if (await textArea.count()) {
        await textArea.fill(`${p.name.split(" ")[0]}: the social team owns it, with IT as backup.`);
        await p.page.locator("[data-testid=questions] button[type=submit]").first().click();
        await p.page.locator("[data-testid=questions] [data-testid=answer-saved]").first().waitFor();
      }
      const scale = p.page.locator("[data-testid=questions] [role=radio]");
      if (await scale.count()) {
        await scale.nth(3).click();
        await p.page.locator("[data-testid=questions] [role=radiogroup] ~ .question-foot [data-testid=answer-saved]").first().waitFor();
      }
    }
    await fac.waitForFunction(() => (document.querySelectorAll("[data-testid=answers] .answer-list li").length ?? 0) >= 3);

    // ---- play both teams to an ending: advance injects, vote and lock decisions
    let reloaded = false;
    const shots = new Set<string>();
    const shootOnce = async (page: Page, name: string) => {
      if (shots.has(name)) return;
      shots.add(name);
      await screenshot(page, name);
    };
    let lastDecisionChecked = false;
    for (let step = 0; step < 80; step++) {
      const states = await Promise.all(["Legal", "IT"].map(async (team) => ({ team, ...(await teamState(fac, team)) })));
      const open = states.filter((s) => s.type !== "end");
      if (open.length === 0) break;
      // Alternate between the teams: they progress independently.
      const { team, type, key } = open[step % open.length];
      const nodeId = key.split("#")[0];
      const members = membersOf(team);

      if (type === "inject") {
        for (const p of members) await p.page.waitForSelector(`[data-testid=inject][data-node-id="${nodeId}"]`);
        await fac.click(`${card(team)} [data-testid=advance]`);
        await waitForMove(fac, team, key);
        continue;
      }
      expect(type).toBe("decision");
      for (const p of members) {
        await p.page.waitForSelector(`[data-testid=decision][data-node-id="${nodeId}"]`);
        const option = p.page.locator(".vote-option:not([disabled])").first();
        const optionId = await option.getAttribute("data-option");
        await option.click();
        await p.page.waitForSelector("[data-testid=vote-saved]");
        expect(await p.page.getAttribute(`.vote-option[data-option="${optionId}"]`, "aria-pressed")).toBe("true");

        if (!reloaded && p === ada) {
          // A reload mid-decision: the page resumes from its stored token and still shows the saved vote.
          await p.page.reload();
          await p.page.waitForSelector(`[data-testid=decision][data-node-id="${nodeId}"]`);
          await p.page.waitForSelector("[data-testid=vote-saved]");
          expect(await p.page.getAttribute(`.vote-option[data-option="${optionId}"]`, "aria-pressed")).toBe("true");
          expect(await p.page.textContent("[data-testid=my-name]")).toBe(ada.name);
          reloaded = true;
        }
        if (p.phone) {
          expect(await fitsWidth(p.page)).toBe(true);
          await shootOnce(p.page, "live-participant-decision-phone");
        }
        if (p === ben) await shootOnce(p.page, "live-participant-decision-saved");
      }
      await fac.waitForFunction(
        ([sel, n]) => [...document.querySelectorAll(`${sel} [data-testid=tally-count]`)].reduce((s, e) => s + Number(e.textContent), 0) === n,
        [card(team), members.length] as const,
      );
      expect(await tallyTotal(fac, team)).toBe(members.length);
      await shootOnce(fac, "live-console-running");

      await fac.click(`${card(team)} [data-testid=lock]`);
      // The vote decides, or (tie / nobody of the deciding role voted) the facilitator picks.
      const chooser = fac.locator(`${card(team)} [data-testid=chooser]`);
      await explained(fac, team, `${team}: the lock neither moved the team nor asked the facilitator to choose`, () =>
        fac.waitForFunction(
          ([sel, k]) => document.querySelector(sel)?.getAttribute("data-node-key") !== k || !!document.querySelector(`${sel} [data-testid=chooser]`),
          [card(team), key] as const,
        ),
      );
      if (await chooser.count()) {
        await shootOnce(fac, "live-console-chooser");
        await fac.locator(`${card(team)} [data-testid=choose-option]:not([disabled])`).first().click();
      }
      await waitForMove(fac, team, key);

      if (!lastDecisionChecked && team === "Legal") {
        const next = await teamState(fac, team);
        if (next.type !== "decision") {
          for (const p of members) await p.page.waitForSelector("[data-testid=last-decision]");
          lastDecisionChecked = true;
        }
      }
    }

    // ---- both teams reached an ending; participants see the outcome and debrief
    for (const team of ["Legal", "IT"]) expect((await teamState(fac, team)).type).toBe("end");
    for (const p of players) await p.page.waitForSelector("[data-testid=ending]");
    expect(reloaded).toBe(true);
    expect(shots.has("live-console-chooser")).toBe(true);
    expect(await fitsWidth(phone.page)).toBe(true);
    await screenshot(phone.page, "live-participant-end-phone");
    await screenshot(ada.page, "live-participant-end");
    await screenshot(fac, "live-console-end");

    // Present mode shows a team's current node full screen, with a team switcher.
    const present = await facilitatorContext.newPage();
    const presentErrors: string[] = [];
    present.on("pageerror", (e) => presentErrors.push(e.message));
    present.on("console", (m) => m.type() === "error" && presentErrors.push(m.text()));
    await present.goto(`${app.url}/sessions/${sessionId}/present`);
    await present.waitForSelector("[data-testid=present] [data-testid=ending]", { timeout: 10_000 }).catch(async (e: unknown) => {
      console.error(presentErrors, (await present.content()).slice(0, 4000));
      throw e;
    });
    await present.click(".present-team:has-text('IT')");
    await present.waitForSelector(".present-team.active:has-text('IT')");
    await screenshot(present, "live-present");
    await present.close();

    // ---- the facilitator ends the session; participants keep their ending on screen
    await fac.click("[data-testid=end]");
    await fac.waitForSelector("[data-testid=session-status]:has-text('Ended')");
    await ada.page.reload();
    await ada.page.waitForSelector("[data-testid=ending]");
  });
  it("runs an anonymous session where the facilitator assigns teams, with pause, resume and end", { timeout: 180_000 }, async () => {
    // ?scenario= also takes a scenario's slug.
    const fac = await signInFacilitator(browser, app, `/sessions/new?scenario=${smallestBundled.id}`);
    await fac.waitForSelector("[data-testid=scenario-pick]");
    await fac.locator("[data-testid=team-name]").nth(0).fill("Red");
    await fac.click("[data-testid=add-team]");
    await fac.locator("[data-testid=team-name]").nth(1).fill("red");
    await fac.check("#anonymous");
    await fac.uncheck("#self-assign");
    await fac.click("button[type=submit]:has-text('Create session')");
    expect(await fac.textContent(".new-session .alert.error")).toContain("team names must be different");
    await fac.locator("[data-testid=team-name]").nth(1).fill("Blue");
    await fac.click("button[type=submit]:has-text('Create session')");
    await fac.waitForURL((url) => /^\/sessions\/(?!new)[^/]+$/.test(url.pathname));
    const sessionId = new URL(fac.url()).pathname.split("/")[2];
    const joinUrl = (await fac.textContent("[data-testid=join-url]"))!.trim();

    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(joinUrl.replace(/^https?:\/\/[^/]+/, app.url));
    await phone.waitForSelector("[data-testid=anonymous-note]");
    expect(await phone.locator("#display-name").count()).toBe(0);
    expect(await phone.locator("#join-team").count()).toBe(0);
    await phone.click("button[type=submit]:has-text('Join the exercise')");
    await phone.waitForURL(`**/play/${sessionId}`);
    await phone.waitForSelector("[data-testid=lobby]");
    const pseudonym = (await phone.textContent("[data-testid=my-name]"))!;
    expect(pseudonym.length).toBeGreaterThan(2);
    expect(await phone.textContent("[data-testid=my-team]")).toBe("—");
    await screenshot(phone, "live-participant-anonymous-phone");

    // The facilitator puts the participant in a team and a role from the roster.
    const teamSelect = fac.locator(`select[aria-label="Team for ${pseudonym}"]`);
    await teamSelect.waitFor();
    await teamSelect.selectOption({ label: "Blue" });
    await phone.waitForFunction(() => document.querySelector("[data-testid=my-team]")?.textContent === "Blue");
    const roleSelect = fac.locator(`select[aria-label="Role for ${pseudonym}"]`);
    await fac.waitForFunction((label) => !(document.querySelector(`select[aria-label="Role for ${label}"]`) as HTMLSelectElement | null)?.disabled, pseudonym);
    await roleSelect.selectOption(smallestBundled.roles![0].id);
    await phone.waitForFunction((name) => document.querySelector("[data-testid=my-role]")?.textContent === name, smallestBundled.roles![0].name);
    await screenshot(fac, "live-console-assign");

    // Start, pause, resume, end: the participant follows each step.
    await fac.click("[data-testid=start]");
    // Teams below k = 3: Start warns with the reasons, and starts after confirming.
    await fac.click("[data-testid=start-anyway]");
    await phone.waitForSelector("[data-testid=inject]");
    await fac.click("[data-testid=pause]");
    await phone.waitForSelector(".paused-banner");
    await fac.click("[data-testid=resume]");
    await phone.waitForSelector(".paused-banner", { state: "detached" });
    await fac.click("[data-testid=end]");
    await fac.waitForSelector("[data-testid=session-status]:has-text('Ended')");
    await phone.waitForSelector("[data-testid=session-ended]");

    // Joining an ended session is refused with a clear message.
    const late = await context.newPage();
    await late.goto(joinUrl.replace(/^https?:\/\/[^/]+/, app.url));
    expect(await late.textContent(".alert.error")).toContain("This session has ended");
  });
});

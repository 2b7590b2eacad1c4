// Present mode and the end of an exercise in Chromium, in English and in Polish, on a
// desktop and a 375 px phone: the join link and QR code agree, names appear as people join
// (Polish pseudonyms in an anonymous Polish session), a long inject fits the projector
// without scrolling and pages with the arrow keys, a timeout is a warning, the facilitator
// reveals a locked vote, and at the end participants get a thank-you screen with their
// ending and their data while the console's connection badge turns off.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { ROOT, sharedApp, type AppHandle } from "../helpers/app";
import { launchBrowser, screenshot } from "../helpers/browser";
import { signedInContext } from "../helpers/e2e-auth";
import { api, call, importFixture, key, loginFacilitator, socketFor, waitFor, type Client } from "../helpers/live";
import { POLISH_ADJECTIVES, POLISH_ANIMALS } from "@/lib/session/pseudonyms";

const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const POLL = { timeout: 20_000 };

/** The live drill with a long first inject and a team vote at its last decision. */
function writeScenario(dir: string): string {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "scenarios", "live-drill.json"), "utf8"));
  doc.id = "present-drill";
  doc.title = "Present drill";
  const paragraph = "The SIEM flags **mass export** of survey responses from the HR portal. The export runs under a service account that nobody recognises, and it is still running while the team reads this.";
  doc.nodes[0].body = Array.from({ length: 28 }, (_, i) => `${i + 1}. ${paragraph}`).join("\n\n");
  const notify = doc.nodes.find((n: { id: string }) => n.id === "notify");
  delete notify.decidedBy;
  const file = path.join(dir, "present-drill.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** A page of the demo facilitator in `locale`, signed in without the form (login.test.ts checks it). */
async function signIn(browser: Browser, app: AppHandle, options: BrowserContextOptions, locale: string): Promise<Page> {
  const context = await signedInContext(browser, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"), { ...options, locale: locale === "pl" ? "pl-PL" : "en-US" });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
  return context.newPage();
}

/** Nothing on the page scrolls: neither the document nor the present screen. */
async function noScrolling(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const present = document.querySelector<HTMLElement>("[data-testid=present]")!;
    return document.documentElement.scrollHeight <= window.innerHeight + 1 && present.scrollHeight <= present.clientHeight + 1 && document.documentElement.scrollWidth <= window.innerWidth;
  });
}

const RUNS = [
  { locale: "en", anonymous: false, present: DESKTOP, presentName: "desktop", player: PHONE, playerName: "phone" },
  { locale: "pl", anonymous: true, present: PHONE, presentName: "phone", player: DESKTOP, playerName: "desktop" },
] as const;

const TEXT = {
  en: { timedOut: "Time ran out before your team decided", consoleTimedOut: "Time ran out", thanks: "Thank you, the exercise is over", ended: "Not live: the session has ended", connected: "Connected" },
  pl: { timedOut: "Czas minął, zanim Twój zespół podjął decyzję", consoleTimedOut: "Czas minął", thanks: "Dziękujemy, ćwiczenie dobiegło końca", ended: "Nie na żywo: sesja się zakończyła", connected: "Połączono" },
} as const;

describe("present mode and the end of an exercise", () => {
  let app: AppHandle;
  let browser: Browser;
  let dir: string;
  let scenarioFile: string;
  const sockets: Client[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-present-"));
    scenarioFile = writeScenario(dir);
    app = await sharedApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const run of RUNS) {
    it(`${run.locale}: present on a ${run.presentName}, a participant on a ${run.playerName}`, { timeout: 300_000 }, async () => {
      const text = TEXT[run.locale];
      const cookie = await loginFacilitator(app);
      const scenarioId = await importFixture(app, cookie, scenarioFile);
      const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, title: `Present ${run.locale}`, teams: ["Red"], anonymous: run.anonymous, locale: run.locale });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const session = created.body as { id: string; joinCode: string };
      const facilitator = socketFor(app, cookie);
      sockets.push(facilitator);
      const command = async (cmd: object) => {
        const r = await call(facilitator, "console:command", { key: key(), sessionId: session.id, command: cmd });
        expect(r.ok, JSON.stringify(r)).toBe(true);
      };
      const watched = await call(facilitator, "console:watch", { sessionId: session.id });
      const teamId = watched.view.teams[0].id as string;

      // ---- the projector before the start: one address for the printed link and the QR code
      const present = await signIn(browser, app, run.present, run.locale);
      await present.goto(`${app.url}/sessions/${session.id}/present`);
      const printed = (await present.textContent("[data-testid=present-url]"))!;
      expect(printed).toBe(`${app.url}/join?code=${session.joinCode}`);
      expect(await present.getAttribute(".present-join-row img", "alt")).toContain(printed);

      // ---- three people join; their names (Polish pseudonyms when anonymous) appear as they do
      const players: Array<{ socket: Client; token: string; name: string }> = [];
      for (const name of ["Ada", "Bolek", "Celina"]) {
        const socket = socketFor(app);
        sockets.push(socket);
        const joined = await call(socket, "participant:join", { code: session.joinCode, ...(run.anonymous ? {} : { displayName: name }), teamId, key: key() });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        players.push({ socket, token: joined.token, name: joined.view.me.displayName });
        await expect.poll(() => present.locator("[data-testid=present-names] li").allTextContents(), POLL).toContain(players.at(-1)!.name);
      }
      if (run.anonymous) {
        const animals = new Map(POLISH_ANIMALS.map(([a, g]) => [a, g]));
        const forms = new Map(POLISH_ADJECTIVES.flatMap(([m, f]) => [[m, "m"], [f, "f"]] as const));
        for (const p of players) {
          const [adjective, animal] = p.name.split(" ");
          expect(forms.get(adjective), p.name).toBe(animals.get(animal));
        }
      } else expect(players.map((p) => p.name)).toEqual(["Ada", "Bolek", "Celina"]);
      expect(await present.textContent("[data-testid=present-joined]")).toMatch(/3/);
      await screenshot(present, `present-join-${run.locale}-${run.presentName}`);

      // ---- the first participant's own browser, and the facilitator's console
      const playerContext = await browser.newContext({ ...run.player, locale: run.locale === "pl" ? "pl-PL" : "en-US" });
      await playerContext.addCookies([{ name: "NEXT_LOCALE", value: run.locale, url: app.url }]);
      await playerContext.addInitScript(([id, token]) => window.localStorage.setItem(`readyroom.participant.${id}`, token), [session.id, players[0].token] as const);
      const player = await playerContext.newPage();
      await player.goto(`${app.url}/play/${session.id}`);
      const consolePage = await signIn(browser, app, DESKTOP, run.locale);
      await consolePage.goto(`${app.url}/sessions/${session.id}`);
      await expect.poll(() => consolePage.textContent("[data-testid=connection]"), POLL).toContain(text.connected);

      // ---- a long inject fits the projector: smaller type, then pages turned with the arrow keys
      await command({ type: "start" });
      await present.waitForSelector("[data-testid=inject][data-node-id=alert]");
      const fit = present.locator("[data-testid=present-fit]");
      await expect.poll(async () => Number(await fit.getAttribute("data-pages")), POLL).toBeGreaterThan(1);
      expect(Number(await fit.getAttribute("data-scale"))).toBeLessThan(1);
      expect(await noScrolling(present)).toBe(true);
      await present.keyboard.press("ArrowRight");
      await expect.poll(() => fit.getAttribute("data-page"), POLL).toBe("2");
      expect(await present.evaluate(() => document.querySelector(".present-stage")!.scrollLeft)).toBeGreaterThan(0);
      expect(await noScrolling(present)).toBe(true);
      await screenshot(present, `present-long-inject-${run.locale}-${run.presentName}`);
      await present.keyboard.press("ArrowLeft");
      await expect.poll(() => fit.getAttribute("data-page"), POLL).toBe("1");

      // ---- the timed decision runs out: a warning for the team, "time ran out" in the console's language
      const timedOut = waitFor(players[1].socket, "team:state", (s) => s.node?.id === "update", 30_000);
      await command({ type: "advance", teamId });
      await timedOut;
      const warning = player.locator("[data-testid=last-decision][data-timed-out=true]");
      await expect.poll(() => warning.textContent(), POLL).toContain(text.timedOut);
      expect(await player.locator("[data-testid=last-decision][data-timed-out=false]").count()).toBe(0);
      await expect.poll(() => consolePage.locator("[data-testid=team-last] .team-last-label").textContent(), POLL).toBe(text.consoleTimedOut);
      await screenshot(player, `timeout-${run.locale}-${run.playerName}`);

      // ---- a team vote, locked, then revealed on the projector when the facilitator asks
      const atVote = waitFor(players[1].socket, "team:state", (s) => s.node?.id === "notify");
      await command({ type: "advance", teamId });
      await atVote;
      for (const [i, optionId] of ["yes", "yes", "no"].entries()) {
        const r = await call(players[i].socket, "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId });
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
      await command({ type: "lock", teamId });
      const toggle = present.locator("[data-testid=reveal-toggle]");
      await expect.poll(() => toggle.getAttribute("data-reveal").catch(() => null), POLL).toBe(`${teamId}:notify:1`);
      expect(await present.locator("[data-testid=vote-reveal]").count()).toBe(0);
      await toggle.click();
      const reveal = present.locator("[data-testid=vote-reveal][data-withheld=false]");
      await reveal.waitFor({ timeout: 20_000 });
      expect(await reveal.locator("li[data-option=yes]").getAttribute("data-votes")).toBe("2");
      expect(await reveal.locator("li[data-option=no]").getAttribute("data-votes")).toBe("1");
      expect(await noScrolling(present)).toBe(true);
      await screenshot(present, `present-reveal-${run.locale}-${run.presentName}`);
      await present.keyboard.press("v");
      await expect.poll(() => present.locator("[data-testid=vote-reveal]").count(), POLL).toBe(0);

      // ---- the end: thanks, the team's ending, the data; the console's badge turns off
      await command({ type: "end" });
      const ended = player.locator("[data-testid=session-ended]");
      await ended.waitFor({ timeout: 20_000 });
      expect(await ended.locator("h1").textContent()).toBe(text.thanks);
      expect(await ended.locator("[data-testid=ending]").getAttribute("data-node-id")).toBe("good-end");
      if (run.anonymous) {
        expect(await ended.locator("[data-testid=ended-data]").textContent()).toContain(players[0].name);
        expect(await ended.locator("[data-testid=export-my-data]").count()).toBe(0);
      } else {
        const [download] = await Promise.all([player.waitForEvent("download"), ended.locator("[data-testid=export-my-data]").click()]);
        expect(download.suggestedFilename()).toBe(`readyroom-my-data-${session.id}.json`);
      }
      expect(await player.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // Scrolled down to the data card, the status bar stays at the top of the page, off the ending.
      await ended.locator("[data-testid=ended-data]").scrollIntoViewIfNeeded();
      expect(await player.locator("[data-testid=play-status]").evaluate((bar) => getComputedStyle(bar).position)).toBe("static");
      const [bar, ending] = await Promise.all([player.locator("[data-testid=play-status]").boundingBox(), ended.locator("[data-testid=ending]").boundingBox()]);
      expect(bar!.y + bar!.height).toBeLessThanOrEqual(ending!.y);
      await screenshot(player, `ended-${run.locale}-${run.playerName}`);
      await expect.poll(() => consolePage.locator("[data-testid=connection]").getAttribute("data-state"), POLL).toBe("ended");
      expect(await consolePage.textContent("[data-testid=connection]")).toContain(text.ended);

      await Promise.all([present.context().close(), playerContext.close(), consolePage.context().close()]);
    });
  }
});

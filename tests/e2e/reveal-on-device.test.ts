// Results on the projector are also readable on the device (issue 17 §7): after a lock, the
// facilitator reveals the team's votes on the present screen, and a participant's 375 px
// phone shows the same distribution for their team; nothing before the reveal, nothing once
// hidden, and below k votes the same "withheld" notice as the projector. In English (three
// votes, shown) and in Polish (two votes, withheld at the default k of 3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";
import { api, call, importFixture, key, loginFacilitator, socketFor, waitFor, type Client } from "../helpers/live";

const POLL = { timeout: 20_000 };

/** The live drill with two minutes at "contain", so the votes below always land before its timer. */
function writeScenario(dir: string): string {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "scenarios", "live-drill.json"), "utf8"));
  doc.id = "reveal-drill";
  doc.nodes.find((n: { id: string }) => n.id === "contain").timeLimitSeconds = 120;
  const file = path.join(dir, "reveal-drill.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

const RUNS = [
  { locale: "en", votes: ["isolate", "isolate", "wait"], heading: "How Red voted", kicker: "Shown on the screen by your facilitator" },
  { locale: "pl", votes: ["isolate", "isolate"], heading: "Jak głosował zespół Red", kicker: "Pokazane na ekranie przez prowadzącego" },
] as const;

/** The reveal a page shows, as numbers: null when there is none, "withheld" when k was not reached. */
async function revealOn(page: Page): Promise<Record<string, string> | "withheld" | null> {
  const reveal = page.locator("[data-testid=vote-reveal]");
  if ((await reveal.count()) === 0) return null;
  if ((await reveal.getAttribute("data-withheld")) === "true") return "withheld";
  const rows = await reveal.locator("li[data-option]").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-option"), li.getAttribute("data-votes")]));
  return Object.fromEntries(rows);
}

describe("a revealed vote on the participant's phone", () => {
  let app: AppHandle;
  let browser: Browser;
  let dir: string;
  let scenarioFile: string;
  const sockets: Client[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-reveal-"));
    scenarioFile = writeScenario(dir);
    [app, browser] = await sharedAppAndBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const run of RUNS) {
    it(`${run.locale}: the phone shows what the projector shows, only after the reveal`, { timeout: 240_000 }, async () => {
      const cookie = await loginFacilitator(app);
      const scenarioId = await importFixture(app, cookie, scenarioFile);
      const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, title: `Reveal ${run.locale}`, teams: ["Red"], locale: run.locale });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const session = created.body as { id: string; joinCode: string };
      const facilitator = socketFor(app, cookie);
      sockets.push(facilitator);
      const command = (cmd: object) => call(facilitator, "console:command", { key: key(), sessionId: session.id, command: cmd });
      const watched = await call(facilitator, "console:watch", { sessionId: session.id });
      const teamId = watched.view.teams[0].id as string;

      // Three people join Red; the first plays on a 375 px phone in the run's language.
      const players: Array<{ socket: Client; token: string }> = [];
      for (const name of ["Ada", "Bolek", "Celina"]) {
        const socket = socketFor(app);
        sockets.push(socket);
        const joined = await call(socket, "participant:join", { code: session.joinCode, displayName: name, teamId, key: key() });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        players.push({ socket, token: joined.token });
      }
      const phoneContext = await browser.newContext({ ...PHONE, locale: run.locale === "pl" ? "pl-PL" : "en-US" });
      await phoneContext.addCookies([{ name: "NEXT_LOCALE", value: run.locale, url: app.url }]);
      await phoneContext.addInitScript(([id, token]) => window.localStorage.setItem(`readyroom.participant.${id}`, token), [session.id, players[0].token] as const);
      const phone = await phoneContext.newPage();
      await phone.goto(`${app.url}/play/${session.id}`);
      const presentContext = await browser.newContext({ ...DESKTOP, locale: run.locale === "pl" ? "pl-PL" : "en-US" });
      await presentContext.addCookies([{ name: "NEXT_LOCALE", value: run.locale, url: app.url }]);
      const present = await newSignedInPage(presentContext, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
      await present.goto(`${app.url}/sessions/${session.id}/present`);

      // The team votes at "contain", and the facilitator locks it.
      expect((await command({ type: "start" })).ok).toBe(true);
      // Nothing locked yet: nothing to reveal.
      const early = await command({ type: "reveal", teamId, show: true });
      expect(early.ok).toBe(false);
      expect(early.error).toMatchObject({ code: "NOTHING_TO_REVEAL" });
      const atDecision = waitFor(players[1].socket, "team:state", (s) => s.node?.id === "contain");
      expect((await command({ type: "advance", teamId })).ok).toBe(true);
      await atDecision;
      const locked = waitFor(players[1].socket, "team:state", (s) => s.node?.id === "update");
      for (const [i, optionId] of run.votes.entries()) {
        const r = await call(players[i].socket, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId });
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
      expect((await command({ type: "lock", teamId })).ok).toBe(true);
      await locked;

      // Locked, not revealed: the phone shows the team's decision and no distribution.
      await phone.locator("[data-testid=last-decision]").waitFor({ timeout: 20_000 });
      const toggle = present.locator("[data-testid=reveal-toggle]");
      await toggle.waitFor({ timeout: 20_000 });
      expect(await revealOn(phone)).toBeNull();
      expect(await revealOn(present)).toBeNull();

      // Revealed on the projector: the phone shows the same figures (or the same withheld notice).
      await toggle.click();
      await expect.poll(() => revealOn(present), POLL).not.toBeNull();
      const expected = run.votes.length >= 3 ? { isolate: "2", wait: "1", "notify-now": "0" } : "withheld";
      expect(await revealOn(present)).toEqual(expected);
      await expect.poll(() => revealOn(phone), POLL).toEqual(expected);
      const onPhone = phone.locator("[data-testid=vote-reveal]");
      if (expected === "withheld") {
        expect(await onPhone.locator("h2").textContent()).toBe(run.heading);
        expect(await onPhone.locator(".alert").textContent()).toContain("3");
      } else {
        expect(await onPhone.locator(".node-kicker").textContent()).toBe(run.kicker);
        expect(await onPhone.getAttribute("aria-label")).toBe(run.heading);
      }
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await onPhone.scrollIntoViewIfNeeded();
      await screenshot(phone, `reveal-on-device-${run.locale}-phone`);
      await screenshot(present, `reveal-on-device-${run.locale}-present`);

      // Hidden again with V: gone from the phone too.
      await present.keyboard.press("v");
      await expect.poll(() => revealOn(present), POLL).toBeNull();
      await expect.poll(() => revealOn(phone), POLL).toBeNull();

      await Promise.all([phoneContext.close(), presentContext.close()]);
    });
  }
});

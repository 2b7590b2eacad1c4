// The notification form on a 375 px phone in Chromium, with the clocks on the console and
// the present screen: an anonymous team co-edits a GDPR Art. 33 notice (a teammate's change
// arrives live, each field names its last writer by pseudonym), the phone sends it, and the
// facilitator marks it received from the console. Screenshots of all three screens.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";
import { api, call, importFixture, key, loginFacilitator, socketFor, waitFor, type Client } from "../helpers/live";

const POLL = { timeout: 30_000 };

/** The live clocks drill with slower story time: one real minute is one fictional hour, so 72 hours last 72 minutes. */
function writeScenario(dir: string): string {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "scenarios", "live-clocks.json"), "utf8"));
  doc.id = "notice-form-drill";
  doc.exerciseTime.compression = 60;
  const file = path.join(dir, "notice-form-drill.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe("the notification form on a phone", () => {
  let app: AppHandle;
  let browser: Browser;
  let dir: string;
  const sockets: Client[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-notice-"));
    [app, browser] = await sharedAppAndBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("co-edits, sends and gets a verdict; clocks show on the console and the present screen", async () => {
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, writeScenario(dir));
    const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: true });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    const open = (c?: string) => {
      const s = socketFor(app, c);
      sockets.push(s);
      return s;
    };
    const console_ = open(cookie);
    const watch = await call(console_, "console:watch", { sessionId });
    const teamId = watch.view.teams[0].id as string;
    const mate = open();
    const mateJoin = await call(mate, "participant:join", { code: created.body.joinCode, teamId, roleId: "lead" });
    const phoneJoin = await call(open(), "participant:join", { code: created.body.joinCode, teamId, roleId: "legal" });
    await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } });

    const phoneContext = await browser.newContext({ ...PHONE, locale: "en-US" });
    await phoneContext.addInitScript(([id, token]) => window.localStorage.setItem(`readyroom.participant.${id}`, token), [sessionId, phoneJoin.token] as const);
    const phone = await phoneContext.newPage();
    await phone.goto(`${app.url}/play/${sessionId}`);
    const form = phone.locator("[data-testid=notice-art33-notice]");
    await form.waitFor(POLL);
    await phone.locator("[data-testid=clock-art33][data-status=running]").waitFor(POLL);

    // The phone writes a field; the teammate's socket sees it with the phone's pseudonym.
    const seen = waitFor(mate, "clocks:state", (v) => v.tasks[0].fields.find((f) => f.id === "nature")?.value === "About 12,000 customers' e-mails");
    await phone.fill("#notice-art33-notice-nature", "About 12,000 customers' e-mails");
    const pushed = await seen;
    expect(pushed.tasks[0].fields.find((f) => f.id === "nature")?.by).toBe(phoneJoin.view.me.displayName);

    // The teammate writes another field; it appears on the phone, naming them.
    await call(mate, "notice:edit", { key: key(), taskId: "art33-notice", fieldId: "contact", value: "DPO, dpo@example.com" });
    await expect.poll(() => phone.inputValue("#notice-art33-notice-contact"), POLL).toBe("DPO, dpo@example.com");
    await expect.poll(() => phone.textContent("[data-testid=by-contact]"), POLL).toContain(mateJoin.view.me.displayName);
    await phone.fill("#notice-art33-notice-consequences", "Targeted phishing");
    await phone.fill("#notice-art33-notice-measures", "Bucket closed, keys rotated");
    await phone.locator("#notice-art33-notice-measures").blur();
    await expect.poll(() => phone.textContent("[data-testid=by-measures]"), POLL).toContain(phoneJoin.view.me.displayName);

    // Fits a 375 px phone: nothing scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await form.scrollIntoViewIfNeeded();
    await screenshot(phone, "notice-form-phone");

    // The submitter (this phone holds "legal") sends it; the clock is met.
    await phone.click("[data-testid=notice-submit]");
    await phone.locator("[data-testid=clock-art33][data-status=met]").waitFor(POLL);
    await expect.poll(() => phone.textContent("[data-testid=notices-sent]"), POLL).toContain("awaiting the regulator");

    // The console: clocks with controls; the facilitator marks the notice received.
    const desk = await newSignedInPage(await browser.newContext({ ...DESKTOP, locale: "en-US" }), app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    await desk.goto(`${app.url}/sessions/${sessionId}`);
    const controls = desk.locator(`[data-testid=clock-controls-${teamId}]`);
    await controls.waitFor(POLL);
    await controls.getByRole("button", { name: "Start “NIS2 early warning”" }).click();
    await desk.locator(`[data-testid=clock-controls-${teamId}] [data-testid=clock-nis2-warning][data-status=running]`).waitFor(POLL);
    await controls.locator("[data-testid=notice-pending]").waitFor(POLL);
    await screenshot(desk, "notice-console-desktop");
    await controls.getByRole("button", { name: "Received" }).click();
    await expect.poll(() => phone.textContent("[data-testid=notices-sent]"), POLL).toContain("received");

    // The present screen shows the team's clocks large.
    const present = await desk.context().newPage();
    await present.goto(`${app.url}/sessions/${sessionId}/present`);
    await present.locator(`[data-testid=clocks-${teamId}] [data-testid=clock-nis2-warning]`).waitFor(POLL);
    await screenshot(present, "notice-present-desktop");
    const phoneConsole = await browser.newContext({ ...PHONE, locale: "en-US" });
    const small = await newSignedInPage(phoneConsole, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    await small.goto(`${app.url}/sessions/${sessionId}`);
    await small.locator(`[data-testid=clock-controls-${teamId}]`).waitFor(POLL);
    await screenshot(small, "notice-console-phone");
    await phoneConsole.close();
    await phoneContext.close();
  }, 240_000);
});

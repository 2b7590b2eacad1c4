// Decision rights in Chromium: the facilitator console warns on the card of a team at a decision
// whose owner role nobody in it holds (and not on the team that has its owner), on a desktop and
// a phone; after the lock, the AAR page lists the decision taken without its owner.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, PHONE, recordProblems, screenshot } from "../helpers/browser";
import { newSignedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/rights-drill.json");

describe("decision rights in the console and the AAR", () => {
  let app: AppHandle;
  let browser: Browser;
  const sockets: Client[] = [];

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
  });

  it("warns before the lock where nobody holds the owner role, and the AAR records it", { timeout: 240_000 }, async () => {
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, FIXTURE);
    const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: ["Board", "Floor"], anonymous: false });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };
    const console_ = socketFor(app, cookie);
    sockets.push(console_);
    const watch = await call(console_, "console:watch", { sessionId: session.id });
    const [board, floor] = watch.view.teams as Array<{ id: string }>;
    const join = async (displayName: string, teamId: string, roleId?: string) => {
      const s = socketFor(app);
      sockets.push(s);
      expect(await call(s, "participant:join", { code: session.joinCode, displayName, teamId, ...(roleId ? { roleId } : {}) })).toMatchObject({ ok: true });
      return s;
    };
    const eve = await join("Eve", board.id, "executive");
    await join("Lee", board.id, "legal");
    const fay = await join("Fay", floor.id, "legal");
    const gil = await join("Gil", floor.id, "it");
    const command = (c: Record<string, unknown>) => call(console_, "console:command", { sessionId: session.id, key: key(), command: c });
    await command({ type: "start" });
    for (const teamId of [board.id, floor.id]) await command({ type: "advance", teamId });
    await call(eve, "vote:cast", { key: key(), nodeId: "ransom", visit: 1, optionId: "refuse" });
    await call(fay, "vote:cast", { key: key(), nodeId: "ransom", visit: 1, optionId: "refuse" });
    await call(gil, "vote:cast", { key: key(), nodeId: "ransom", visit: 1, optionId: "pay" });

    const problems: string[] = [];
    for (const [name, device] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const context = await browser.newContext(device);
      const page = await newSignedInPage(context, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
      recordProblems(page, name, problems);
      await page.goto(`${app.url}/sessions/${session.id}`);
      const warning = page.locator("[data-testid=team-card][data-team=Floor] [data-testid=owner-warning]");
      await warning.waitFor({ timeout: 30_000 });
      expect(await warning.innerText()).toContain("nobody in this team holds Executive");
      expect(await page.locator("[data-testid=team-card][data-team=Board] [data-testid=owner-warning]").count()).toBe(0);
      // Board holds the owner role: its card says the owner decides, not the team majority.
      expect(await page.locator("[data-testid=team-card][data-team=Board]").innerText()).toContain("Decided by Executive");
      await warning.scrollIntoViewIfNeeded();
      await screenshot(page, `decision-rights-console-${name}`);
      await context.close();
    }

    // Floor is split 1–1: the facilitator breaks the tie, without the owner.
    expect(await command({ type: "lock", teamId: floor.id, optionId: "pay" })).toMatchObject({ ok: true });
    expect(await command({ type: "lock", teamId: board.id })).toMatchObject({ ok: true });
    await command({ type: "end" });

    const context = await browser.newContext(DESKTOP);
    const page = await newSignedInPage(context, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    recordProblems(page, "aar", problems);
    await page.goto(`${app.url}/sessions/${session.id}/aar`);
    const section = page.locator("[data-testid=aar-rights]");
    await section.waitFor({ timeout: 60_000 });
    const floorText = await section.locator("[data-team=Floor]").innerText();
    expect(floorText).toContain("decided without its owner: nobody held Executive");
    expect(floorText).toContain("against Legal's vote (voted Refuse and restore)");
    expect(await section.locator("[data-team=Board]").innerText()).toContain("Every decision was taken by its owner");
    await section.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await section.screenshot({ path: path.join(ROOT, "tests/artifacts/decision-rights-aar.png") });
    await context.close();
    expect(problems).toEqual([]);
  });
});

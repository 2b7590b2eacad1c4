// The facilitator console in Chromium while 150 people join a session over socket.io and
// 30 of them leave: the roster arrives as change lists (lib/realtime/roster-delta.ts) and
// the page must end up listing exactly who is there and who is online, as the server has it.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ROOT, sharedApp, type AppHandle } from "../helpers/app";
import { signedInContext } from "../helpers/e2e-auth";
import { launchBrowser, screenshot } from "../helpers/browser";
import { api, call, importFixture, loginFacilitator, socketFor, type Client } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const PEOPLE = 150;
const LEAVING = 30;

describe("console roster in a real browser", () => {
  let app: AppHandle;
  let browser: Browser;
  const sockets: Client[] = [];

  beforeAll(async () => {
    app = await sharedApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
  });

  it(`shows ${PEOPLE} joined and ${PEOPLE - LEAVING} online after joins and departures`, { timeout: 120_000 }, async () => {
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, FIXTURE);
    const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: ["Legal", "IT"], anonymous: true });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };

    // Signed in without the form (login.test.ts checks it).
    const context = await signedInContext(browser, app, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"), { viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/sessions/${session.id}`);
    await page.waitForSelector("[data-testid=roster-count]");

    for (let wave = 0; wave < PEOPLE / 30; wave++) {
      await Promise.all(
        Array.from({ length: 30 }, async () => {
          const socket = socketFor(app);
          sockets.push(socket);
          expect(await call(socket, "participant:join", { code: session.joinCode })).toMatchObject({ ok: true });
        }),
      );
    }
    for (const s of sockets.slice(0, LEAVING)) s.close();

    const expected = `${PEOPLE} joined · ${PEOPLE - LEAVING} online`;
    await page.waitForFunction((text) => document.querySelector("[data-testid=roster-count]")?.textContent === text, expected, { timeout: 20_000 });
    expect(await page.locator("[data-testid=roster-entry]").count()).toBe(PEOPLE);
    expect(await page.locator("[data-testid=roster-entry][data-connected=false]").count()).toBe(LEAVING);
    await screenshot(page, "console-roster-150");
  });
});

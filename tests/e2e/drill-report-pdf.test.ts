// The drill report's "Download PDF" button in Chromium, in English and Polish: it sits beside
// the report's other actions, and clicking it downloads the PDF under the drill's title in ASCII.
import path from "node:path";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { ROOT, type AppHandle } from "../helpers/app";
import { DESKTOP, screenshot, signIn } from "../helpers/browser";
import { sharedAppAndBrowser, uniqueTag, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";
import { api, importFixture, loginFacilitator } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const POLL = { timeout: 30_000 };
const HOUR = 3_600_000;

describe("the drill report's PDF button in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let owner: UniqueUser;
  let drillId: string;
  const tag = uniqueTag();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    owner = await uniqueUser(app, "FACILITATOR", "drill-pdf");
    const cookie = await loginFacilitator(app, owner.email, owner.password);
    const scenarioId = await importFixture(app, cookie, FIXTURE);
    const created = await api(app, cookie, "POST", "/api/drills", {
      scenarioId, title: `Ćwiczenie łączności ${tag}`, reminderDays: 0, timerScale: null,
      opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      invitees: [{ email: `ola-${tag}@example.org` }],
    });
    expect(created.status).toBe(201);
    drillId = created.body.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  for (const [locale, label] of [["en-GB", "Download PDF"], ["pl-PL", "Pobierz PDF"]] as const) {
    it(`downloads the report as a PDF (${locale})`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ ...DESKTOP, locale, acceptDownloads: true });
      contexts.push(context);
      const page = await signIn(context, app.url, owner.email, owner.password);
      await page.goto(`${app.url}/drills/${drillId}/report`);
      const button = page.locator("[data-testid=drill-report-pdf]");
      await button.waitFor(POLL);
      expect(await button.innerText()).toBe(label);
      await screenshot(page, `drill-report-pdf-button-${locale}`);
      const [download] = await Promise.all([page.waitForEvent("download", POLL), button.click()]);
      expect(download.suggestedFilename()).toBe(`drill-Cwiczenie-lacznosci-${tag}.pdf`);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    });
  }
});

// The erasure page finds drill invitees by e-mail address, in Chromium, in English on a desktop
// and in Polish on a 375 px phone: any letter case finds every drill the address was invited to,
// a named drill shows the answers erasing takes, an anonymous one says its answers are not
// linked to the person, a mistyped address is named in place, and erasing asks first, says what
// went and leaves the other drill listed. Screenshots go to tests/artifacts/.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, type AppHandle } from "../helpers/app";
import { appDatabase } from "../helpers/app-db";
import { DESKTOP, PHONE, screenshot, signIn } from "../helpers/browser";
import { sharedAppAndBrowser, uniqueTag, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";
import { api, importFixture, loginFacilitator } from "../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const POLL = { timeout: 20_000 };
const HOUR = 3_600_000;
const fitsWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

describe("drill invitees on the erasure page in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let prisma: PrismaClient;
  let admin: UniqueUser;
  let facilitator: string;
  let scenarioId: string;
  const contexts: BrowserContext[] = [];
  const tag = uniqueTag();
  const zofia = `zofia.zak-${tag}@example.org`;
  const drills: { named: string; anonymous: string } = { named: "", anonymous: "" };

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    prisma = appDatabase(app);
    admin = await uniqueUser(app, "ADMIN", "erasure-admin");
    const owner = await uniqueUser(app, "FACILITATOR", "erasure-drills");
    facilitator = await loginFacilitator(app, owner.email, owner.password);
    scenarioId = await importFixture(app, facilitator, FIXTURE);
    for (const anonymous of [false, true]) {
      const created = await api(app, facilitator, "POST", "/api/drills", {
        scenarioId, anonymous, title: `${anonymous ? "Anonimowe" : "Imienne"} ćwiczenie ${tag}`,
        opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(), reminderDays: 0, timerScale: null,
        invitees: [{ email: zofia, name: "Zofia Żak" }, { email: `piotr-${tag}@example.org` }],
      });
      expect(created.status).toBe(201);
      drills[anonymous ? "anonymous" : "named"] = created.body.id;
      // Zofia plays both through; her reasoning is kept at the second decision.
      const token = created.body.links[0].link.split("/drill/")[1];
      const play = async (body: unknown) => expect((await fetch(`${app.url}/api/drill/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).status).toBe(200);
      await play({ type: "start" });
      await play({ type: "advance", nodeId: "alert", visit: 1 });
      await play({ type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "isolate", confidence: 4 });
      await play({ type: "advance", nodeId: "update", visit: 1 });
      await play({ type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "yes", confidence: 5, reasoning: "Zegar biegnie." });
    }
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await prisma?.$disconnect();
    await browser?.close();
    await app?.stop();
  });

  async function adminPage(size: object, locale: string) {
    const context = await browser.newContext({ ...size, locale });
    contexts.push(context);
    return signIn(context, app.url, admin.email, admin.password);
  }
  async function searchByEmail(page: Page, email: string) {
    await page.goto(`${app.url}/admin/erasure`);
    await page.fill("[data-testid=erasure-by-email] input[name=email]", email);
    await page.click("[data-testid=erasure-by-email] button[type=submit]");
    await page.waitForURL(/email=/, POLL);
  }
  const row = (page: Page, drillId: string) => page.locator(`[data-testid=erasure-drill-results] tr[data-drill="${drillId}"]`);

  it("finds every drill invitation of an address in English, anonymous answers not counted, and names a mistyped address", { timeout: 120_000 }, async () => {
    const page = await adminPage(DESKTOP, "en-GB");
    await searchByEmail(page, zofia.toUpperCase());
    await page.locator("[data-testid=erasure-drill-results]").waitFor(POLL);
    expect(await page.locator("[data-testid=erasure-drill-results] tbody tr").count()).toBe(2);
    expect(await row(page, drills.named).innerText()).toContain("Zofia Żak");
    expect(await row(page, drills.named).locator("[data-testid=erasure-drill-counts]").innerText()).toBe("2 answers (1 with reasoning), 0 e-mails");
    expect(await row(page, drills.anonymous).locator("[data-testid=erasure-drill-counts]").innerText()).toBe("answers not linked to the person; 0 e-mails");
    expect(await page.locator("[data-testid=erasure-anonymous-note]").innerText()).toContain("In an anonymous drill the answers are not linked to the person");
    await screenshot(page, "erasure-drill-invitees-en");

    await page.goto(`${app.url}/admin/erasure?email=zofia.example.org`);
    expect(await page.locator("[data-testid=erasure-email-problem]").innerText()).toContain("“zofia.example.org” is not an e-mail address");
    expect(await page.locator("[data-testid=erasure-drills]").count()).toBe(0);
  });

  it("erases the named drill's invitation in Polish on a phone after asking, and keeps the anonymous one listed", { timeout: 120_000 }, async () => {
    const page = await adminPage(PHONE, "pl-PL");
    await searchByEmail(page, zofia);
    await page.locator("[data-testid=erasure-drill-results]").waitFor(POLL);
    expect(await page.locator("#drill-invitations").innerText()).toBe("Zaproszenia do ćwiczeń");
    expect(await row(page, drills.named).locator("[data-testid=erasure-drill-counts]").innerText()).toBe("2 odpowiedzi (1 z uzasadnieniem), 0 wiadomości");
    expect(await row(page, drills.anonymous).locator("[data-testid=erasure-drill-counts]").innerText()).toBe("odpowiedzi niepowiązane z osobą; 0 wiadomości");
    expect(await page.locator("[data-testid=erasure-anonymous-note]").innerText()).toContain("W ćwiczeniu anonimowym odpowiedzi nie są powiązane z osobą");
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, "erasure-drill-invitees-pl-phone");

    // Each row is a card on a phone: the button is tapped where it is.
    await row(page, drills.named).locator("[data-testid=erase-drill-start]").tap();
    const confirm = row(page, drills.named).locator("[data-testid=erase-drill-confirm]");
    await confirm.waitFor(POLL);
    expect(await confirm.innerText()).toContain("2 odpowiedzi i 0 wiadomości zostaną trwale usunięte");
    await screenshot(page, "erasure-drill-invitees-pl-confirm");
    await confirm.locator("[data-testid=erase-drill-confirm-button]").tap();
    const done = row(page, drills.named).locator("[data-testid=erase-drill-done]");
    await done.waitFor(POLL);
    expect(await done.innerText()).toBe(`Usunięto zaproszenie dla ${zofia}: przebieg z 2 odpowiedziami; 0 wiadomości.`);
    await screenshot(page, "erasure-drill-invitees-pl-done");

    await page.reload();
    await page.locator("[data-testid=erasure-drill-results]").waitFor(POLL);
    expect(await page.locator("[data-testid=erasure-drill-results] tbody tr").count()).toBe(1);
    expect(await row(page, drills.anonymous).count()).toBe(1);
    expect(await prisma.drillInvitation.count({ where: { sessionId: drills.named, email: zofia } })).toBe(0);
    expect(await prisma.drillRun.count({ where: { sessionId: drills.named } })).toBe(0);
    expect(await prisma.drillInvitation.count({ where: { sessionId: drills.named } })).toBe(1);
  });
});

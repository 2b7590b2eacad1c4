// The scenario catalogue in a real browser: search, tag and language filters, a drawn graph,
// uploads with and without errors, downloads, and a manager's read-only view.
//
// Its own server, not the shared one: it checks the catalogue as a whole (exactly the bundled
// library, "N of M" result counts, one more card after an upload), and the other browser files
// import and publish scenarios of their own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ROOT, type RunningApp } from "../helpers/app";
import { screenshot, startAppAndBrowser } from "../helpers/browser";

type Doc = { id: string; title: string; locale?: string; translationOf?: string; tags: string[]; nodes: Array<{ id: string; next?: string }> } & Record<string, unknown>;

const bundled: Doc[] = fs
  .readdirSync(path.join(ROOT, "scenarios"))
  .filter((f) => f.endsWith(".json") && f !== "scenario.schema.json")
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, "scenarios", f), "utf8")) as Doc);
// The catalogue shows one entry per scenario: an original with its translations.
const originals = bundled.filter((d) => !d.translationOf);
const versionsOf = (original: Doc) => bundled.filter((d) => d.id === original.id || d.translationOf === original.id);
const minimal = (): Doc => JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/valid-minimal.json"), "utf8")) as Doc;

const cardSlugs = (page: Page) => page.$$eval("[data-testid=scenario-card]", (cards) => cards.map((c) => c.getAttribute("data-slug")).sort());

async function signIn(page: Page, app: RunningApp, email: string, role: "FACILITATOR" | "MANAGER", callbackPath: string) {
  await page.goto(`${app.url}${callbackPath}`);
  await page.waitForURL(/\/login/);
  await page.fill("#email", email);
  await page.fill("#password", app.demoPassword(role));
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname === callbackPath);
}

describe("scenario catalogue in a real browser", () => {
  let app: RunningApp;
  let browser: Browser;
  let tmp: string;
  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rr-upload-"));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("lets a facilitator search, filter, open a drawn scenario and upload new ones", async () => {
    expect(originals.length).toBeGreaterThanOrEqual(9);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app, "facilitator@readyroom.local", "FACILITATOR", "/scenarios");
    await page.waitForSelector("h1:has-text('Scenarios')");
    expect(await page.textContent("header nav")).toContain("Scenarios");

    // The whole bundled library, one card per scenario listing its languages.
    expect(await cardSlugs(page)).toEqual(originals.map((d) => d.id).sort());
    for (const original of originals) {
      const card = page.locator(`[data-testid=scenario-card][data-slug="${original.id}"]`);
      expect((await card.getAttribute("data-locales"))!.split(" ").sort()).toEqual(versionsOf(original).map((d) => d.locale ?? "en").sort());
    }
    await screenshot(page, "scenarios-catalogue");

    // Search narrows to the one scenario that mentions a laptop.
    await page.fill("#filter-q", "laptop");
    await page.click("form[role=search] button[type=submit]");
    await page.waitForURL(/q=laptop/);
    const laptop = originals.filter((o) => versionsOf(o).some((d) => `${d.title} ${(d as { summary?: string }).summary ?? ""} ${d.tags.join(" ")}`.toLowerCase().includes("laptop")));
    expect(laptop.map((d) => d.id)).toContain("lost-unencrypted-laptop");
    expect(await cardSlugs(page)).toEqual(laptop.map((d) => d.id).sort());
    expect(await page.textContent("[data-testid=result-count]")).toContain(`${laptop.length} of ${originals.length}`);

    // Tag filter (the select submits on change).
    await page.goto(`${app.url}/scenarios`);
    await page.selectOption("#filter-tag", "gdpr");
    await page.waitForURL(/tag=gdpr/);
    const gdpr = originals.filter((o) => versionsOf(o).some((d) => d.tags.includes("gdpr"))).map((d) => d.id).sort();
    expect(gdpr.length).toBeGreaterThan(1);
    expect(gdpr.length).toBeLessThan(originals.length);
    expect(await cardSlugs(page)).toEqual(gdpr);

    // Language filter: every scenario with a Polish version, shown in Polish.
    await page.goto(`${app.url}/scenarios`);
    await page.selectOption("#filter-locale", "pl");
    await page.waitForURL(/locale=pl/);
    const polish = originals.filter((o) => versionsOf(o).some((d) => d.locale === "pl")).map((d) => d.id).sort();
    expect(polish.length).toBeGreaterThanOrEqual(2);
    expect(await cardSlugs(page)).toEqual(polish);
    expect(new Set(await page.$$eval("[data-testid=scenario-card]", (cards) => cards.map((c) => c.getAttribute("data-locale"))))).toEqual(new Set(["pl"]));
    await screenshot(page, "scenarios-catalogue-pl");

    // A scenario in two languages: its card opens either version, and "Run" preselects the shown one
    // in the new-session form, where the facilitator can switch the scenario's language.
    const paired = originals.find((o) => versionsOf(o).length > 1);
    if (paired) {
      const translation = versionsOf(paired).find((d) => d.id !== paired.id)!;
      await page.goto(`${app.url}/scenarios`);
      const card = page.locator(`[data-testid=scenario-card][data-slug="${paired.id}"]`);
      await card.locator(`[data-testid=scenario-languages] a[data-locale="${translation.locale}"]`).click();
      await page.waitForSelector(`h1:has-text(${JSON.stringify(translation.title)})`);
      await page.goto(`${app.url}/scenarios`);
      await page.locator(`[data-testid=scenario-card][data-slug="${paired.id}"] [data-testid=scenario-run]`).click();
      await page.waitForURL(/\/sessions\/new\?scenario=/);
      await page.waitForSelector("[data-testid=scenario-language]");
      const languages = await page.$$eval("#scenario-language option", (options) => options.map((o) => o.textContent));
      expect(languages).toHaveLength(versionsOf(paired).length);
      const before = await page.inputValue("#scenario");
      const localeBefore = await page.getAttribute("[data-testid=scenario-pick] .badge", "lang");
      const other = await page.$$eval("#scenario-language option", (options, current) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== current), before);
      await page.selectOption("#scenario-language", other!);
      expect(await page.inputValue("#scenario")).toBe(other);
      // The participants' language follows the scenario language just picked.
      const localeAfter = await page.getAttribute("[data-testid=scenario-pick] .badge", "lang");
      expect(localeAfter).not.toBe(localeBefore);
      expect(await page.inputValue("#session-locale")).toBe(localeAfter);
      await screenshot(page, "scenarios-new-session-language");
    }

    // Open the largest scenario: every node is drawn, inside the fitted view.
    const largest = [...originals].sort((a, b) => b.nodes.length - a.nodes.length)[0];
    await page.goto(`${app.url}/scenarios?q=${encodeURIComponent(largest.title)}`);
    await page.click(`[data-testid=scenario-card][data-slug="${largest.id}"] h2 a`);
    // The card opens the version in the interface's language (English here) when there is one.
    const shownTitle = (versionsOf(largest).find((d) => (d.locale ?? "en") === "en") ?? largest).title;
    await page.waitForSelector(`h1:has-text(${JSON.stringify(shownTitle)})`);
    await assertGraphDrawn(page, largest.nodes.length);
    expect(await page.textContent("[data-testid=lint-status]")).toMatch(/Lint:/);
    expect(await page.locator("[data-testid=versions] tbody tr").count()).toBe(1);
    await screenshot(page, "scenarios-detail");

    // Upload with errors: a dangling `next` and an unknown key.
    const broken = minimal();
    broken.nodes.splice(1, 0, { id: "briefing", type: "inject", title: "Briefing", body: "Read this first.", next: "nowhere" } as Doc["nodes"][number]);
    (broken.nodes[0] as Record<string, unknown>).colour = "red";
    const brokenFile = path.join(tmp, "broken.json");
    fs.writeFileSync(brokenFile, JSON.stringify(broken, null, 2));
    await page.goto(`${app.url}/scenarios`);
    await page.click("a:has-text('Upload a scenario')");
    await page.waitForURL(/\/scenarios\/upload$/);
    await page.setInputFiles("#scenario-file", brokenFile);
    await page.click("button:has-text('Check and upload')");
    const invalid = page.locator("[data-testid=upload-invalid]");
    await invalid.waitFor();
    const rows = await invalid.locator("[data-testid=findings] tbody tr").allTextContents();
    expect(rows.some((r) => r.includes("/nodes/1/next") && r.includes("DANGLING_REF") && r.includes("nowhere"))).toBe(true);
    expect(rows.some((r) => r.includes("/nodes/0/colour") && r.includes("SCHEMA") && r.includes("unknown key"))).toBe(true);
    expect(await invalid.textContent()).toContain("broken.json was not stored");
    await screenshot(page, "scenarios-upload-errors");

    // A file that is not JSON at all: the finding gives line and column.
    await page.setInputFiles("#scenario-file", path.join(ROOT, "tests/fixtures/scenarios/syntax-missing-comma.json"));
    await page.click("button:has-text('Check and upload')");
    await page.waitForSelector("[data-testid=upload-invalid] :text('SYNTAX')");
    expect(await page.textContent("[data-testid=upload-invalid] .pointer")).toMatch(/^line \d+, column \d+$/);

    // A valid modified copy is stored, linked, drawn and listed.
    const valid = minimal();
    valid.id = "e2e-uploaded-exposure";
    valid.title = "Uploaded in the browser test";
    const validFile = path.join(tmp, "valid.json");
    fs.writeFileSync(validFile, JSON.stringify(valid, null, 2));
    await page.setInputFiles("#scenario-file", validFile);
    await page.click("button:has-text('Check and upload')");
    const ok = page.locator("[data-testid=upload-ok]");
    await ok.waitFor();
    expect(await ok.textContent()).toContain("Stored.");
    await screenshot(page, "scenarios-upload-ok");
    await ok.locator("a:has-text('Open this version')").click();
    await page.waitForSelector("h1:has-text('Uploaded in the browser test')");
    await assertGraphDrawn(page, valid.nodes.length);
    expect(await page.textContent("[data-testid=versions]")).toContain("Uploaded");
    await screenshot(page, "scenarios-detail-uploaded");

    // Download JSON returns the stored document.
    const href = await page.getAttribute("[data-testid=download-json]", "href");
    const download = await context.request.get(`${app.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/attachment; filename="e2e-uploaded-exposure-[0-9a-f]{12}\.json"/);
    expect(((await download.json()) as Doc).title).toBe("Uploaded in the browser test");

    await page.goto(`${app.url}/scenarios`);
    expect(await cardSlugs(page)).toContain("e2e-uploaded-exposure");
    expect(await page.locator("[data-testid=scenario-card]").count()).toBe(originals.length + 1);
    await context.close();
  });

  it("lets a manager browse but not upload or download", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app, "manager@readyroom.local", "MANAGER", "/scenarios");
    expect(await page.locator("[data-testid=scenario-card]").count()).toBeGreaterThanOrEqual(originals.length);
    expect(await page.locator("a:has-text('Upload a scenario')").count()).toBe(0);

    await page.click(`[data-testid=scenario-card][data-slug="${originals[0].id}"] h2 a`);
    await page.waitForSelector(".react-flow__node");
    expect(await page.locator("[data-testid=download-json]").count()).toBe(0);
    const download = await context.request.get(`${page.url()}/download`);
    expect(download.status()).toBe(403);

    await page.goto(`${app.url}/scenarios/upload`);
    expect(await page.textContent("[data-testid=forbidden]")).toContain("You don't have access");
    await context.close();
  });
});

/** Every scenario node is drawn, and fitting the view put all of them inside the graph box. */
async function assertGraphDrawn(page: Page, nodeCount: number) {
  await page.waitForSelector(".react-flow__node");
  expect(await page.locator(".react-flow__node").count()).toBe(nodeCount);
  expect(await page.locator(".react-flow__edge").count()).toBeGreaterThan(0);
  const outside = await page
    .waitForFunction(
      () => {
        const box = document.querySelector("[data-testid=scenario-graph]")!.getBoundingClientRect();
        const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect());
        const out = nodes.filter((b) => b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1);
        return out.length === 0;
      },
      undefined,
      { timeout: 10_000 },
    )
    .then(() => 0)
    .catch(() => -1);
  expect(outside, "all nodes inside the fitted graph view").toBe(0);
}

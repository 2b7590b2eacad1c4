// The scenario studio in a real browser: build a three-node scenario from empty (forms and a
// drawn edge), fix a lint error by clicking it, check the JSON tab keeps the last good
// document on a syntax error, undo/redo from the keyboard, playtest to the end through the
// engine, read the coverage, and publish. No CSP violations along the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { screenshot } from "../helpers/browser";
import type { AppHandle } from "../helpers/app";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";

const field = (pointer: string, control = "input") => `[data-pointer="${pointer}"] ${control}`;
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

async function nodeIds(page: Page): Promise<string[]> {
  return page.$$eval("[data-testid=studio-node]", (els) => els.map((e) => e.getAttribute("data-node-id")!).sort());
}

describe("scenario studio in a real browser", () => {
  let app: AppHandle;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("builds a three-node scenario from empty, fixes a lint error by clicking it, playtests it to the end and publishes it", { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) cspErrors.push(msg.text());
    });
    await page.goto(`${app.url}/studio`);
    await page.waitForURL(/\/login/);
    await page.fill("#email", "facilitator@readyroom.local");
    await page.fill("#password", app.demoPassword("FACILITATOR"));
    await page.click("button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/studio");
    expect(await page.textContent("header nav")).toContain("Studio");

    // ---- a new, empty draft
    await page.click("[data-testid=new-draft]");
    await page.waitForURL(/\/studio\/(?!$)[^/]+$/);
    await page.waitForSelector("[data-testid=studio-canvas] .react-flow__renderer");
    await screenshot(page, "studio-empty");
    await page.fill(field("/id"), "e2e-studio-drill");
    await page.fill(field("/title"), "Studio drill");
    await page.fill(field("/summary", "textarea"), "A three-node drill written in the studio.");

    // ---- three nodes, edited through the side panel
    await page.click("[data-testid=add-inject]");
    await page.fill(field("/nodes/0/title"), "The SOC calls");
    await page.fill(field("/nodes/0/body", "textarea"), "The on-call analyst sees a dump of the survey database on a paste site.");
    await page.click("[data-testid=add-decision]");
    await page.fill(field("/nodes/1/prompt", "textarea"), "What do you do first?");
    await page.fill(field("/nodes/1/options/0/label"), "Contain now and preserve logs");
    await page.fill(field("/nodes/1/options/0/score/RS"), "2");
    await page.fill(field("/nodes/1/options/1/label"), "Wait for more evidence");
    await page.fill(field("/nodes/1/options/1/score/RS"), "0");
    await page.click("[data-testid=add-end]");
    await page.fill(field("/nodes/2/debrief", "textarea"), "Containment first kept the exposure short.");
    expect(await nodeIds(page)).toEqual(["decision-1", "end-1", "inject-1"]);

    // ---- undo and redo from the keyboard (outside text fields)
    await page.click(".react-flow__pane", { position: { x: 20, y: 20 } });
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=studio-node]").length === 2);
    await page.keyboard.press("Control+Shift+z");
    await page.keyboard.press("Control+y");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=studio-node]").length === 3);

    // ---- an edge drawn on the canvas: inject → decision
    const from = await page.locator(`${node("inject-1")} .react-flow__handle[data-handleid="next"]`).boundingBox();
    const to = await page.locator(`${node("decision-1")} .react-flow__handle.target`).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + 5, to!.y + 5, { steps: 10 });
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('.react-flow__edge[data-id="inject-1→next"]', { state: "attached" });

    // ---- both options lead to the end, chosen in the form
    await page.click(node("decision-1"));
    await page.selectOption(field("/nodes/1/options/0/next", "select"), "end-1");
    await page.selectOption(field("/nodes/1/options/1/next", "select"), "end-1");
    await page.waitForSelector('.react-flow__edge[data-id="decision-1→option-1"]', { state: "attached" });

    // Deleting a node others point to asks first (dismissed here: nothing changes).
    const dialogs: string[] = [];
    page.once("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.click("[data-testid=delete-node]");
    expect(dialogs[0]).toContain("decision-1");
    expect(await nodeIds(page)).toHaveLength(3);

    // ---- the end still has no title: one error, shown on the node and in the list
    const error = page.locator('[data-testid=finding][data-pointer="/nodes/2/title"]');
    await error.waitFor();
    expect(await page.locator('[data-testid=finding][data-severity=error]').count()).toBe(1);
    expect(await page.isDisabled("[data-testid=publish]")).toBe(true);
    expect(await page.textContent(`${node("end-1")} .studio-node-marks`)).toContain("1 error");
    await screenshot(page, "studio-built-with-error");

    await error.click();
    await page.waitForSelector('.is-focused[data-pointer="/nodes/2/title"]');
    expect(await page.evaluate(() => document.activeElement?.closest("[data-pointer]")?.getAttribute("data-pointer"))).toBe("/nodes/2/title");
    expect(await page.getAttribute(node("end-1"), "class")).toContain("selected");
    await screenshot(page, "studio-finding-selected");
    await page.keyboard.type("Contained in time");

    // ---- pedagogy warnings: one option scores, the other is a strawman; no decision trades
    // one capability against another. Warnings do not block publishing.
    await page.waitForSelector('[data-testid=lint-summary]:has-text("0 errors, 2 warnings")');
    const codes = () => page.$$eval("[data-testid=finding]", (rows) => rows.map((r) => `${r.getAttribute("data-code")} ${r.getAttribute("data-pointer")}`).sort());
    expect(await codes()).toEqual(["NO_TRADEOFF /nodes", "STRAWMAN_DECISION /nodes/1"]);
    expect(await page.isEnabled("[data-testid=publish]")).toBe(true);
    await screenshot(page, "studio-pedagogy-warnings");
    // Marking the decision as having one right answer is deliberate, and silences STRAWMAN_DECISION.
    await page.click(node("decision-1"));
    await page.selectOption(field("/nodes/1/teaching", "select"), "single-answer");
    await page.waitForSelector('[data-testid=lint-summary]:has-text("0 errors, 1 warning")');
    expect(await codes()).toEqual(["NO_TRADEOFF /nodes"]);

    // ---- the JSON tab: the same document; a syntax error names line and column and keeps the document
    await page.click("[data-testid=tab-json]");
    await page.waitForSelector(".cm-content");
    expect(await page.textContent(".cm-content")).toContain('"title": "Contained in time"');
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("oops");
    await page.waitForSelector("[data-testid=json-error]");
    expect(await page.textContent("[data-testid=json-error]")).toMatch(/Line \d+, column \d+/);
    await screenshot(page, "studio-json-syntax-error");
    expect(await page.textContent("[data-testid=lint-summary]")).toContain("0 errors, 1 warning");
    for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
    await page.waitForSelector("[data-testid=json-error]", { state: "detached" });

    // ---- playtest through the engine: to the end, step back, the other way
    await page.click("[data-testid=tab-playtest]");
    await page.click("[data-testid=play-advance]");
    await page.click('[data-testid=play-option][data-option-id="a"]');
    await page.waitForSelector("[data-testid=playtest-ended]");
    expect(await page.textContent('[data-testid=playtest-scores] [data-capability="RS"]')).toBe("2");
    expect(await page.$$eval("[data-testid=playtest-visited] li", (li) => li.map((l) => l.textContent))).toEqual(["inject-1", "decision-1", "end-1"]);
    await screenshot(page, "studio-playtest-end");
    await page.click("[data-testid=step-back]");
    await page.click('[data-testid=play-option][data-option-id="b"]');
    await page.waitForSelector("[data-testid=playtest-ended]");
    expect(await page.textContent('[data-testid=playtest-scores] [data-capability="RS"]')).toBe("0");

    // ---- coverage
    await page.click("[data-testid=tab-coverage]");
    await page.waitForSelector("[data-testid=coverage-decision]");
    expect(await page.textContent('[data-testid=coverage-decision][data-node-id="decision-1"] [data-capability="RS"]')).toBe("0 … 2");
    expect(await page.getAttribute('[data-testid=coverage-ending]', "data-reachable")).toBe("true");
    await screenshot(page, "studio-coverage");

    // ---- publish: a new catalogue version
    await page.click("[data-testid=publish]");
    await page.waitForSelector("[data-testid=published]");
    expect(await page.textContent("[data-testid=published]")).toMatch(/Published as version [0-9a-f]{12}/);
    await page.click("[data-testid=published] a");
    await page.waitForSelector("h1:has-text('Studio drill')");
    expect(await page.textContent("[data-testid=lint-status]")).toBe("Lint: 1 warning");
    await screenshot(page, "studio-published-detail");

    // ---- duplicating a library scenario opens it in the studio, laid out
    await page.goto(`${app.url}/scenarios`);
    await page.click('[data-testid=scenario-card][data-slug="ransomware-survey-platform"] a');
    await page.click("[data-testid=scenario-more] summary");
    await page.click("[data-testid=duplicate]");
    await page.waitForURL(/\/studio\/[^/]+$/);
    await page.waitForSelector("[data-testid=studio-node]");
    await page.waitForSelector("[data-testid=save-state][data-state=saved]", { timeout: 20_000 });
    await screenshot(page, "studio-duplicate-library");
    expect(await page.textContent("[data-testid=lint-summary]")).toContain("no problems");

    expect(cspErrors).toEqual([]);
  });
});

// The after-action report in a real browser: the facilitator opens it from the session
// console, overrides a rating (the rationale is required), adds a strength and an improvement
// item; a manager reads the same report without editing controls. Screenshots land in
// tests/artifacts/ (aar-*.png).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, recordProblems, screenshot } from "../helpers/browser";
import { signedInContext } from "../helpers/e2e-auth";
import type { AppHandle } from "../helpers/app";
import { sharedAppAndBrowser, uniqueTag, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";
import { BEST, WORST, openWorld } from "../integration/reports/aar-world";
import { rollUpCsf } from "@/lib/scoring";
import { ZScenario } from "@/lib/scenario";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

const played = ZScenario.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "../../scenarios/ransomware-survey-platform.json"), "utf8")));

/** A page signed in as `email` (tests/e2e/login.test.ts checks the form), opened at `at`, in `locale` when given. */
async function signInAs(browser: Browser, app: AppHandle, email: string, password: string, problems: string[], at = "/", locale?: "en" | "pl"): Promise<Page> {
  const context = await signedInContext(browser, app, email, password, { viewport: { width: 1360, height: 1000 } });
  if (locale) await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  // Console errors (a CSP violation shows up here) and failed requests; the app has no favicon.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`${email}: ${m.text()}`);
  });
  recordProblems(page, email, problems);
  await page.goto(`${app.url}${at}`);
  return page;
}

// On the shared server: the session's teams carry a tag of this run, so no other file's
// sessions join their history; every check reads this file's session. Its facilitator is its
// own, so the home page's session list holds this file's session only.
const TAG = uniqueTag();
const LODZ = `Zespół Łódź ${TAG}`;
const IT_TEAM = `Bezpieczeństwo IT ${TAG}`;

/** How long a PDF export may take to arrive (the test's own limit is 120 s). */
const PDF_TIMEOUT_MS = 90_000;

describe("after-action report in the browser", () => {
  let app: AppHandle;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let sessionId: string;
  let facilitator: UniqueUser;

  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    world = await openWorld(app);
    facilitator = await uniqueUser(app, "FACILITATOR", "aar");
    const fac = await world.user(facilitator.email);
    ({ sessionId } = await world.play({
      facilitator: fac,
      slug: "ransomware-survey-platform",
      title: "Ćwiczenie: ransomware",
      teams: [
        { name: LODZ, choose: WORST, voters: 3 },
        { name: IT_TEAM, choose: BEST, voters: 3 },
      ],
      note: "Legal joined late; the ransom question took most of the time.",
    }));
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await browser?.close();
    await app?.stop();
  });

  it("a facilitator overrides a rating, adds a strength and a plan item; a manager reads it", { timeout: 240_000 }, async () => {
    const problems: string[] = [];
    const page = await signInAs(browser, app, facilitator.email, facilitator.password, problems);

    // From the home page's session list and from the console.
    await page.waitForSelector(`[data-testid=session-aar-link][href="/sessions/${sessionId}/aar"]`);
    await page.goto(`${app.url}/sessions/${sessionId}`);
    await page.click("[data-testid=aar-link]");
    await page.waitForURL(`**/sessions/${sessionId}/aar`);
    await page.waitForSelector("[data-testid=aar-chart] svg rect");
    expect(await page.textContent("[data-testid=aar-title]")).toBe("Ćwiczenie: ransomware");
    expect(await page.locator("[data-testid=aar-capability]").count()).toBe(played.capabilities.length);
    await screenshot(page, "aar-page");

    // NIST CSF 2.0: each function the scenario maps to, followed by its categories, per team.
    const csf = rollUpCsf(played.capabilities, []);
    const expectedRows = csf.flatMap((fn) => [`function ${fn.id}`, ...fn.categories.map((c) => `category ${c.id}`)]);
    expect(expectedRows.length).toBeGreaterThan(0);
    expect(await page.$$eval("[data-testid=aar-csf] tbody tr", (rows) => rows.map((r) => `${r.getAttribute("data-level")} ${r.getAttribute("data-csf")}`))).toEqual(expectedRows);
    // The best team never trails the worst on a function line.
    for (const fn of csf) {
      const cells = await page.$$eval(`[data-testid=aar-csf] tr[data-csf="${fn.id}"] td.num`, (tds) => tds.map((td) => parseFloat((td.firstChild?.textContent ?? "").replace(/[^\d.,]/g, "").replace(",", ".")) || 0));
      expect(cells[1], `${fn.id}: ${cells.join(" vs ")}`).toBeGreaterThanOrEqual(cells[0]);
    }
    await page.locator("[data-testid=aar-csf]").screenshot({ path: path.join(ARTIFACTS, "aar-csf.png") });

    // Override Respond for Zespół Łódź: the rationale is required.
    const respond = page.locator('[data-testid=aar-capability][data-capability="RS"]');
    const row = respond.locator(`[data-testid=aar-rating-row][data-team="${LODZ}"]`);
    expect(await row.locator("[data-testid=aar-final-rating]").textContent()).toMatch(/^U/);
    await row.locator("[data-testid=aar-override-open]").click();
    await row.locator("select[name=rating]").selectOption("M");
    await row.locator("[data-testid=aar-override-save]").click();
    await row.locator("[data-testid=field-error]").waitFor();
    await respond.screenshot({ path: `${ARTIFACTS}/aar-override-error.png` });
    await row.locator("textarea[name=rationale]").fill("Zespół odzyskał kontrolę w dyskusji po ćwiczeniu i poprawnie opisał izolację.");
    await row.locator("[data-testid=aar-override-save]").click();
    await row.locator("[data-testid=aar-override]").waitFor();
    expect(await row.locator("[data-testid=aar-final-rating]").textContent()).toMatch(/^M/);
    expect(await row.locator("[data-testid=aar-override]").textContent()).toContain("proposed U");

    // A strength for the whole session.
    const strengths = respond.locator("[data-testid=aar-strengths]");
    await strengths.locator("textarea[name=text]").fill("Hosts were isolated within minutes; memory was captured first.");
    await strengths.locator("[data-testid=aar-finding-save]").click();
    await strengths.locator("[data-testid=aar-finding]", { hasText: "Hosts were isolated within minutes" }).waitFor();
    await respond.screenshot({ path: `${ARTIFACTS}/aar-capability-edited.png` });

    // An improvement plan item for Zespół Łódź.
    const form = page.locator("[data-testid=aar-plan-form]");
    await form.locator("select[name=capabilityId]").selectOption("RS");
    await form.locator("select[name=teamId]").selectOption({ label: LODZ });
    await form.locator("input[name=action]").fill("Write and rehearse the isolation runbook");
    await form.locator("input[name=owner]").fill("Kierownik IT");
    await form.locator("input[name=dueDate]").fill("2027-01-15");
    await form.locator("[data-testid=aar-plan-save]").click();
    await page.locator("[data-testid=aar-plan] [data-testid=aar-plan-item]", { hasText: "Write and rehearse the isolation runbook" }).waitFor();
    await page.locator("[data-testid=aar-plan] [data-testid=aar-plan-status]").selectOption("IN_PROGRESS");
    await page.waitForFunction(() => (document.querySelector("[data-testid=aar-plan] [data-testid=aar-plan-status]") as HTMLSelectElement | null)?.value === "IN_PROGRESS");
    await screenshot(page, "aar-page-edited");

    const stored = await world.prisma.improvementItem.findFirstOrThrow({ where: { originSessionId: sessionId } });
    expect(stored).toMatchObject({ action: "Write and rehearse the isolation runbook", owner: "Kierownik IT", status: "IN_PROGRESS", capabilityId: "RS" });
    expect(stored.dueDate?.toISOString().slice(0, 10)).toBe("2027-01-15");

    // A manager sees the same report, with no editing controls, and can download the PDF.
    const mgr = await signInAs(browser, app, "manager@readyroom.local", app.demoPassword("MANAGER"), problems, `/sessions/${sessionId}/aar`);
    await mgr.waitForSelector("[data-testid=aar-override]");
    expect(await mgr.locator("[data-testid=aar-override-open]").count()).toBe(0);
    expect(await mgr.locator("[data-testid=aar-plan-form]").count()).toBe(0);
    expect(await mgr.locator("[data-testid=aar-finding]").first().textContent()).toContain("Hosts were isolated");
    // The first export starts the PDF worker and loads its fonts: on a loaded 2-core machine that can pass 30 s.
    const download = await mgr.request.get(`${app.url}/api/sessions/${sessionId}/aar/pdf`, { timeout: PDF_TIMEOUT_MS });
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    fs.writeFileSync(path.join(ARTIFACTS, "aar-e2e.pdf"), await download.body());

    // Polish interface: the same page through the language cookie.
    await mgr.context().addCookies([{ name: "NEXT_LOCALE", value: "pl", url: app.url }]);
    await mgr.goto(`${app.url}/sessions/${sessionId}/aar`);
    await mgr.waitForSelector("h2:has-text('Analiza zdolności')");
    await screenshot(mgr, "aar-page-manager-pl");

    // A phone-sized screen: nothing sticks out sideways.
    const phone = await browser.newContext({ viewport: { width: 390, height: 840 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, storageState: await mgr.context().storageState() });
    const small = await phone.newPage();
    await small.goto(`${app.url}/sessions/${sessionId}/aar`);
    await small.waitForSelector("[data-testid=aar-chart]");
    await screenshot(small, "aar-page-phone");

    expect(problems).toEqual([]);
  });

  it("opens with the summary, in English and in Polish, on the page and in the PDF", { timeout: 240_000 }, async () => {
    const problems: string[] = [];
    await world.prisma.improvementItem.create({ data: { originSessionId: sessionId, capabilityId: "RS", action: "Rehearse restoring from the offline backups", owner: "Anna Nowak", dueDate: new Date("2020-01-31T00:00:00Z"), status: "OPEN" } });
    const mgr = await signInAs(browser, app, "manager@readyroom.local", app.demoPassword("MANAGER"), problems, `/sessions/${sessionId}/aar`, "en");
    const summary = mgr.locator("[data-testid=aar-summary]");
    await summary.waitFor();
    // The summary is the report's first section.
    expect(await mgr.$eval("[data-testid=aar] section", (el) => el.getAttribute("data-testid"))).toBe("aar-summary");
    expect(await summary.locator("h2").textContent()).toBe("Summary");
    expect(await summary.locator("[data-testid=aar-summary-overall]").textContent()).toMatch(/Overall readiness\s*\d+\s?%/);
    const glance = await summary.locator("[data-testid=aar-summary-glance] li").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-capability"), li.querySelector("[data-rating]")?.getAttribute("data-rating") ?? null]));
    expect(glance.length).toBeGreaterThan(3);
    expect(glance.every(([, r]) => r !== null && "PSMU".includes(r))).toBe(true);
    const gaps = await summary.locator("[data-testid=aar-summary-gaps] li").allTextContents();
    expect(gaps.length).toBe(3);
    // Two teams: each gap names the weakest, the team that chose the worst options.
    for (const gap of gaps) expect(gap).toContain(`weakest: ${LODZ}`);
    const items = await summary.locator("[data-testid=aar-summary-items] li").allTextContents();
    expect(items.some((i) => i.includes("Rehearse restoring from the offline backups") && i.includes("Owner: Anna Nowak") && i.includes("Overdue"))).toBe(true);
    await summary.screenshot({ path: path.join(ARTIFACTS, "aar-summary-en.png") });

    // Each timeline ends with the ending, after the decision that led to it.
    const lastTwo = await mgr.$$eval("[data-testid=aar-timeline] ol", (lists) => lists.map((ol) => [...ol.children].slice(-2).map((li) => li.className)));
    expect(lastTwo.length).toBe(2);
    for (const pair of lastTwo) expect(pair).toEqual([expect.stringContaining("aar-tl-lock"), expect.stringContaining("aar-tl-end")]);

    // A long option text takes one line; a click shows it whole.
    const option = mgr.locator("[data-testid=aar-option]").first();
    const text = mgr.locator("[data-testid=aar-option] .one-line-text").first();
    const lineHeight = await text.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect((await text.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    expect(await text.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await option.locator("summary").click();
    expect(await option.getAttribute("open")).not.toBeNull();
    expect((await text.boundingBox())!.height).toBeGreaterThan(lineHeight * 1.5);
    await mgr.locator("[data-testid=aar-timeline]").first().screenshot({ path: path.join(ARTIFACTS, "aar-timeline-en.png") });

    // Polish.
    await mgr.context().addCookies([{ name: "NEXT_LOCALE", value: "pl", url: app.url }]);
    await mgr.goto(`${app.url}/sessions/${sessionId}/aar`);
    await summary.waitFor();
    expect(await summary.locator("h2").textContent()).toBe("Podsumowanie");
    expect(await summary.textContent()).toContain("Największe luki");
    expect(await summary.textContent()).toContain("Odpowiada: Anna Nowak");
    expect(await summary.textContent()).toContain(`najsłabszy: ${LODZ}`);
    await summary.screenshot({ path: path.join(ARTIFACTS, "aar-summary-pl.png") });

    // The PDF opens with the same summary: its first page, rendered to PNG.
    for (const locale of ["en", "pl"] as const) {
      await mgr.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: app.url }]);
      const res = await mgr.request.get(`${app.url}/api/sessions/${sessionId}/aar/pdf`, { timeout: PDF_TIMEOUT_MS });
      expect(res.status()).toBe(200);
      const file = path.join(ARTIFACTS, `aar-summary-${locale}.pdf`);
      fs.writeFileSync(file, await res.body());
      const firstPage = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", file, "-"], { encoding: "utf8" });
      // The column labels are set in capitals and letter-spaced: pdftotext may split a word, so compare without spaces.
      const squeezed = (text: string) => text.toLocaleUpperCase(locale).replace(/\s+/g, "");
      expect(squeezed(firstPage)).toContain(squeezed(locale === "en" ? "Biggest gaps" : "Największe luki"));
      expect(firstPage).toContain("Anna Nowak");
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, path.join(ARTIFACTS, `aar-pdf-summary-${locale}`)]);
    }
    expect(problems).toEqual([]);
  });
});

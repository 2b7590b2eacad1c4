// The manager dashboard in a real browser: the heat-map and trend charts with data, a team
// filter, drill-down from a cell to its sessions and on to one decision, the empty state,
// and no CSP violations on the way. Screenshots go to tests/artifacts/.
//
// Its own server, not the shared one: the bulk seed turns the report triggers off and then runs
// readyroom_rebuild_report_aggregates(), which empties and recomputes every report aggregate of
// the database (not only the seeded teams'); on the shared server that would race with the
// triggers of other files' sessions. The manager dashboard is also checked over all teams.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunningApp } from "../helpers/app";
import { screenshot, startAppAndBrowser } from "../helpers/browser";
import { appDatabase, createUser } from "../helpers/app-db";
import { seedReports, type ReportSeed } from "../../scripts/bench/reports-seed";

async function signIn(page: Page, app: RunningApp, email: string, password: string, callbackPath: string) {
  await page.goto(`${app.url}${callbackPath}`);
  await page.waitForURL(/\/login/);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.pathname === callbackPath);
}

describe("manager dashboard in a real browser", () => {
  let app: RunningApp;
  let browser: Browser;
  let prisma: PrismaClient;
  let seed: ReportSeed;

  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser();
    prisma = appDatabase(app);
    // The same rows, loaded in one transaction with the per-decision triggers off and the
    // report aggregates rebuilt after in a few set-based statements (the app's database is
    // fresh, so the rebuild covers exactly these rows). Row by row through the triggers this
    // took about 4 minutes on a loaded 2-core machine.
    seed = await seedReports(prisma, { tag: "Ops", sessions: 40, teams: 5, decisionsPerTeam: 12, start: new Date("2026-01-05T09:00:00Z"), spacingHours: 60, abortEvery: 13, smallTeamVoters: 2, silentTeam: true, bulk: true });
    // A facilitator's rating override shows on the cell of a one-session view and in the drill-down.
    const st = await prisma.sessionTeam.findFirstOrThrow({ where: { teamId: seed.teamIds[0], sessionId: seed.sessionIds[seed.sessionIds.length - 1] } });
    await prisma.ratingOverride.create({ data: { sessionId: st.sessionId, sessionTeamId: st.id, capabilityId: "RS", proposed: "M", rating: "S", rationale: "Strong hot wash discussion" } });
    await createUser(prisma, "newfac@readyroom.local", "FACILITATOR");
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await browser?.close();
    await app?.stop();
  });

  it("shows the heat-map and trends, filters by team, and drills down to a session and a decision", async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text()); });
    // The app has no favicon; every other failed request is a defect.
    page.on("response", (r) => { if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") problems.push(`${r.status()} ${r.url()}`); });
    page.on("pageerror", (e) => problems.push(e.message));
    await signIn(page, app, "manager@readyroom.local", app.demoPassword("MANAGER"), "/reports");

    await page.waitForSelector("[data-testid=heatmap]");
    expect(await page.textContent("header nav")).toContain("Reports");
    const rows = await page.$$eval("[data-testid=heatmap] tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-team")));
    expect(rows).toEqual([...seed.teamNames].sort());
    const withheld = await page.$$eval("[data-testid=row-withheld]", (els) => els.map((e) => e.textContent ?? ""));
    expect(withheld).toHaveLength(2);
    expect(withheld.some((w) => w.includes("only 2 people responded"))).toBe(true);
    expect(withheld.some((w) => w.includes("never voted"))).toBe(true);
    const ratings = await page.$$eval("td.heat-cell[data-rating]", (tds) => tds.map((td) => td.getAttribute("data-rating")));
    expect(ratings.length).toBeGreaterThan(20);
    expect(ratings.every((r) => ["P", "S", "M", "U"].includes(r!))).toBe(true);
    // recharts drew a line per team and per capability.
    await page.waitForSelector("[data-testid=trend-teams] .recharts-line-curve");
    // The small and the silent team are withheld in every period, so they are named, not drawn.
    expect(await page.$$eval("[data-testid=trend-teams] .recharts-line", (l) => l.length)).toBe(seed.teamNames.length - 2);
    expect(await page.textContent("[data-testid=trend-withheld]")).toContain(seed.teamNames[seed.teamNames.length - 1]);
    expect(await page.$$eval("[data-testid=trend-capabilities] .recharts-line", (l) => l.length)).toBe(seed.scenario.capabilities.length);
    expect(await page.textContent("[data-testid=gap-ranking]")).toBeTruthy();
    // A headline per team: latest readiness and a trend arrow; small teams said once, with what to do.
    const headlines = await page.$$eval("[data-testid=team-headlines] li", (lis) => lis.map((li) => [li.getAttribute("data-team"), li.getAttribute("data-trend")]));
    expect(headlines.map(([name]) => name)).toEqual([...seed.teamNames].sort());
    expect(headlines.filter(([, trend]) => trend !== "none").length).toBe(seed.teamNames.length - 2);
    const note = await page.textContent("[data-testid=small-teams-note]");
    expect(note).toContain("merge small teams");
    expect(note).toContain(seed.teamNames[seed.teamNames.length - 2]);
    expect(await page.$$("[data-testid=small-teams-note]")).toHaveLength(1);
    await screenshot(page, "reports-dashboard");

    // Filter to two teams and a date range.
    await page.check(`[data-testid=filter-teams] input[value="${seed.teamIds[0]}"]`);
    await page.check(`[data-testid=filter-teams] input[value="${seed.teamIds[1]}"]`);
    await page.fill("#filter-from", "2026-02-01");
    await page.fill("#filter-to", "2026-03-31");
    await Promise.all([page.waitForURL(/team=/), page.click("[data-testid=apply-filters]")]);
    await page.waitForSelector("[data-testid=heatmap]");
    expect(await page.$$eval("[data-testid=heatmap] tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-team")))).toEqual([seed.teamNames[0], seed.teamNames[1]]);
    expect(new URL(page.url()).searchParams.getAll("team")).toEqual([seed.teamIds[0], seed.teamIds[1]]);
    expect(await page.isChecked(`[data-testid=filter-teams] input[value="${seed.teamIds[1]}"]`)).toBe(true);
    expect(new URL(page.url()).searchParams.get("from")).toBe("2026-02-01");
    await screenshot(page, "reports-dashboard-filtered");

    // Drill down: the RS cell → its sessions → one decision.
    await Promise.all([page.waitForURL(/\/reports\/teams\/.*capability=RS/), page.click("td.heat-cell[data-capability=RS] a")]);
    await page.waitForSelector("[data-testid=cell-sessions]");
    const sessions = await page.$$("[data-testid=cell-sessions] li[data-status]");
    expect(sessions.length).toBeGreaterThan(3);
    expect(await page.$$("[data-testid=aborted-badge]")).not.toHaveLength(0);
    // Decisions are named by their titles in the scenario, not by node ids.
    const links = await page.$$eval("[data-testid=decision-link]", (as) => as.map((a) => [a.textContent ?? "", a.getAttribute("title") ?? ""]));
    const titles = new Map(seed.scenario.nodes.map((n) => [n.id, "title" in n ? n.title : undefined]));
    expect(links.length).toBeGreaterThan(0);
    for (const [text, nodeId] of links) expect(text.startsWith(titles.get(nodeId) ?? "\u0000")).toBe(true);
    await screenshot(page, "reports-drilldown");
    await Promise.all([page.waitForURL(/\/reports\/decisions\//), page.click("[data-testid=decision-link] >> nth=0")]);
    await page.waitForSelector("[data-testid=decision-detail]");
    expect(await page.textContent("[data-testid=decision-choice]")).toBeTruthy();
    await screenshot(page, "reports-decision");

    // The latest session alone shows the override on the heat-map.
    const last = await prisma.exerciseSession.findUniqueOrThrow({ where: { id: seed.sessionIds[seed.sessionIds.length - 1] } });
    const day = last.startedAt!.toISOString().slice(0, 10);
    await page.goto(`${app.url}/reports?team=${seed.teamIds[0]}&from=${day}&to=${day}`);
    await page.waitForSelector("[data-testid=heatmap]");
    expect(await page.textContent("td.heat-cell[data-capability=RS]")).toContain("S✎");
    // One period is not a trend.
    expect(await page.textContent("[data-testid=trends-after-two]")).toContain("Trends appear after 2 or more exercises");
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the empty state to a facilitator without sessions, in Polish too", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const page = await context.newPage();
    await signIn(page, app, "newfac@readyroom.local", "correct horse battery", "/reports");
    await page.waitForSelector("[data-testid=reports-empty]");
    expect(await page.textContent("[data-testid=reports-empty]")).toContain("No completed exercises yet");
    await screenshot(page, "reports-empty");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "pl", url: app.url }]);
    await page.reload();
    await page.waitForSelector("[data-testid=reports-empty]");
    expect(await page.textContent("[data-testid=reports-empty]")).toContain("Nie ma jeszcze zakończonych ćwiczeń");
    await context.close();
  });
});

// The dashboard's on-time notification rate from real sessions of the DORA scenario: each team
// run's clocks are judged from its recorded decisions (no notices are recorded yet, so a clock
// that started counts as never sent), per organisation team and period, and the /reports page
// shows the card (screenshot in tests/artifacts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { sharedApp, type AppHandle } from "../../helpers/app";
import { unique } from "../../helpers/unique";
import { DESKTOP, launchBrowser, screenshot, signIn } from "../../helpers/browser";
import { EMPTY_FILTERS } from "@/lib/reports/filters";
import { onTimeNotificationRate } from "@/lib/reports/notification-rate";
import { clockOutcomesFromDecisions } from "@/lib/reports/notification-rate-load";
import { reportScope } from "@/lib/reports/scope";
import { BEST, openWorld, WORST } from "./aar-world";

// On the project's shared server: the manager sees every file's sessions, so the checks read
// only this file's own organisation teams.
const TREASURY = unique("Treasury");
const TINY = unique("Tiny");

describe("on-time notification rate", () => {
  let app: AppHandle;
  let browser: Browser | undefined;
  let world: Awaited<ReturnType<typeof openWorld>>;

  beforeAll(async () => {
    app = await sharedApp();
    world = await openWorld(app);
    const facilitator = await world.user("facilitator@readyroom.local");
    await world.play({ facilitator, slug: "dora-major-ict-incident", title: "DORA drill", teams: [{ name: TREASURY, choose: BEST, voters: 3 }, { name: TINY, choose: WORST, voters: 1 }] });
    await world.play({ facilitator, slug: "ransomware-survey-platform", title: "No clocks here", teams: [{ name: TREASURY, choose: BEST, voters: 3 }] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await app?.stop();
  });

  it("judges each team run's clocks from its decisions and rates them per team, withholding small groups", async () => {
    const manager = await world.user("manager@readyroom.local");
    const outcomes = await clockOutcomesFromDecisions(world.prisma, reportScope(manager)!, EMPTY_FILTERS);
    // Only the DORA session declares clocks: one run per team.
    const ours = outcomes.filter((o) => o.teamName === TREASURY || o.teamName === TINY);
    expect(ours.map((o) => o.teamName).sort()).toEqual([TINY, TREASURY].sort());
    const treasury = outcomes.find((o) => o.teamName === TREASURY)!;
    // The initial notification started and was never sent; the later stages never started.
    expect(treasury.timeliness).toEqual(["never", "not-started", "not-started"]);
    expect(treasury.respondents).toBe(3);

    const rate = onTimeNotificationRate(outcomes, "month", 3);
    const row = rate.teams.find((t) => t.name === TREASURY)!;
    expect(row.points).toHaveLength(1);
    expect(row.points[0]).toMatchObject({ due: 1, onTime: 0, rate: 0, suppressed: false });
    expect(rate.teams.find((t) => t.name === TINY)!.points[0]).toMatchObject({ suppressed: true, rate: null });
  });

  it("shows the card on the dashboard", async () => {
    browser = await launchBrowser();
    const context = await browser.newContext(DESKTOP);
    const page = await signIn(context, app.url, "manager@readyroom.local", app.demoPassword("MANAGER"));
    await page.goto(`${app.url}/reports?bucket=month`);
    const card = page.locator("[data-testid=notification-rate]");
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator(`tr[data-team="${TREASURY}"]`).innerText()).toContain("0%");
    expect(await card.locator(`tr[data-team="${TINY}"]`).innerText()).toContain("hidden");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "notification-rate-dashboard");
    await context.close();
  }, 120_000);
});

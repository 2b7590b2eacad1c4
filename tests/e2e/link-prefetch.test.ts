// In-app links prefetch their route when the reader shows intent, not when they scroll into
// view (components/ui/IntentLink.tsx), on the shared server: a signed-in page view makes no
// prefetch request; pointing at a navigation link prefetches that route alone, and a click
// navigates on the client. On a phone, a tap navigates just the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, PHONE, settle, watchRequests } from "../helpers/browser";
import type { AppHandle } from "../helpers/app";
import { signedInPage } from "../helpers/e2e-auth";
import { sharedAppAndBrowser, uniqueUser, type UniqueUser } from "../helpers/unique-e2e";

/** Paths of the route prefetches `page` sends from now on. */
function prefetches(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"]) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

describe("link prefetching", () => {
  let app: AppHandle;
  let browser: Browser;
  let facilitator: UniqueUser;
  beforeAll(async () => {
    [app, browser] = await sharedAppAndBrowser();
    facilitator = await uniqueUser(app, "FACILITATOR", "prefetch", "Pia Prefetch");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("prefetches a route only once the pointer is over its link, and navigates on the client", async () => {
    const page = await signedInPage(browser, app, facilitator.email, facilitator.password, DESKTOP, "/scenarios");
    const seen = prefetches(page);
    watchRequests(page);
    await page.reload();
    await settle(page);
    await page.waitForTimeout(500);
    expect(seen).toEqual([]);

    const reports = page.locator("header nav a[href='/reports']");
    await reports.hover();
    await expect.poll(() => seen, { timeout: 10_000 }).toContain("/reports");
    expect(new Set(seen)).toEqual(new Set(["/reports"]));

    // A client-side navigation keeps the page's JavaScript state: the marker survives it.
    await page.evaluate(() => ((window as { __stay?: boolean }).__stay = true));
    await reports.click();
    await page.waitForURL(/\/reports$/);
    expect(await page.evaluate(() => (window as { __stay?: boolean }).__stay)).toBe(true);
    await page.context().close();
  });

  it("navigates with a tap on a phone without having prefetched", async () => {
    const page = await signedInPage(browser, app, facilitator.email, facilitator.password, PHONE, "/");
    const seen = prefetches(page);
    watchRequests(page);
    await page.reload();
    await settle(page);
    expect(seen).toEqual([]);
    await page.locator("a[href='/privacy']").first().tap();
    await page.waitForURL(/\/privacy$/);
    await page.context().close();
  });
});

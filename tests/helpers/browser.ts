// Debian's Chromium driven by playwright-core, with the flags this environment needs.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT, startApp, type RunningApp, type StartOptions } from "./app";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const ARTIFACTS = path.join(ROOT, "tests", "artifacts");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium' (npm test does this when run as root)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Starts the app and Chromium together. When either fails, the other is stopped before the
 * error is thrown, so a failed launch never leaves a server running behind the test file.
 */
export async function startAppAndBrowser(opts: StartOptions = {}): Promise<[RunningApp, Browser]> {
  const [app, browser] = await Promise.allSettled([startApp(opts), launchBrowser()]);
  if (app.status === "fulfilled" && browser.status === "fulfilled") return [app.value, browser.value];
  if (app.status === "fulfilled") await app.value.stop().catch(() => undefined);
  if (browser.status === "fulfilled") await browser.value.close().catch(() => undefined);
  throw app.status === "rejected" ? app.reason : (browser as PromiseRejectedResult).reason;
}

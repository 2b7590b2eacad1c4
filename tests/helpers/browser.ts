// Debian's Chromium driven by playwright-core, with the flags this environment needs.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { ROOT, startApp, type RunningApp, type StartOptions } from "./app";

/**
 * Debian's headless shell (package chromium-headless-shell) when it is installed: the same
 * engine without the full browser's window and compositor, which runs the browser files on
 * about a sixth less CPU (docs/performance.md, "Test loop"). Otherwise the full Chromium.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) || "/usr/bin/chromium-headless-shell";
export const ARTIFACTS = path.join(ROOT, "tests", "artifacts");

/** A 375 px phone and a desktop, as browser context options. */
export const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** The worker's Chromium (see launchBrowser), launched once per test process. */
let running: Promise<Browser> | undefined;

function launchShared(): Promise<Browser> {
  const launched = chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    // vitest stops a worker with SIGTERM: the worker exits at once (below), and Playwright's
    // exit handler kills Chromium with it, instead of the worker lingering until SIGKILL.
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  running = launched.then(
    (browser) => {
      browser.once("disconnected", () => {
        if (running === launched) running = undefined;
      });
      return browser;
    },
    (e: unknown) => {
      running = undefined;
      throw e;
    },
  );
  if (!process.listenerCount("SIGTERM")) process.once("SIGTERM", () => process.exit(143));
  return running;
}

/**
 * Chromium for one test file. A vitest worker runs file after file in one process, so the
 * files share one Chromium instead of each launching its own (about a second of CPU and of
 * wall time per file); each file gets its own view of it: what it opens lives in its own
 * browser contexts (cookies, storage, pages), and its close() closes those contexts only.
 * The browser itself ends with the worker's process.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium-headless-shell' (npm test does this when run as root)`);
  let browser = await (running ?? launchShared());
  if (!browser.isConnected()) browser = await launchShared();
  return fileView(browser);
}

/** `browser` as one file sees it: newContext and newPage are tracked, close() closes what the file opened. */
function fileView(browser: Browser): Browser {
  const opened = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    opened.add(context);
    context.once("close", () => opened.delete(context));
    return context;
  };
  const own: Partial<Browser> = {
    newContext: async (options) => track(await browser.newContext(options)),
    // As Playwright's browser.newPage: a context of its own, closed with the page.
    newPage: async (options) => {
      const context = track(await browser.newContext(options));
      const page = await context.newPage();
      page.once("close", () => void context.close().catch(() => undefined));
      return page;
    },
    contexts: () => [...opened],
    close: async () => {
      await Promise.all([...opened].map((c) => c.close().catch(() => undefined)));
      opened.clear();
    },
  };
  return new Proxy(browser, {
    get(target, prop) {
      if (prop in own) return own[prop as keyof Browser];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

type Traffic = { open: Map<Request, number>; last: number };
const traffic = new WeakMap<Page, Traffic>();

/**
 * Follows `page`'s requests from now on (once per page), for settle(). Call it before the
 * navigation or action whose requests settle() should wait for.
 */
export function watchRequests(page: Page): Traffic {
  const known = traffic.get(page);
  if (known) return known;
  const t: Traffic = { open: new Map(), last: Date.now() };
  const ended = (r: Request) => {
    t.open.delete(r);
    t.last = Date.now();
  };
  page.on("request", (r) => {
    t.open.set(r, Date.now());
    t.last = Date.now();
  });
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  traffic.set(page, t);
  return t;
}

/**
 * Waits until no request of `page` (followed since watchRequests(page)) has been in flight for
 * `quietMs`. Playwright's own "networkidle" is not used: its maintainers call it unreliable, and
 * here it sometimes never came although no request was open. When the page does not go quiet
 * within `timeout`, the error names the requests still open and for how long.
 */
export async function settle(page: Page, { quietMs = 500, timeout = 30_000 } = {}): Promise<void> {
  const t = watchRequests(page);
  const deadline = Date.now() + timeout;
  for (;;) {
    const now = Date.now();
    if (t.open.size === 0 && now - t.last >= quietMs) return;
    if (now > deadline) {
      const list = [...t.open].map(([r, since]) => `${r.method()} ${r.url()} (${r.resourceType()}, open ${now - since} ms)`).join("; ") || "none, but requests kept starting";
      throw new Error(`${page.url()} did not go quiet within ${timeout} ms. Requests still open: ${list}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
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

/** Signs `page` in through the login form and waits until it has left the login page. */
export async function signInOn(page: Page, url: string, email: string, password: string): Promise<Page> {
  await page.goto(`${url}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 30_000 });
  return page;
}

/** A new page in `context`, signed in. */
export async function signIn(context: BrowserContext, url: string, email: string, password: string): Promise<Page> {
  return signInOn(await context.newPage(), url, email, password);
}

/** Records the page's uncaught errors and failed requests (the app has no favicon) in `problems`, tagged with `who`. */
export function recordProblems(page: Page, who: string, problems: string[]): void {
  page.on("pageerror", (e) => problems.push(`${who}: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") problems.push(`${who}: ${r.status()} ${r.url()}`);
  });
}

// Signed-in browser contexts without typing into the login form: one sign-in per account and
// file through next-auth's real credentials endpoint, whose cookies (with the attributes the
// server set) go into each new context. tests/e2e/login.test.ts is the file that checks the
// form itself; the others sign in here unless signing in is what they check.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import type { AppHandle } from "./app";

type Cookie = Parameters<BrowserContext["addCookies"]>[0][number];

/** One Set-Cookie header as a cookie for `url`'s host, with its path, expiry and flags. */
function parseSetCookie(header: string, url: string): Cookie {
  const [pair, ...attributes] = header.split(";").map((p) => p.trim());
  const eq = pair.indexOf("=");
  if (eq < 1) throw new Error(`Set-Cookie without a name: ${header}`);
  const cookie: Cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: new URL(url).hostname, path: "/" };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split("=");
    const key = rawKey.toLowerCase();
    const value = rest.join("=");
    if (key === "path") cookie.path = value || "/";
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "samesite") cookie.sameSite = ({ lax: "Lax", strict: "Strict", none: "None" } as const)[value.toLowerCase() as "lax"] ?? "Lax";
    else if (key === "max-age") cookie.expires = Math.floor(Date.now() / 1000) + Number(value);
    else if (key === "expires" && cookie.expires === undefined) cookie.expires = Math.floor(Date.parse(value) / 1000);
  }
  return cookie;
}

/** Signs `email` in through the credentials endpoint and returns the cookies a browser would keep. */
async function signInCookies(url: string, email: string, password: string): Promise<Cookie[]> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET ${url}/api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie();
  const login = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.map((c) => c.split(";")[0]).join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const set = [...jar, ...login.headers.getSetCookie()].map((h) => parseSetCookie(h, url));
  if (!set.some((c) => c.name.endsWith("next-auth.session-token"))) throw new Error(`signing in ${email} at ${url} failed (status ${login.status}, no session cookie)`);
  // A later Set-Cookie of the same name replaces an earlier one, as in a browser.
  return [...new Map(set.map((c) => [c.name, c])).values()];
}

/** Each account's cookies, signed in once per file (a module per test file). */
const signedIn = new Map<string, Promise<Cookie[]>>();

function cookiesFor(app: AppHandle, email: string, password: string): Promise<Cookie[]> {
  const key = `${app.url} ${email}`;
  let cookies = signedIn.get(key);
  if (!cookies) {
    cookies = signInCookies(app.url, email, password);
    signedIn.set(key, cookies);
    cookies.catch(() => signedIn.delete(key));
  }
  return cookies;
}

/** A new browser context (with `options`) signed in as `email`. */
export async function signedInContext(browser: Browser, app: AppHandle, email: string, password: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const [cookies, context] = await Promise.all([cookiesFor(app, email, password), browser.newContext(options)]);
  await context.addCookies(cookies);
  return context;
}

/** A page in a new context signed in as `email`, opened at `path` (the home page by default). */
export async function signedInPage(browser: Browser, app: AppHandle, email: string, password: string, options: BrowserContextOptions = {}, path = "/"): Promise<Page> {
  const page = await (await signedInContext(browser, app, email, password, options)).newPage();
  await page.goto(`${app.url}${path}`);
  return page;
}

/** Signs an existing `context` in as `email` and opens a page in it (not navigated yet). */
export async function newSignedInPage(context: BrowserContext, app: AppHandle, email: string, password: string): Promise<Page> {
  await context.addCookies(await cookiesFor(app, email, password));
  return context.newPage();
}

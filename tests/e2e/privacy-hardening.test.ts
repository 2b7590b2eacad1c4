// Hardening in a real browser: the main pages run under the CSP without a single violation,
// the session cookie is httpOnly and SameSite (and Secure behind an https public URL), a
// page on another origin cannot make the signed-in browser change anything, script-like
// names and answers show as plain text without running, and the erasure tool asks for
// confirmation before it erases.
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT, startApp, type AppHandle, type RunningApp } from "../helpers/app";
import { screenshot, settle, watchRequests } from "../helpers/browser";
import { api, call, importFixture, key, loginFacilitator, socketFor, type Client } from "../helpers/live";
import { uniqueEmail } from "../helpers/unique";
import { sharedAppAndBrowser } from "../helpers/unique-e2e";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const XSS_NAME = `<img src=x onerror="alert('name')">`;
const XSS_TEXT = `<script>alert("answer")</script><b onmouseover=alert(1)>bold</b>`;
// On the shared server: the account this file changes and deletes is its own.
const TEMP = uniqueEmail("temp.facilitator", "readyroom.local");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A server whose public URL is https (its cookies must be Secure): the one check that needs a
 * server of its own. It starts with the file, so its start overlaps the browser checks.
 */
function startSecureApp(): { port: Promise<number>; app: Promise<RunningApp> } {
  const port = freePort();
  const app = port.then((p) => startApp({ env: { PORT: String(p), PUBLIC_URL: `https://localhost:${p}` }, timeoutMs: 200_000 }));
  app.catch(() => undefined); // awaited (and its failure reported) by the test that uses it
  return { port, app };
}

describe("privacy hardening in the browser", () => {
  let app: AppHandle;
  let secureApp: ReturnType<typeof startSecureApp> | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let sessionId: string;
  const sockets: Client[] = [];
  const violations: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    secureApp = startSecureApp();
    [app, browser] = await sharedAppAndBrowser();
    admin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    const scenarioId = await importFixture(app, admin, FIXTURE);
    const created = await api(app, admin, "POST", "/api/sessions", { scenarioId, teams: ["Blue"], anonymous: false });
    sessionId = created.body.id;
    const console_ = socketFor(app, admin);
    const p = socketFor(app);
    sockets.push(console_, p);
    expect((await call(p, "participant:join", { code: created.body.joinCode, displayName: XSS_NAME, roleId: "legal" })).ok).toBe(true);
    expect(await call(console_, "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    expect(await call(p, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: XSS_TEXT })).toMatchObject({ ok: true });

    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.url}/login`);
    await page.fill("#email", "admin@readyroom.local");
    await page.fill("#password", app.demoPassword("ADMIN"));
    await page.click("button[type=submit]");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await app?.stop();
    await (await secureApp?.app.catch(() => undefined))?.stop();
  });

  it("runs the main pages under the CSP with no violation", async () => {
    for (const [url, shot] of [
      ["/", "privacy-home"],
      ["/privacy", "privacy-notice"],
      ["/scenarios", null],
      ["/admin/privacy", "admin-privacy"],
      ["/admin/users", "admin-users"],
      ["/admin/audit", "admin-audit"],
      [`/sessions/${sessionId}`, "console-xss"],
      ["/join", null],
      ["/settings/tokens", null],
    ] as const) {
      watchRequests(page);
      const res = await page.goto(`${app.url}${url}`);
      expect(res?.status(), url).toBe(200);
      expect(res?.headers()["content-security-policy"], url).toMatch(/script-src 'self' 'nonce-/);
      await settle(page);
      if (shot) await screenshot(page, shot);
    }
    // Client code really ran: the audit filter form submits and the page re-renders with it.
    await page.goto(`${app.url}/admin/audit`);
    await page.click("[data-testid=chip-resourceType-session]");
    await page.waitForURL(/resourceType=session/);
    await page.click(".audit-more summary");
    await page.fill("#from", "2020-01-01");
    await page.click("form[data-testid=audit-filter] button[type=submit]");
    await page.waitForURL(/from=2020-01-01/);
    expect(page.url()).toContain("resourceType=session");
    expect(await page.locator("[data-testid=audit-table] tbody tr").count()).toBeGreaterThan(0);
    await screenshot(page, "admin-audit-filtered");
    expect(violations).toEqual([]);
  });

  it("shows script-like names and answers as text, and never runs them", async () => {
    await page.goto(`${app.url}/sessions/${sessionId}`);
    await page.getByText(XSS_NAME, { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator("body").innerText()).toContain(XSS_NAME);
    await page.goto(`${app.url}/admin/erasure?sessionId=${sessionId}`);
    expect(await page.locator("[data-testid=erasure-results]").innerText()).toContain(XSS_NAME);
    // No element was created from the payload, and no dialog opened anywhere.
    expect(await page.locator("img[src=x]").count()).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("asks for confirmation before erasing, then erases and says what went", async () => {
    await page.goto(`${app.url}/admin/erasure?sessionId=${sessionId}`);
    await page.click("[data-testid=erase-start]");
    await page.locator("[data-testid=erase-confirm]").waitFor();
    expect(await page.locator("[data-testid=erase-confirm]").innerText()).toContain(XSS_NAME);
    await screenshot(page, "admin-erasure-confirm");
    await page.click("[data-testid=erase-confirm-button]");
    const done = page.locator("[data-testid=erase-done]");
    await done.waitFor();
    expect(await done.innerText()).toMatch(/1 answer, 0 votes/);
    await screenshot(page, "admin-erasure-done");
    await page.reload();
    expect(await page.locator("[data-testid=erasure-none]").count()).toBe(1);
    expect(violations).toEqual([]);
  });

  it("changes another account's role, deactivates it after confirming and reactivates it, and deletes it after confirming; the admin's own row offers nothing", async () => {
    const made = await api(app, admin, "POST", "/api/users", { email: TEMP, role: "FACILITATOR", password: "a long enough password", name: "Temp" });
    expect(made.status).toBe(201);
    await page.goto(`${app.url}/admin/users`);
    const row = page.locator(`tr[data-user="${TEMP}"]`);
    expect(await page.locator('tr[data-user="admin@readyroom.local"] [data-testid=user-actions]').count()).toBe(0);

    await row.locator("[data-testid=user-role]").selectOption("MANAGER");
    await page.waitForFunction((email) => document.querySelector(`tr[data-user="${email}"] td:nth-child(3)`)?.textContent === "manager", TEMP);
    await row.locator("[data-testid=user-toggle]").click();
    await row.locator("[data-testid=user-deactivate-confirm-button]").click();
    await page.waitForFunction((email) => document.querySelector(`tr[data-user="${email}"] td:nth-child(4)`)?.textContent === "deactivated", TEMP);
    await screenshot(page, "admin-users-deactivated");
    const listed = await api(app, admin, "GET", `/api/users?q=${encodeURIComponent(TEMP)}`);
    expect(listed.body.users).toEqual([expect.objectContaining({ email: TEMP, role: "MANAGER", active: false })]);
    await row.locator("[data-testid=user-toggle]").click();
    await page.waitForFunction((email) => document.querySelector(`tr[data-user="${email}"] td:nth-child(4)`)?.textContent === "active", TEMP);

    await row.locator("[data-testid=user-delete]").click();
    await row.locator("[data-testid=user-delete-confirm]").waitFor();
    await screenshot(page, "admin-users-delete-confirm");
    await row.locator("[data-testid=user-delete-confirm-button]").click();
    await row.waitFor({ state: "detached" });
    expect((await api(app, admin, "GET", `/api/users?q=${encodeURIComponent(TEMP)}`)).body.users).toEqual([]);
    const trail = await api(app, admin, "GET", `/api/audit?resourceType=user&resourceId=${made.body.user.id}`);
    const actions = (trail.body.rows as Array<{ action: string }>).map((e) => e.action);
    expect(actions.filter((a) => a === "modify")).toHaveLength(3);
    expect(actions).toContain("delete");
    expect(violations).toEqual([]);
  });

  it("sets the session cookie httpOnly and SameSite=Lax, not Secure over plain http", async () => {
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  });

  it("refuses a write that another origin makes the signed-in browser send", async () => {
    // A hostile page on another port: another origin. On the same host name it is the same
    // site, so the browser sends the cookie and the origin check refuses; on another host
    // name SameSite=Lax keeps the cookie back and the request is not signed in at all.
    const evil = http.createServer((req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><body>
        <form id="f" method="POST" action="${app.url}/api/users" enctype="text/plain">
          <input name='{"email":"evil@example.com","role":"ADMIN","password":"evil password 123","x":"' value='"}'>
        </form>
        <script>
          fetch("${app.url}/api/settings", { method: "PUT", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ retentionDays: 1 }) })
            .catch(() => {}).finally(() => document.getElementById("f").submit());
        </script></body>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", () => resolve()));
    const port = (evil.address() as net.AddressInfo).port;
    const appHost = new URL(app.url).hostname;
    const otherHost = appHost === "localhost" ? "127.0.0.1" : "localhost";
    try {
      for (const [host, status, code] of [[appHost, 403, "CROSS_SITE_REQUEST"], [otherHost, 401, "UNAUTHENTICATED"]] as const) {
        const response = page.waitForResponse((r) => r.url() === `${app.url}/api/users` && r.request().method() === "POST");
        await page.goto(`http://${host}:${port}/`);
        const refused = await response;
        expect(refused.status(), host).toBe(status);
        expect(await refused.json(), host).toMatchObject({ error: { code } });
      }
    } finally {
      evil.close();
    }
    const users = await api(app, admin, "GET", "/api/users");
    expect(users.body.users.map((u: { email: string }) => u.email)).not.toContain("evil@example.com");
    expect((await api(app, admin, "GET", "/api/settings")).body.settings.retentionDays).toBe(180);
    // Without any Origin header a cookie write is refused too; an API token needs none.
    const bare = await fetch(`${app.url}/api/settings`, { method: "PUT", headers: { cookie: admin, "content-type": "application/json" }, body: JSON.stringify({ retentionDays: 2 }) });
    expect(bare.status).toBe(403);
  });

  it("shows the privacy pages in Polish, still generated from the live settings", async () => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "pl", url: app.url }]);
    try {
      await page.goto(`${app.url}/privacy`);
      expect(await page.locator("h1").first().innerText()).toBe("Prywatność");
      expect(await page.locator("[data-testid=retention-days]").innerText()).toBe("po 180 dniach");
      expect(await page.locator("[data-testid=min-group-size]").innerText()).toBe("3 osoby");
      await screenshot(page, "privacy-notice-pl");
      await page.goto(`${app.url}/admin/audit`);
      expect(await page.locator("h1").first().innerText()).toBe("Dziennik audytu");
      await screenshot(page, "admin-audit-pl");
      await page.goto(`${app.url}/admin/erasure?sessionId=${sessionId}`);
      expect(await page.locator("h1").first().innerText()).toBe("Usuń dane uczestnika");
      expect(violations).toEqual([]);
    } finally {
      await context.clearCookies({ name: "NEXT_LOCALE" });
    }
  });

  it("marks cookies Secure (with the __Secure- prefix) when the public URL is https", async () => {
    const port = await secureApp!.port;
    const secure = await secureApp!.app;
    try {
      const base = `http://127.0.0.1:${port}`;
      const csrf = await fetch(`${base}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = csrf.headers.getSetCookie();
      expect(jar.join("\n")).toMatch(/__Host-next-auth\.csrf-token=[^;]+;.*HttpOnly/i);
      for (const c of jar) expect(c, c).toMatch(/;\s*Secure/i);
      const login = await fetch(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.map((c) => c.split(";")[0]).join("; ") },
        body: new URLSearchParams({ email: "admin@readyroom.local", password: secure.demoPassword("ADMIN"), csrfToken, json: "true" }),
      });
      const session = login.headers.getSetCookie().find((c) => c.includes("session-token="));
      expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/;\s*SameSite=Lax/i);
      const hsts = await fetch(`${base}/privacy`);
      expect(hsts.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      await secure.stop();
    }
  }, 300_000);
});

import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../helpers/app";
import { loginViaHttp } from "../../helpers/http";

describe("login and the session choke point", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ env: { LOGIN_MAX_ATTEMPTS: "5" } });
  });
  afterAll(async () => app?.stop());

  it("logs the facilitator in and shows the role-aware home", async () => {
    const login = await loginViaHttp(app.url, "facilitator@readyroom.local", app.demoPassword("FACILITATOR"));
    expect(login.error).toBeNull();
    expect(login.cookie).toBeTruthy();
    const home = await fetch(`${app.url}/`, { headers: { cookie: login.cookie! } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("Exercises");
    expect(html).toContain("Felix Facilitator");
  });

  it("sends an anonymous visitor to the login page", async () => {
    const res = await fetch(`${app.url}/`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/\/login$/);
  });

  it("gives the same generic error for a wrong password and an unknown user", async () => {
    const wrong = await loginViaHttp(app.url, "manager@readyroom.local", "not-the-password");
    const unknown = await loginViaHttp(app.url, "nobody@readyroom.local", "whatever-password");
    expect(wrong.cookie).toBeNull();
    expect(wrong.error).toBe("INVALID_LOGIN");
    expect(unknown.error).toBe("INVALID_LOGIN");
  });

  it("rate limits repeated failures, even when the right password follows", async () => {
    const email = "admin@readyroom.local";
    for (let i = 0; i < 5; i++) expect((await loginViaHttp(app.url, email, `wrong-${i}`)).error).toBe("INVALID_LOGIN");
    const blocked = await loginViaHttp(app.url, email, app.demoPassword("ADMIN"));
    expect(blocked.error).toBe("RATE_LIMITED");
    expect(blocked.cookie).toBeNull();
  });

  it("resolves the same user on the socket.io handshake from the session cookie", async () => {
    const login = await loginViaHttp(app.url, "manager@readyroom.local", app.demoPassword("MANAGER"));
    const whoami = async (cookie?: string) => {
      const socket = connect(app.url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
      try {
        return await socket.timeout(5000).emitWithAck("auth:whoami");
      } finally {
        socket.close();
      }
    };
    expect(await whoami(login.cookie!)).toMatchObject({ ok: true, user: { email: "manager@readyroom.local", role: "MANAGER" } });
    expect(await whoami()).toEqual({ ok: true, user: null });
    expect(await whoami("next-auth.session-token=forged.jwt.value")).toEqual({ ok: true, user: null });
  });
});

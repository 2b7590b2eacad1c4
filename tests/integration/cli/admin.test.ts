import { afterAll, describe, expect, it } from "vitest";
import { startApp, tempDataDir, type RunningApp } from "../../helpers/app";
import { runAdmin } from "../../helpers/cli";
import { loginViaHttp } from "../../helpers/http";

const admin = (dataDir: string, ...args: string[]) => runAdmin(dataDir, args);

describe("admin CLI on the embedded database", () => {
  let app: RunningApp | undefined;
  afterAll(async () => app?.stop());

  it("creates a user through the running app's database, who can then log in", async () => {
    app = await startApp();
    const out = await admin(app.dataDir, "user:create", "--email", "Lead@Example.com", "--role", "facilitator", "--password", "correct-horse-battery");
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ email: "lead@example.com", role: "FACILITATOR" });
    const login = await loginViaHttp(app.url, "lead@example.com", "correct-horse-battery");
    expect(login.error).toBeNull();
  }, 180_000);

  it("refuses bad input with a line that names the field, and changes nothing", async () => {
    const out = await admin(app!.dataDir, "user:create", "--email", "x@example.com", "--role", "wizard", "--password", "correct-horse-battery");
    expect(out.code).toBe(1);
    expect(out.stderr.trim()).toBe("admin user:create: role must be one of ADMIN, FACILITATOR, MANAGER, PARTICIPANT");
    expect((await admin(app!.dataDir, "user:create", "--email", "x@example.com")).stderr).toMatch(/--role is required/);
    expect((await admin(app!.dataDir, "user:create", "--email", "lead@example.com", "--role", "admin", "--password", "correct-horse-battery")).stderr).toMatch(/already exists/);
    // Common and breached passwords are refused here as on the users page (NIST SP 800-63B).
    const weak = await admin(app!.dataDir, "user:create", "--email", "weak@example.com", "--role", "manager", "--password", "Password1234");
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toMatch(/^admin user:create: password is a common or breached password/);
  }, 180_000);

  it("opens the data dir itself when no app is running", async () => {
    const dataDir = tempDataDir();
    const out = await admin(dataDir, "user:create", "--email", "first-admin@example.com", "--role", "admin", "--password", "correct-horse-battery");
    expect(out.code).toBe(0);
    const later = await startApp({ dataDir });
    try {
      expect((await loginViaHttp(later.url, "first-admin@example.com", "correct-horse-battery")).error).toBeNull();
    } finally {
      await later.stop();
    }
  }, 240_000);
});

import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, startApp, tempDataDir, type RunningApp } from "../../helpers/app";
import { loginViaHttp } from "../../helpers/http";

function admin(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("admin CLI on the embedded database", () => {
  let app: RunningApp | undefined;
  afterAll(async () => app?.stop());

  it("creates a user through the running app's database, who can then log in", async () => {
    app = await startApp();
    const out = admin(app.dataDir, "user:create", "--email", "Lead@Example.com", "--role", "facilitator", "--password", "correct-horse-battery");
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ email: "lead@example.com", role: "FACILITATOR" });
    const login = await loginViaHttp(app.url, "lead@example.com", "correct-horse-battery");
    expect(login.error).toBeNull();
  });

  it("refuses bad input with a line that names the field, and changes nothing", async () => {
    const out = admin(app!.dataDir, "user:create", "--email", "x@example.com", "--role", "wizard", "--password", "correct-horse-battery");
    expect(out.code).toBe(1);
    expect(out.stderr.trim()).toBe("admin user:create: role must be one of ADMIN, FACILITATOR, MANAGER, PARTICIPANT");
    expect(admin(app!.dataDir, "user:create", "--email", "x@example.com").stderr).toMatch(/--role is required/);
    expect(admin(app!.dataDir, "user:create", "--email", "lead@example.com", "--role", "admin", "--password", "correct-horse-battery").stderr).toMatch(/already exists/);
    // Common and breached passwords are refused here as on the users page (NIST SP 800-63B).
    const weak = admin(app!.dataDir, "user:create", "--email", "weak@example.com", "--role", "manager", "--password", "Password1234");
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toMatch(/^admin user:create: password is a common or breached password/);
  });

  it("opens the data dir itself when no app is running", async () => {
    const dataDir = tempDataDir();
    const out = admin(dataDir, "user:create", "--email", "first-admin@example.com", "--role", "admin", "--password", "correct-horse-battery");
    expect(out.code).toBe(0);
    const later = await startApp({ dataDir });
    try {
      expect((await loginViaHttp(later.url, "first-admin@example.com", "correct-horse-battery")).error).toBeNull();
    } finally {
      await later.stop();
    }
  });
});

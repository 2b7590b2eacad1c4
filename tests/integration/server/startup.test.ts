import net from "node:net";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runServerExpectingExit, startApp, tempDataDir, type RunningApp } from "../../helpers/app";
import { createScratchDatabase, TEST_DATABASE_URL } from "../../helpers/postgres";

const SECRET = "s".repeat(40);
const KEK = Buffer.alloc(32, 9).toString("base64");

function oneLine(out: { stderr: string }): string {
  const lines = out.stderr.trim().split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe("startup failures end with one clear line and a non-zero exit", () => {
  it("an invalid env var", async () => {
    const out = await runServerExpectingExit({ PORT: "abc", DATA_DIR: tempDataDir() });
    expect(out.code).not.toBe(0);
    expect(oneLine(out)).toBe('Readyroom cannot start: PORT must be a number (got "abc")');
  });

  it("a missing secret with DATABASE_URL", async () => {
    const out = await runServerExpectingExit({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test", DATA_DIR: tempDataDir() });
    expect(out.code).not.toBe(0);
    expect(oneLine(out)).toMatch(/^Readyroom cannot start: NEXTAUTH_SECRET is required with DATABASE_URL/);
  });

  it("an unreachable DATABASE_URL", async () => {
    const out = await runServerExpectingExit({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere", NEXTAUTH_SECRET: SECRET, DATA_DIR: tempDataDir() });
    expect(out.code).not.toBe(0);
    expect(oneLine(out)).toBe("Readyroom cannot start: cannot reach the database at 127.0.0.1:1/nowhere (ECONNREFUSED); check DATABASE_URL");
  });

  it("a busy port", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const out = await runServerExpectingExit({ PORT: String(port), DATA_DIR: tempDataDir() });
      expect(out.code).not.toBe(0);
      expect(oneLine(out)).toBe(`Readyroom cannot start: port ${port} is already in use; stop the other process or set PORT`);
    } finally {
      blocker.close();
    }
  });
});

describe("embedded default", () => {
  let app: RunningApp;
  afterAll(async () => app?.stop());

  it("migrates, seeds demo logins, serves /api/health, and refuses a second process on the same data dir", async () => {
    app = await startApp({ fromTemplate: false });
    expect(app.logs()).toMatch(/database: embedded PostgreSQL \(PGlite\) in .*, on its own thread/);
    expect(app.logs()).toMatch(/Demo logins:/);
    for (const email of ["admin@readyroom.local", "facilitator@readyroom.local", "manager@readyroom.local"]) expect(app.logs()).toContain(email);
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "embedded", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });

    const second = await runServerExpectingExit({ DATA_DIR: app.dataDir });
    expect(second.code).not.toBe(0);
    expect(second.stderr.trim()).toMatch(/^Readyroom cannot start: the data directory .* is in use by another Readyroom process \(pid \d+\)/);
  });

  it("shuts down cleanly on SIGTERM and keeps its data for the next start, started as npm start does", async () => {
    const dataDir = app.dataDir;
    const passwordBefore = app.demoPassword("FACILITATOR");
    expect(await app.stop()).toBe(0);
    expect(app.logs()).toMatch(/SIGTERM received, shutting down/);
    expect(fs.existsSync(path.join(dataDir, "embedded-db.json"))).toBe(false);
    // Started as `npm start` does (scripts/start.mjs imports the bundle): the database still gets its own thread.
    app = await startApp({ dataDir, imported: true });
    expect(app.logs()).toMatch(/database: embedded PostgreSQL \(PGlite\) in .*, on its own thread/);
    expect(app.demoPassword("FACILITATOR")).toBe(passwordBefore);
    expect((await (await fetch(`${app.url}/api/health`)).json()).status).toBe("ok");
  });
});

describe.runIf(TEST_DATABASE_URL)("real PostgreSQL via DATABASE_URL", () => {
  it("creates no demo accounts unless SEED_DEMO=1, and reports db=postgres", async () => {
    const db = await createScratchDatabase();
    let app: RunningApp | undefined;
    try {
      app = await startApp({ env: { DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, READYROOM_KEK: KEK } });
      expect(app.logs()).not.toMatch(/Demo logins/);
      expect(await (await fetch(`${app.url}/api/health`)).json()).toMatchObject({ status: "ok", db: "postgres" });
      await app.stop();
      app = await startApp({ env: { DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, SEED_DEMO: "1", READYROOM_KEK: KEK } });
      expect(app.logs()).toMatch(/Demo logins/);
    } finally {
      await app?.stop();
      await db.drop();
    }
  }, 180_000);

  it("refuses to start without READYROOM_KEK, naming the variable", async () => {
    const db = await createScratchDatabase();
    try {
      const out = await runServerExpectingExit({ DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, DATA_DIR: tempDataDir() });
      expect(out.code).not.toBe(0);
      expect(out.stderr).toMatch(/READYROOM_KEK is required with DATABASE_URL/);
    } finally {
      await db.drop();
    }
  });
});

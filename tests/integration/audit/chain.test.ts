// The audit hash chain under stress: audited requests hammered at the app, the app killed with
// SIGKILL mid-write, restarted, and `npm run audit:verify` still finds one unbroken chain; a row
// changed behind the app's back is named. On PostgreSQL, two nodes writing at once keep one order.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../helpers/app";
import { loginViaHttp } from "../../helpers/http";
import { runScript } from "../../helpers/cli";
import { createScratchDatabase, TEST_DATABASE_URL } from "../../helpers/postgres";

/** Audited reads (GET /api/users writes one audit row each) from `writers` loops until stopped. */
function hammer(apps: RunningApp[], cookies: string[], writers: number) {
  let stop = false;
  let acked = 0;
  const loops = Array.from({ length: writers }, async (_, i) => {
    const app = apps[i % apps.length];
    const cookie = cookies[i % apps.length];
    while (!stop) {
      try {
        const r = await fetch(`${app.url}/api/users`, { headers: { cookie } });
        if (r.status === 200) acked += 1;
        await r.arrayBuffer();
      } catch {
        return; // the server died mid-request
      }
    }
  });
  return {
    get acked() {
      return acked;
    },
    async stop() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

async function adminCookie(app: RunningApp): Promise<string> {
  const login = await loginViaHttp(app.url, "admin@readyroom.local", app.demoPassword("ADMIN"));
  expect(login.status).toBe(200);
  return login.cookie!;
}

describe("audit chain on the embedded database", () => {
  let app: RunningApp | undefined;
  afterAll(async () => app?.stop());

  it("verifies after SIGKILL mid-write and a restart, and names a row changed behind the app's back", { timeout: 240_000 }, async () => {
    app = await startApp();
    const dataDir = app.dataDir;
    const load = hammer([app], [await adminCookie(app)], 4);
    // Kill while the four writers are mid-request, once enough writes went through (the machine may be slow).
    await expect.poll(() => load.acked, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(20);
    await app.kill("SIGKILL");
    await load.stop();

    app = await startApp({ dataDir });
    const ok = await runScript("scripts/audit-verify.ts", [], { DATA_DIR: dataDir });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const links = Number(/(\d+) link\(s\)/.exec(ok.stdout)?.[1]);
    console.log(`audit chain after SIGKILL: ${load.acked} acknowledged audited requests, ${links} links verified`);
    expect(links).toBeGreaterThanOrEqual(load.acked);
    expect(ok.stdout).toMatch(/signed checkpoints verified: [1-9]/);

    // Someone with database access rewrites one row, lifting the append-only trigger to do it.
    const { url } = JSON.parse(fs.readFileSync(path.join(dataDir, "embedded-db.json"), "utf8")) as { url: string };
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const victim = (await db.query<{ id: string }>(`select l.id from audit_log l join audit_chain c on c.audit_id = l.id order by c.seq offset 5 limit 1`)).rows[0].id;
    await db.query(`alter table audit_log disable trigger audit_log_append_only`);
    await db.query(`update audit_log set action = 'login' where id = $1`, [victim]);
    await db.query(`alter table audit_log enable trigger audit_log_append_only`);
    await db.end();
    const bad = await runScript("scripts/audit-verify.ts", [], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`audit row ${victim}`);
    expect(bad.stderr).toMatch(/changed after it was written/);
  });
});

describe.runIf(TEST_DATABASE_URL)("audit chain with two nodes on PostgreSQL", () => {
  const apps: RunningApp[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const a of apps) await a.stop().catch(() => undefined);
    await drop?.();
  });

  it("keeps one order while both nodes write at once", { timeout: 240_000 }, async () => {
    const db = await createScratchDatabase();
    drop = db.drop;
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const env = {
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
      READYROOM_KEK: crypto.randomBytes(32).toString("base64"),
      READYROOM_KEK_ID: "chain-test",
      READYROOM_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      SEED_DEMO: "1",
    };
    const a = await startApp({ env });
    apps.push(a);
    const b = await startApp({ env, dataDir: `${a.dataDir}-b` });
    apps.push(b);
    const cookieA = await adminCookie(a);
    const cookieB = await loginViaHttp(b.url, "admin@readyroom.local", a.demoPassword("ADMIN")).then((l) => l.cookie!);
    const load = hammer([a, b], [cookieA, cookieB], 6);
    await new Promise((r) => setTimeout(r, 4000));
    await load.stop();

    const verify = await runScript("scripts/audit-verify.ts", [], { DATABASE_URL: db.url, READYROOM_SIGNING_KEY: env.READYROOM_SIGNING_KEY });
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const rows = Number((await check.query<{ n: string }>("select count(*) as n from audit_log")).rows[0].n);
    const seqs = (await check.query<{ max: string; n: string }>("select max(seq) as max, count(*) as n from audit_chain")).rows[0];
    await check.end();
    console.log(`two nodes: ${load.acked} audited requests, ${rows} audit rows, ${seqs.n} links`);
    expect(load.acked).toBeGreaterThan(20);
    expect(Number(seqs.n)).toBe(rows);
    expect(Number(seqs.max)).toBe(rows);
    expect(verify.stdout).toContain(`${rows} link(s)`);
  });
});

// The embedded default must keep every write it acknowledged when the app process is
// killed without warning (SIGKILL) in the middle of writing.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../helpers/app";

describe("embedded database crash safety", () => {
  let app: RunningApp | undefined;
  afterAll(async () => app?.stop());

  it("keeps every acknowledged write after SIGKILL of the app and a restart", async () => {
    app = await startApp();
    const { url } = JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string };
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query("create table crash_probe (id int primary key, writer int not null, body text not null)");
    await setup.end();

    const acked: number[] = [];
    let next = 0;
    let stop = false;
    const writer = async (w: number) => {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => undefined);
      await c.connect();
      while (!stop) {
        const id = next++;
        try {
          await c.query("insert into crash_probe (id, writer, body) values ($1, $2, $3)", [id, w, `row ${id}`.repeat(20)]);
          acked.push(id);
        } catch {
          return; // the server died mid-write; that write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 1500));
    const dataDir = app.dataDir;
    await app.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(50);

    app = await startApp({ dataDir });
    const { url: url2 } = JSON.parse(fs.readFileSync(path.join(dataDir, "embedded-db.json"), "utf8")) as { url: string };
    const check = new pg.Client({ connectionString: url2 });
    await check.connect();
    const { rows } = await check.query<{ id: number }>("select id from crash_probe");
    await check.end();
    const stored = new Set(rows.map((r) => r.id));
    const lost = acked.filter((id) => !stored.has(id));
    console.log(`crash safety: ${acked.length} acknowledged inserts, ${stored.size} stored after restart, ${lost.length} lost`);
    expect(lost).toEqual([]);
  });
});

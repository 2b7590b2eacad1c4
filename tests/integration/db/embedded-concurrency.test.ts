// Many connections at once to the embedded server: each must get its own results, and
// transactions must not see or break each other.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { tempDataDir } from "../../helpers/app";

describe("embedded database under concurrent connections", () => {
  let db: EmbeddedDatabase;
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    db = await startEmbeddedDatabase(tempDataDir("rr-conc-"));
    for (let i = 0; i < 16; i++) {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      clients.push(c);
    }
    await clients[0].query("create table t (id int primary key, who int not null)");
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await db?.stop();
  });

  it("answers every parameterised query with its own rows", async () => {
    const mismatches: string[] = [];
    await Promise.all(
      clients.map(async (c, who) => {
        for (let i = 0; i < 60; i++) {
          const expected = who * 1000 + i;
          const r = await c.query("select $1::int as v, $2::text as tag", [expected, `c${who}`]);
          if (r.rows[0]?.v !== expected || r.rows[0]?.tag !== `c${who}`) mismatches.push(`${who}/${i}: ${JSON.stringify(r.rows)}`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it("keeps transactions apart: rolled-back work vanishes, committed work stays", async () => {
    await Promise.all(
      clients.map(async (c, who) => {
        for (let i = 0; i < 10; i++) {
          const id = who * 100 + i;
          await c.query("begin");
          await c.query("insert into t (id, who) values ($1, $2)", [id, who]);
          const seen = await c.query("select count(*)::int as n from t where who = $1", [who]);
          // Its own uncommitted row, plus the rows it committed before (every even i).
          expect(seen.rows[0].n).toBe(Math.ceil(i / 2) + 1);
          await c.query(i % 2 === 0 ? "commit" : "rollback");
        }
      }),
    );
    const { rows } = await clients[0].query("select who, count(*)::int as n from t group by who order by who");
    expect(rows).toEqual(clients.map((_, who) => ({ who, n: 5 })));
  });

  it("serves a pooled workload like the app's (10 connections, 50 concurrent workers) without mixing results", async () => {
    // Against @electric-sql/pglite-socket 0.2.17 this workload gave 169 wrong results and
    // 22 errors ("portal \"\" does not exist") out of 200 transactions.
    await clients[0].query("create table w (id int primary key, who int not null)");
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const problems: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, who) => {
        for (let i = 0; i < 4; i++) {
          const c = await pool.connect();
          try {
            const echo = await c.query("select $1::int as v", [who]);
            if (echo.rows[0]?.v !== who) problems.push(`echo ${who}: ${JSON.stringify(echo.rows)}`);
            await c.query("begin");
            await c.query("insert into w (id, who) values ($1, $2)", [who * 10 + i, who]);
            const n = await c.query("select count(*)::int as n from w where who = $1", [who]);
            if (n.rows[0]?.n !== i + 1) problems.push(`count ${who}/${i}: ${JSON.stringify(n.rows)}`);
            await c.query("commit");
          } catch (e) {
            problems.push(`error ${who}/${i}: ${(e as Error).message}`);
            await c.query("rollback").catch(() => undefined);
          } finally {
            c.release();
          }
        }
      }),
    );
    await pool.end();
    expect(problems).toEqual([]);
    expect((await clients[0].query("select count(*)::int as n from w")).rows[0].n).toBe(200);
  });

  it("returns large results intact, several at once", async () => {
    // Rows larger than the socket's buffers: the server must not hand out memory PGlite reuses.
    const results = await Promise.all(
      clients.slice(0, 6).map((c, i) => c.query("select g as n, repeat(chr(65 + $1::int), 20000) as body from generate_series(1, 40) g", [i])),
    );
    results.forEach((r, i) => {
      expect(r.rows).toHaveLength(40);
      for (const row of r.rows) expect(row.body).toBe(String.fromCharCode(65 + i).repeat(20000));
    });
  });

  it("rolls back the open transaction of a client that disconnects, and carries on", async () => {
    const quitter = new pg.Client({ connectionString: db.url });
    await quitter.connect();
    quitter.on("error", () => undefined);
    await quitter.query("begin");
    await quitter.query("insert into t (id, who) values (99999, 99)");
    (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const r = await clients[1].query("select count(*)::int as n from t where id = 99999");
    expect(r.rows[0].n).toBe(0);
  });
});

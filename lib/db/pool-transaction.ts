// One transaction on a pooled `pg` connection, for the hot paths that skip the Prisma client
// (vote and advance batches): committed if `work` returns, rolled back if it throws.
import type pg from "pg";

export async function poolTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (e) {
    await client.query("rollback").catch(() => (broken = true));
    throw e;
  } finally {
    // A connection that could not even roll back is not handed out again.
    client.release(broken);
  }
}

// Every Prisma client of the app is made here, on a `pg` pool the app keeps a handle on:
// the live hot paths (the vote micro-batches) talk to that same pool directly, without
// the Prisma client's per-statement work (docs/performance.md). Closing the client closes
// the pool.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Kept on the client under a registered symbol, not in a module-level map: the custom server
// and Next's bundles each have their own copy of this module but share the one client.
const POOL = Symbol.for("readyroom.pgPool");
type WithPool = { [POOL]?: pg.Pool };

export type DatabaseClientOptions = { max?: number; transactionMaxWaitMs?: number };

export function createDatabaseClient(connectionString: string, opts: DatabaseClientOptions = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10 });
  // An idle connection that fails (the database restarted) is dropped by the pool; without
  // a listener its error would end the process.
  pool.on("error", () => undefined);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    ...(opts.transactionMaxWaitMs ? { transactionOptions: { maxWait: opts.transactionMaxWaitMs } } : {}),
  });
  const disconnect = client.$disconnect.bind(client);
  let ended: Promise<void> | undefined;
  client.$disconnect = async () => {
    await disconnect();
    await (ended ??= pool.end());
  };
  (client as unknown as WithPool)[POOL] = pool;
  return client;
}

/** The pool under a client made by createDatabaseClient. */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = (client as unknown as WithPool)[POOL];
  if (!pool) throw new Error("this Prisma client was not made by createDatabaseClient (lib/db/connect.ts)");
  return pool;
}

// The one Prisma client of the process. The custom server and Next's bundles each
// import this module, so the instance lives on globalThis: one pool per process.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/db/connect";

const KEY = Symbol.for("readyroom.prisma");
type Holder = { [KEY]?: PrismaClient };
const holder = globalThis as unknown as Holder;

export function getPrisma(): PrismaClient {
  const existing = holder[KEY];
  if (existing) return existing;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the database has not been started");
  // A burst of joins or votes can queue for the pool's ten connections longer than
  // Prisma's default 2 s wait to start a transaction; it should wait, not fail the join.
  const client = createDatabaseClient(connectionString, { max: 10, transactionMaxWaitMs: 15_000 });
  holder[KEY] = client;
  return client;
}

export async function closePrisma(): Promise<void> {
  const client = holder[KEY];
  delete holder[KEY];
  await client?.$disconnect();
}

/** Which kind of database this process talks to, for /api/health. */
export function databaseKind(): "embedded" | "postgres" {
  return process.env.READYROOM_DB_KIND === "embedded" ? "embedded" : "postgres";
}

// How a command-line tool reaches the database: DATABASE_URL if set; otherwise the
// running app's embedded server (its address is recorded under DATA_DIR); and only
// when no app runs, the data dir itself, opened and closed by this process.
import path from "node:path";
import { readRunningAddress, startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { closePrisma, getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { attachKeyringFromEnv } from "@/lib/privacy/crypto/startup";

export type CliDatabase = { prisma: PrismaClient; via: "DATABASE_URL" | "running app" | "data dir"; close(): Promise<void> };

/** `keyring: false` for tools that never read personal fields (audit:verify), so they run without the KEK. */
export async function openCliDatabase(env: Record<string, string | undefined> = process.env, opts: { keyring?: boolean } = {}): Promise<CliDatabase> {
  let via: CliDatabase["via"];
  let embedded: EmbeddedDatabase | undefined;
  if (env.DATABASE_URL) {
    via = "DATABASE_URL";
  } else {
    const dataDir = path.resolve(env.DATA_DIR || ".data");
    const running = readRunningAddress(dataDir);
    if (running) {
      process.env.DATABASE_URL = running.url;
      via = "running app";
    } else {
      embedded = await startEmbeddedDatabase(dataDir);
      process.env.DATABASE_URL = embedded.url;
      await migrateDatabase(embedded.url);
      via = "data dir";
    }
  }
  const prisma = getPrisma();
  if (opts.keyring !== false) attachKeyringFromEnv(prisma, env, { embedded: via !== "DATABASE_URL", dataDir: path.resolve(env.DATA_DIR || ".data") });
  return {
    prisma,
    via,
    async close() {
      await closePrisma();
      await embedded?.stop();
    },
  };
}

// Database targets for tests: the embedded PGlite server always, and real PostgreSQL
// too when TEST_DATABASE_URL is set. Each target starts from the run's migrated template;
// migrateDatabase then only confirms that nothing is pending.
import crypto from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { attachKeyring } from "@/lib/privacy/crypto/keyring";
import { EnvKekSource, FileKekSource } from "@/lib/privacy/crypto/kek";
import { createDatabaseClient } from "@/lib/db/connect";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { createScratchDatabase, TEST_DATABASE_URL } from "./postgres";
import { seedFromTemplate, tempDataDir } from "./app";

/** `dataDir` is the embedded database's directory (null for a real server). */
export type DbTarget = { name: "embedded" | "postgres"; open(): Promise<{ url: string; prisma: PrismaClient; dataDir: string | null; close(): Promise<void> }> };

export const DB_TARGETS: DbTarget[] = [
  {
    name: "embedded",
    async open() {
      const dataDir = tempDataDir("rr-db-");
      seedFromTemplate(dataDir);
      const db = await startEmbeddedDatabase(dataDir);
      await migrateDatabase(db.url);
      const prisma = createDatabaseClient(db.url);
      attachKeyring(prisma, FileKekSource.inDataDir(dataDir));
      return { url: db.url, prisma, dataDir, close: async () => { await prisma.$disconnect(); await db.stop(); } };
    },
  },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: "postgres" as const,
          async open() {
            const db = await createScratchDatabase();
            await migrateDatabase(db.url);
            const prisma = createDatabaseClient(db.url);
            attachKeyring(prisma, new EnvKekSource({ READYROOM_KEK: crypto.randomBytes(32).toString("base64"), READYROOM_KEK_ID: "test-1" }));
            return { url: db.url, prisma, dataDir: null, close: async () => { await prisma.$disconnect(); await db.drop(); } };
          },
        },
      ]
    : []),
];

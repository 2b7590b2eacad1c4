// Database targets for tests: the embedded PGlite server always, and real PostgreSQL
// too when TEST_DATABASE_URL is set. Each target is migrated from prisma/migrations.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/db/connect";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { createScratchDatabase, TEST_DATABASE_URL } from "./postgres";
import { tempDataDir } from "./app";

export type DbTarget = { name: "embedded" | "postgres"; open(): Promise<{ url: string; prisma: PrismaClient; close(): Promise<void> }> };

export const DB_TARGETS: DbTarget[] = [
  {
    name: "embedded",
    async open() {
      const db = await startEmbeddedDatabase(tempDataDir("rr-db-"));
      await migrateDatabase(db.url);
      const prisma = createDatabaseClient(db.url);
      return { url: db.url, prisma, close: async () => { await prisma.$disconnect(); await db.stop(); } };
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
            return { url: db.url, prisma, close: async () => { await prisma.$disconnect(); await db.drop(); } };
          },
        },
      ]
    : []),
];

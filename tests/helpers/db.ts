// Database targets for tests: the embedded PGlite server always, and real PostgreSQL
// too when TEST_DATABASE_URL is set. Each target starts from the run's migrated template;
// migrateDatabase then only confirms that nothing is pending.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/db/connect";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { createScratchDatabase, TEST_DATABASE_URL } from "./postgres";
import { seedFromTemplate, tempDataDir } from "./app";

export type DbTarget = { name: "embedded" | "postgres"; open(): Promise<{ url: string; prisma: PrismaClient; close(): Promise<void> }> };

export const DB_TARGETS: DbTarget[] = [
  {
    name: "embedded",
    async open() {
      const dir = tempDataDir("rr-db-");
      seedFromTemplate(dir);
      const db = await startEmbeddedDatabase(dir);
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

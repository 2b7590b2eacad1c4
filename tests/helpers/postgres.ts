// Real PostgreSQL for tests when TEST_DATABASE_URL is set: each caller gets a fresh,
// uniquely named database on that server, dropped afterwards. It is created from the run's
// migrated template (tests/setup/templates.ts) when there is one.
import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rr_test_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const template = migratedTemplate();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function migratedTemplate(): string {
  try {
    return inject("postgresTemplate") || "";
  } catch {
    return "";
  }
}

// The migration step: skipped when Prisma's table already records every folder, and
// applied by Prisma's own deploy when something is pending (recording what ran).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase, migrationFiles, pendingMigrations } from "@/lib/db/migrate";
import { seedFromTemplate, tempDataDir } from "../../helpers/app";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  const open: EmbeddedDatabase[] = [];
  afterAll(async () => {
    for (const db of open) await db.stop();
  });

  it("an empty database has every folder pending; deploy applies them all and records Prisma's checksums", async () => {
    const db = await startEmbeddedDatabase(tempDataDir("rr-mig-empty-"));
    open.push(db);
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(await pendingMigrations(db.url)).toEqual(files.map((f) => f.name));
    expect(await migrateDatabase(db.url)).toEqual({ applied: true });
    expect(await pendingMigrations(db.url)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string }>(db.url, "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name");
    expect(rows).toEqual(files.map((f) => ({ migration_name: f.name, checksum: f.checksum })));
  }, 180_000);

  it("a migrated database starts nothing: the step is skipped", async () => {
    const dir = tempDataDir("rr-mig-done-");
    seedFromTemplate(dir);
    const db = await startEmbeddedDatabase(dir);
    open.push(db);
    expect(await migrateDatabase(db.url)).toEqual({ applied: false });
  });

  it("a migration folder the database has not run, or an edited one, is pending", async () => {
    const dir = tempDataDir("rr-mig-new-");
    seedFromTemplate(dir);
    const db = await startEmbeddedDatabase(dir);
    open.push(db);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rr-mig-root-"));
    try {
      fs.cpSync(path.join(process.cwd(), "prisma", "migrations"), path.join(root, "prisma", "migrations"), { recursive: true });
      const files = migrationFiles(root);
      const edited = { ...files[0], checksum: crypto.createHash("sha256").update("changed").digest("hex") };
      const added = { name: "29991231000000_later", checksum: "0".repeat(64) };
      expect(await pendingMigrations(db.url, [edited, ...files.slice(1), added])).toEqual([edited.name, added.name]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

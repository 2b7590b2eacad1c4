// Brings a database up to prisma/migrations. The migration files are the one source and
// Prisma's `_prisma_migrations` table records what ran: when that table already lists every
// folder with the same checksum, nothing is started at all (a few milliseconds); otherwise
// `prisma migrate deploy` applies what is pending, and we return as soon as it reports the
// result instead of waiting the ~10 s its event loop idles on a pool timer before exiting.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);

export function projectRoot(): string {
  // node_modules/prisma/package.json -> project root
  return path.resolve(path.dirname(require.resolve("prisma/package.json")), "..", "..");
}

export class MigrationError extends Error {}

/** What `prisma migrate deploy` prints once its work is done, applied or not. */
const DONE_LINES = [/All migrations have been successfully applied\./, /No pending migrations to apply\./];

type MigrationFile = { name: string; checksum: string };

/** The folders of prisma/migrations, in the order Prisma applies them, with Prisma's checksum (sha256 of the script). */
export function migrationFiles(root = projectRoot()): MigrationFile[] {
  const dir = path.join(root, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, checksum: crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, name, "migration.sql"))).digest("hex") }));
}

/** Names of the migration folders that the database has not (cleanly) applied; all of them on an empty database. */
export async function pendingMigrations(databaseUrl: string, files = migrationFiles()): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ t: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS t");
    if (!table.rows[0]?.t) return files.map((f) => f.name);
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Map(applied.rows.map((r) => [r.migration_name, r.checksum]));
    // A changed checksum is pending too, so that Prisma's own deploy reports the edited migration.
    return files.filter((f) => done.get(f.name) !== f.checksum).map((f) => f.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function migrateDatabase(databaseUrl: string): Promise<{ applied: boolean }> {
  if ((await pendingMigrations(databaseUrl)).length === 0) return { applied: false };
  await runPrismaDeploy(databaseUrl);
  return { applied: true };
}

function runPrismaDeploy(databaseUrl: string): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const output: string[] = [];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot(),
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let settled = false;
    const onData = (d: Buffer) => {
      output.push(d.toString());
      if (!settled && DONE_LINES.some((re) => re.test(output.join("")))) {
        // The deploy has committed its work and recorded it; only the CLI's idle exit is left.
        settled = true;
        child.kill("SIGTERM");
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (e) => {
      if (!settled) reject(e);
    });
    child.on("close", (code) => {
      if (settled) return;
      settled = true;
      if (code === 0) return resolve();
      const text = output.join("");
      const line = text.split("\n").find((l) => /^Error|P\d{4}/.test(l.trim())) ?? text.trim().split("\n").pop();
      reject(new MigrationError(`database migration failed: ${line?.trim() ?? "unknown error"}`));
    });
  });
}

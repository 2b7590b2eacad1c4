// vitest globalSetup: migrates one template database per run and imports the bundled scenario
// library into it, so that every test database and test server starts from a copy instead of
// running prisma/migrations and the library import again. The
// projects that list this setup share the one template (vitest runs their global setups one
// after another in its own process; the last project's teardown removes it). The
// embedded template is a PGlite data directory (copied per data dir); on real PostgreSQL
// it is a database that scratch databases are created from (CREATE DATABASE … TEMPLATE).
// It also owns the run's temporary folder, where every test data directory lives, and
// deletes it at the end, after printing how many test servers the project started.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { createDatabaseClient } from "@/lib/db/connect";
import { syncLibrary } from "@/lib/catalog/store";
import { ROOT, SERVER_STARTS } from "../helpers/app";

declare module "vitest" {
  export interface ProvidedContext {
    /** Folder for this run's data directories (removed at teardown). */
    testRunDir: string;
    /** A migrated PGlite data directory (`pgdata`) to copy. */
    embeddedTemplate: string;
    /** Name of a migrated database on TEST_DATABASE_URL's server, or "" without one. */
    postgresTemplate: string;
  }
}

type Templates = { dir: string; embedded: string; postgres: string };
type Shared = { templates?: Promise<Templates>; users: number };

/** The run's templates, made by the first project that asks and shared by the others. */
const shared: Shared = ((globalThis as { __readyroomTestTemplates?: Shared }).__readyroomTestTemplates ??= { users: 0 });

/**
 * Migrates the database at `url` and imports the bundled scenario library into it, as a
 * server's first start leaves it: a test server started on a copy finds every migration
 * applied and every library file stored, so its start skips both (about a second of CPU each).
 */
async function prepareTemplate(url: string): Promise<void> {
  await migrateDatabase(url);
  const prisma = createDatabaseClient(url);
  try {
    const library = await syncLibrary(prisma, path.join(ROOT, "scenarios"));
    if (library.failed.length) throw new Error(`scenario files with errors: ${library.failed.join(", ")} (run npm run -s scenarios:lint)`);
  } finally {
    await prisma.$disconnect();
  }
}

async function makeTemplates(): Promise<Templates> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-template-"));
  const embedded = await startEmbeddedDatabase(dir);
  try {
    await prepareTemplate(embedded.url);
  } finally {
    await embedded.stop();
  }
  let postgres = "";
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    postgres = `rr_template_${crypto.randomBytes(4).toString("hex")}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${postgres}`);
    const url = new URL(serverUrl);
    url.pathname = `/${postgres}`;
    await prepareTemplate(url.toString());
  }
  return { dir, embedded: path.join(dir, "pgdata"), postgres };
}

export default async function setup(project: TestProject) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `rr-run-${project.name}-`));
  shared.users++;
  const templates = await (shared.templates ??= makeTemplates());

  project.provide("testRunDir", runDir);
  project.provide("embeddedTemplate", templates.embedded);
  project.provide("postgresTemplate", templates.postgres);

  return async () => {
    const starts = path.join(runDir, SERVER_STARTS);
    const count = fs.existsSync(starts) ? fs.readFileSync(starts, "utf8").split("\n").filter(Boolean).length : 0;
    console.log(`[${project.name}] ${count} test server${count === 1 ? "" : "s"} started`);
    fs.rmSync(runDir, { recursive: true, force: true });
    if (--shared.users > 0) return;
    shared.templates = undefined;
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl && templates.postgres) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${templates.postgres} WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(templates.dir, { recursive: true, force: true });
  };
}

async function adminQuery(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// vitest globalSetup: migrates one template database per run, so that every test database
// and test server starts from a copy instead of running prisma/migrations again. The
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
import { SERVER_STARTS } from "../helpers/app";

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

export default async function setup(project: TestProject) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `rr-run-${project.name}-`));
  const templateDir = path.join(runDir, "template");
  const embedded = await startEmbeddedDatabase(templateDir);
  try {
    await migrateDatabase(embedded.url);
  } finally {
    await embedded.stop();
  }

  let postgresTemplate = "";
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    postgresTemplate = `rr_template_${crypto.randomBytes(4).toString("hex")}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${postgresTemplate}`);
    const url = new URL(serverUrl);
    url.pathname = `/${postgresTemplate}`;
    await migrateDatabase(url.toString());
  }

  project.provide("testRunDir", runDir);
  project.provide("embeddedTemplate", path.join(templateDir, "pgdata"));
  project.provide("postgresTemplate", postgresTemplate);

  return async () => {
    const starts = path.join(runDir, SERVER_STARTS);
    const count = fs.existsSync(starts) ? fs.readFileSync(starts, "utf8").split("\n").filter(Boolean).length : 0;
    console.log(`[${project.name}] ${count} test server${count === 1 ? "" : "s"} started`);
    if (serverUrl && postgresTemplate) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(runDir, { recursive: true, force: true });
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

// The embedded default database: PGlite, served over the Postgres wire protocol by
// the long-lived app process (lib/db/pglite-server.ts), so every client (the app,
// migrations, the admin CLI) talks to it with the same pg code as to a real server.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ListenTarget } from "@/lib/db/pglite-serve";
import { logError } from "@/lib/log/logger";

/** What the database thread is started with, and what it says back. */
export type DbWorkerData = { dataDir: string; target: ListenTarget };
export type DbWorkerMessage = { type: "ready"; address: string } | { type: "failed"; message: string } | { type: "memory"; bytes: number | null };

/** File under DATA_DIR that tells other processes where the running app serves the DB. */
export const EMBEDDED_ADDRESS_FILE = "embedded-db.json";

export type EmbeddedAddress = { pid: number; url: string; startedAt: string };

/** `thread`: where the database runs, on its own worker thread (the server bundle) or on the caller's. */
export type EmbeddedDatabase = { url: string; thread: "worker" | "main"; stop(): Promise<void> };

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`the data directory ${dataDir} is in use by another Readyroom process (pid ${pid}); stop it or set DATA_DIR`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The address recorded by a live app process serving DATA_DIR, if there is one. */
export function readRunningAddress(dataDir: string): EmbeddedAddress | null {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, EMBEDDED_ADDRESS_FILE), "utf8")) as EmbeddedAddress;
    return raw.pid && isAlive(raw.pid) && raw.pid !== process.pid ? raw : null;
  } catch {
    return null;
  }
}

/**
 * dist/db-worker.js beside the server bundle this module is part of (or READYROOM_DB_WORKER),
 * or null when there is none (run from source). Found from the bundle's own address, not from
 * the process's script: `npm start` runs scripts/start.mjs, which imports the bundle.
 */
export function dbWorkerBundlePath(): string | null {
  if (process.env.READYROOM_EMBEDDED_THREAD === "main") return null;
  const candidates = [process.env.READYROOM_DB_WORKER, fileURLToPath(new URL("db-worker.js", import.meta.url))];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  return null;
}

/** Where the wire server listens: a Unix socket inside `dataDir` (this user only), or a loopback port when that path would be too long. */
function listenTarget(dataDir: string): ListenTarget {
  const socketPath = path.join(dataDir, ".s.PGSQL.5432");
  const useUnixSocket = process.platform !== "win32" && Buffer.byteLength(socketPath) < 100;
  if (!useUnixSocket) return { host: "127.0.0.1", port: 0 };
  fs.rmSync(socketPath, { force: true }); // stale after a crash; we hold the data dir now
  return { path: socketPath };
}

/** For diagnostics (the live benchmark reads it through the inspector): the database's WebAssembly memory, which lives in this process's RSS and never shrinks. */
function exposeDatabaseBytes(read: () => number | null): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for("readyroom.embeddedDatabaseBytes")] = read;
}

type Served = { address: string; close(): Promise<void> };

/** PGlite and its wire server on this thread (development, tests and the CLIs run from source). */
async function serveHere(dataDir: string, target: ListenTarget): Promise<Served> {
  // Loaded only here: with the worker bundle, PGlite's modules load on the database's thread.
  const { servePglite } = await import("@/lib/db/pglite-serve");
  const served = await servePglite(dataDir, target);
  exposeDatabaseBytes(served.heapBytes);
  return served;
}

/**
 * PGlite and its wire server on a worker thread (lib/db/embedded-worker-entry.ts, bundled as
 * dist/db-worker.js). The database's work (parsing, planning, executing: WebAssembly, seconds
 * a minute in a busy exercise) then runs beside the app's main thread instead of on it, where
 * it held up every socket push and page render. The app talks to it over the same socket as before.
 * If the worker stops unexpectedly the database is gone: the process ends with an error, as
 * it would if PGlite failed on the main thread.
 */
async function serveOnWorker(file: string, dataDir: string, target: ListenTarget): Promise<Served> {
  // The same young generation as the server's main thread (--max-semi-space-size=64, three
  // semi-spaces): with the default, the wire server's short-lived buffers were collected so
  // often that the test suite's servers took about 20 % more CPU on this thread than on the main one.
  const worker = new Worker(file, { workerData: { dataDir, target } satisfies DbWorkerData, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
  let databaseBytes: number | null = null;
  exposeDatabaseBytes(() => databaseBytes);
  let stopping = false;
  const stopped = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    worker.on("message", (m: DbWorkerMessage) => {
      if (m.type === "ready") resolve(m.address);
      else if (m.type === "failed") reject(new Error(m.message));
      else if (m.type === "memory") databaseBytes = m.bytes;
    });
    worker.once("error", (e) => {
      reject(e);
      if (!stopping) {
        logError("the embedded database's thread failed", e);
        process.exitCode = 1;
        process.kill(process.pid, "SIGTERM");
      }
    });
    worker.once("exit", (code) => reject(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  });
  return {
    address,
    async close() {
      stopping = true;
      worker.postMessage({ type: "stop" });
      await stopped;
    },
  };
}

/**
 * Opens PGlite in `dataDir/pgdata` and serves it on a Unix socket inside `dataDir`
 * (readable by this user only), or on a loopback port when the socket path would
 * be too long for the OS. From the server bundle, the database runs on its own thread.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const running = readRunningAddress(dataDir);
  if (running) throw new DataDirBusyError(dataDir, running.pid);

  const target = listenTarget(dataDir);
  const workerFile = dbWorkerBundlePath();
  const served = workerFile ? await serveOnWorker(workerFile, dataDir, target) : await serveHere(dataDir, target);
  const url = "path" in target
    ? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`
    : `postgresql://postgres@${served.address}/postgres`;

  const addressFile = path.join(dataDir, EMBEDDED_ADDRESS_FILE);
  const record: EmbeddedAddress = { pid: process.pid, url, startedAt: new Date().toISOString() };
  fs.writeFileSync(addressFile, JSON.stringify(record), { mode: 0o600 });

  let stopped = false;
  return {
    url,
    thread: workerFile ? "worker" : "main",
    async stop() {
      if (stopped) return;
      stopped = true;
      await served.close();
      fs.rmSync(addressFile, { force: true });
      if ("path" in target) fs.rmSync(target.path, { force: true });
    },
  };
}

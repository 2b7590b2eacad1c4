// The embedded default database: PGlite, served over the Postgres wire protocol by
// the long-lived app process (lib/db/pglite-server.ts), so every client (the app,
// migrations, the admin CLI) talks to it with the same pg code as to a real server.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PgliteWireServer } from "@/lib/db/pglite-server";

/** File under DATA_DIR that tells other processes where the running app serves the DB. */
export const EMBEDDED_ADDRESS_FILE = "embedded-db.json";

export type EmbeddedAddress = { pid: number; url: string; startedAt: string };

export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

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
 * Opens PGlite in `dataDir/pgdata` and serves it on a Unix socket inside `dataDir`
 * (readable by this user only), or on a loopback port when the socket path would
 * be too long for the OS.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const running = readRunningAddress(dataDir);
  if (running) throw new DataDirBusyError(dataDir, running.pid);

  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  // For diagnostics (the live benchmark reads it through the inspector): the size of the
  // database's WebAssembly memory, which lives in this process's RSS and never shrinks.
  (globalThis as Record<symbol, unknown>)[Symbol.for("readyroom.embeddedDatabaseBytes")] = () =>
    (db as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength ?? null;
  const socketPath = path.join(dataDir, ".s.PGSQL.5432");
  const useUnixSocket = process.platform !== "win32" && Buffer.byteLength(socketPath) < 100;
  if (useUnixSocket) fs.rmSync(socketPath, { force: true }); // stale after a crash; we hold the data dir now

  const server = new PgliteWireServer(db);
  const address = await server.listen(useUnixSocket ? { path: socketPath } : { host: "127.0.0.1", port: 0 });
  const url = useUnixSocket
    ? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`
    : `postgresql://postgres@${address}/postgres`;

  const addressFile = path.join(dataDir, EMBEDDED_ADDRESS_FILE);
  const record: EmbeddedAddress = { pid: process.pid, url, startedAt: new Date().toISOString() };
  fs.writeFileSync(addressFile, JSON.stringify(record), { mode: 0o600 });

  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close().catch(() => undefined);
      await db.close();
      fs.rmSync(addressFile, { force: true });
      if (useUnixSocket) fs.rmSync(socketPath, { force: true });
    },
  };
}

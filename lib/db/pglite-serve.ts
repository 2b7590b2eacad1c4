// PGlite opened on a data directory and served over the Postgres wire protocol
// (lib/db/pglite-server.ts), on whichever thread calls it: the app's main thread
// (lib/db/embedded.ts) or the database's own thread (lib/db/embedded-worker-entry.ts).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PgliteWireServer } from "@/lib/db/pglite-server";

/** Where the wire server listens: a Unix socket path, or a loopback host and port. */
export type ListenTarget = { path: string } | { host: string; port: number };

export type ServedPglite = {
  address: string;
  /** The size of the database's WebAssembly memory (it lives in the process's RSS and never shrinks), for diagnostics. */
  heapBytes(): number | null;
  close(): Promise<void>;
};

export async function servePglite(dataDir: string, target: ListenTarget): Promise<ServedPglite> {
  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  const server = new PgliteWireServer(db);
  const address = await server.listen(target);
  return {
    address,
    heapBytes: () => (db as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength ?? null,
    async close() {
      await server.close().catch(() => undefined);
      await db.close();
    },
  };
}

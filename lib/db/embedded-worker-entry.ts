// The embedded database's thread (bundled as dist/db-worker.js, started by
// lib/db/embedded.ts): opens PGlite and serves it over the Postgres wire protocol on the
// socket the app connects to, so the database's work runs beside the app's main thread.
import { parentPort, workerData } from "node:worker_threads";
import { servePglite } from "@/lib/db/pglite-serve";
import type { DbWorkerData, DbWorkerMessage } from "@/lib/db/embedded";

const { dataDir, target } = workerData as DbWorkerData;
const port = parentPort!;
const say = (m: DbWorkerMessage) => port.postMessage(m);

async function main() {
  const served = await servePglite(dataDir, target);
  // The size of the database's WebAssembly memory, for diagnostics (lib/db/embedded.ts).
  const memory = () => say({ type: "memory", bytes: served.heapBytes() });
  memory();
  setInterval(memory, 1000).unref();
  port.on("message", (m: { type: string }) => {
    if (m.type !== "stop") return;
    void (async () => {
      await served.close();
      port.close();
      process.exit(0);
    })();
  });
  say({ type: "ready", address: served.address });
}

main().catch((e: unknown) => {
  say({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});

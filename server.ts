// The one Readyroom process's entry: reads the settings, claims the port, then starts the
// embedded PGlite database on its thread while the app's modules load (server-main.ts:
// Next.js, socket.io, Prisma). The two overlap on a second core, so a restart after a crash,
// which participants wait on, reaches "is running" sooner (median 3.50 s -> 2.85 s,
// docs/performance.md).
// This file imports only what claiming the port needs; the bundle keeps server-main.ts in a
// chunk of its own that loads when imported below (scripts/build-server.mjs).
import http from "node:http";
import { parseEnv, EnvError, type AppEnv } from "@/lib/config/env";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { MailConfigError, parseMailEnv } from "@/lib/mail/config";
import { installRedactingConsole } from "@/lib/log/logger";
import type { Handler } from "./server-main";

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Before the app is loaded, nothing else runs: a refusal says why and ends the process. */
function refuse(message: string): never {
  console.error(`Readyroom cannot start: ${message}`);
  process.exit(1);
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

async function main(): Promise<void> {
  // Errors anyone logs (Next.js included) go out without the values they quote.
  installRedactingConsole();
  let env: AppEnv;
  try {
    env = parseEnv();
  } catch (e) {
    refuse(e instanceof EnvError ? e.message : String(e));
  }
  try {
    // SMTP_URL and the other mail settings (docs/mail.md); checked before anything starts.
    parseMailEnv();
  } catch (e) {
    refuse(e instanceof MailConfigError ? e.message : String(e));
  }
  // `npm run dev` passes --dev: Next compiles on demand with hot reload.
  const dev = process.argv.includes("--dev") || process.env.NODE_ENV === "development";

  // Claim the port first, so a busy port fails in a second; answer 503 until ready.
  let handle: Handler = (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain", "retry-after": "2" });
    res.end("Readyroom is starting");
  };
  // Slow clients are dropped in seconds: headers within 10 s, the whole request within 30 s,
  // checked every second (Node's defaults are 60 s, 300 s and a 30 s check).
  const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => handle(req, res));
  let port: number;
  try {
    port = await listen(server, env.PORT, env.HOST);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") refuse(`port ${env.PORT} is already in use; stop the other process or set PORT`);
    if (err.code === "EACCES") refuse(`no permission to listen on port ${env.PORT}; choose a port above 1024 with PORT`);
    refuse(`cannot listen on ${env.HOST}:${env.PORT} (${err.code ?? err.message})`);
  }

  // The database's thread starts now and the app's modules load beside it; the app awaits the
  // database where it needs it, and reports a busy data directory from there.
  const database = env.embedded ? startEmbeddedDatabase(env.dataDir) : undefined;
  database?.catch(() => undefined);
  let app: typeof import("./server-main");
  try {
    app = await import("./server-main");
  } catch (e) {
    await database?.then((db) => db.stop()).catch(() => undefined);
    refuse(`the app failed to load (${e instanceof Error ? e.message : String(e)})`);
  }
  await app.start({ env, dev, server, port, database, serve: (handler) => (handle = handler) });
}

main().catch((e: unknown) => refuse(e instanceof Error ? e.message : String(e)));

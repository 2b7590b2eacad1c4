// The one Readyroom process: HTTP server, Next.js, socket.io, and (when DATABASE_URL
// is unset) the embedded PGlite database, with a clean shutdown of all of them.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import pg from "pg";
import { parseEnv, EnvError, type AppEnv } from "@/lib/config/env";
import { startEmbeddedDatabase, DataDirBusyError, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase, projectRoot, MigrationError } from "@/lib/db/migrate";
import { closePrisma, getPrisma } from "@/lib/db/client";
import { seedDemoAccounts, type DemoLogin } from "@/lib/db/seed";
import { attachKeyringFromEnv, prepareEncryption } from "@/lib/privacy/crypto/startup";
import { startAuditChain } from "@/lib/audit/startup";
import { syncLibrary } from "@/lib/catalog/store";
import { attachSessionEvents, createRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";
import { InProcessTimers, SessionService, type SessionPublisher } from "@/lib/session/service";
import { installSessionService } from "@/lib/session/runtime";
import { startCluster, type Cluster } from "@/lib/realtime/cluster";
import { Presence } from "@/lib/realtime/presence";
import { createClient } from "redis";
import { scheduleRetention } from "@/lib/privacy/retention";
import { scheduleDrillDeadlineSweep } from "@/lib/drills/deadline-sweep";
import { MailConfigError, parseMailEnv } from "@/lib/mail/config";
import { startMail } from "@/lib/mail/startup";
import { APP_VERSION } from "@/lib/version";
import { PEER_HEADER } from "@/lib/http/client-address";
import { installRedactingConsole } from "@/lib/log/logger";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let embedded: EmbeddedDatabase | undefined;
let cluster: Cluster | undefined;
let stopRetention: (() => void) | undefined;
let stopDrillSweep: (() => void) | undefined;
let stopMail: (() => Promise<void>) | undefined;
let io: RealtimeServer | undefined;
let httpServer: http.Server | undefined;
const timers = new InProcessTimers();

async function stopAll(): Promise<void> {
  timers.cancelAll();
  stopRetention?.();
  stopDrillSweep?.();
  await stopMail?.().catch(() => undefined);
  await cluster?.stop().catch(() => undefined);
  if (io) await new Promise<void>((resolve) => io!.close(() => resolve()));
  else if (httpServer?.listening) await new Promise<void>((resolve) => httpServer!.close(() => resolve()));
  await closePrisma().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
}

async function fail(message: string): Promise<never> {
  console.error(`Readyroom cannot start: ${message}`);
  await stopAll();
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

async function checkDatabaseReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  const where = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return "DATABASE_URL";
    }
  })();
  try {
    await client.connect();
    await client.query("select 1");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`cannot reach the database at ${where} (${err.code ?? err.message}); check DATABASE_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return "REDIS_URL";
  }
}

async function checkRedisReachable(url: string): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`cannot reach Redis at ${redactUrl(url)} (${err.code ?? err.message}); check REDIS_URL`);
  } finally {
    await client.quit().catch(() => undefined);
  }
}

/** The JWT secret: from the environment, or generated once for the embedded default. */
function ensureAuthSecret(env: AppEnv): void {
  if (env.NEXTAUTH_SECRET) return;
  const file = path.join(env.dataDir, "auth-secret");
  let secret = "";
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    secret = crypto.randomBytes(48).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
}

function printBanner(url: string, env: AppEnv, logins: DemoLogin[]): void {
  const lines = [
    "",
    `  Readyroom ${APP_VERSION} is running at ${url}`,
    `  database: ${env.embedded ? `embedded PostgreSQL (PGlite) in ${env.dataDir}${embedded?.thread === "worker" ? ", on its own thread" : ""}` : "PostgreSQL (DATABASE_URL)"}`,
  ];
  if (logins.length) {
    lines.push("", "  Demo logins:");
    for (const l of logins) lines.push(`    ${l.role.padEnd(12)} ${l.email.padEnd(30)} ${l.password ?? "(password set when the account was created elsewhere)"}`);
  }
  console.log(lines.join("\n") + "\n");
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  // Errors anyone logs (Next.js included) go out without the values they quote.
  installRedactingConsole();
  let env: AppEnv;
  try {
    env = parseEnv();
  } catch (e) {
    return fail(e instanceof EnvError ? e.message : String(e));
  }
  try {
    // SMTP_URL and the other mail settings (docs/mail.md); checked before anything starts.
    parseMailEnv();
  } catch (e) {
    return fail(e instanceof MailConfigError ? e.message : String(e));
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
  httpServer = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => handle(req, res));
  let port: number;
  try {
    port = await listen(httpServer, env.PORT, env.HOST);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") return fail(`port ${env.PORT} is already in use; stop the other process or set PORT`);
    if (err.code === "EACCES") return fail(`no permission to listen on port ${env.PORT}; choose a port above 1024 with PORT`);
    return fail(`cannot listen on ${env.HOST}:${env.PORT} (${err.code ?? err.message})`);
  }
  const url = env.PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= url;
  process.env.READYROOM_PUBLIC_URL = url;

  try {
    if (env.embedded) {
      embedded = await startEmbeddedDatabase(env.dataDir);
      process.env.DATABASE_URL = embedded.url;
      process.env.READYROOM_DB_KIND = "embedded";
    } else {
      await checkDatabaseReachable(env.DATABASE_URL!);
      process.env.READYROOM_DB_KIND = "postgres";
    }
    fs.mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
    ensureAuthSecret(env);
    if (env.REDIS_URL) await checkRedisReachable(env.REDIS_URL);
    await migrateDatabase(process.env.DATABASE_URL!);
  } catch (e) {
    if (e instanceof DataDirBusyError || e instanceof MigrationError || e instanceof Error) return fail(e.message);
    return fail(String(e));
  }

  const prisma = getPrisma();
  try {
    // Personal fields are encrypted under data keys wrapped by the KEK (docs/privacy.md).
    const encryption = await prepareEncryption(prisma, attachKeyringFromEnv(prisma, process.env, env));
    if (encryption.participants || encryption.responses) console.log(`Readyroom: encrypted ${encryption.participants} participant name(s) and ${encryption.responses} answer(s) stored before encryption`);
    if (encryption.rewrapped) console.log(`Readyroom: re-wrapped ${encryption.rewrapped} data key(s) under KEK ${encryption.kekId}`);
    if (encryption.rotationDue) console.warn("Readyroom: personal data was erased since READYROOM_KEK was last replaced; rotate it (docs/privacy.md)");
    // The audit log is a signed hash chain (docs/evidence.md).
    const chain = await startAuditChain(prisma, env);
    if (chain.legacyChained) console.log(`Readyroom: linked ${chain.legacyChained} earlier audit row(s) into the audit chain`);
    if (chain.warning) console.warn(`Readyroom: ${chain.warning}`);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const logins = env.embedded || env.SEED_DEMO === "1" ? await seedDemoAccounts(prisma, env.dataDir) : [];
  const library = await syncLibrary(prisma, path.join(projectRoot(), "scenarios"));
  if (library.failed.length) console.error(`Readyroom: scenario files with errors were not loaded: ${library.failed.join(", ")} (run npm run -s scenarios:lint)`);

  const app = next({ dev, dir: projectRoot(), hostname: "localhost", port, httpServer });
  // Next adds its own "upgrade" listener to the server on the first request. It would run
  // its router over every socket.io connection as well (and keep an abort signal and the
  // upgrade request alive for as long as the connection lasts), and handle other upgrades
  // a second time. The listener below already hands Next the upgrades that are its own.
  (app as unknown as { didWebSocketSetup: boolean }).didWebSocketSetup = true;
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  io = createRealtimeServer(httpServer);
  // The publisher is created after the service, so the service reports through this relay.
  let publisher: SessionPublisher | undefined;
  const relay: SessionPublisher = {
    teamChanged: (s, t, v) => publisher?.teamChanged(s, t, v),
    sessionChanged: (s) => publisher?.sessionChanged(s),
    consoleChanged: (s) => publisher?.consoleChanged(s),
    talliesChanged: (s, teams) => publisher?.talliesChanged?.(s, teams),
    participantChanged: (s, p) => publisher?.participantChanged(s, p),
    participantErased: (s, p) => publisher?.participantErased?.(s, p),
    clocksChanged: (c) => publisher?.clocksChanged?.(c),
  };
  const sessions = new SessionService(prisma, relay, timers, () => url);
  const presence = new Presence();
  publisher = attachSessionEvents(io, sessions, { clustered: () => cluster !== undefined, presence });
  installSessionService(sessions);
  if (env.REDIS_URL) {
    cluster = await startCluster({
      redisUrl: env.REDIS_URL,
      io,
      service: sessions,
      presence,
      prefix: env.REDIS_KEY_PREFIX,
      leaseMs: env.CLUSTER_LEASE_MS,
      log: (line) => console.log(`Readyroom cluster: ${line}`),
    });
    sessions.setTimerOwnership(cluster.owns);
    console.log(`Readyroom: cluster node ${cluster.nodeId} (Redis ${redactUrl(env.REDIS_URL)})`);
  } else {
    const rearmed = await sessions.recoverTimers();
    if (rearmed) console.log(`Readyroom: resumed ${rearmed} running decision timer(s)`);
  }
  // Raw responses past the retention period are deleted daily (and on demand by an admin).
  stopRetention = scheduleRetention(prisma, 24 * 3600_000);
  // Drills whose deadline passed are closed and join the dashboard (at start, then every minute).
  stopDrillSweep = scheduleDrillDeadlineSweep(prisma, url);
  // The mail outbox worker and the weekly improvement digest, when SMTP_URL is set.
  const mail = startMail(prisma, url);
  stopMail = mail.stop;
  console.log(`Readyroom ${mail.banner}`);
  handle = (req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    void nextHandler(req, res);
  };
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) void upgrade(req, socket, head);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Readyroom: ${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopAll()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  printBanner(url, env, logins);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));

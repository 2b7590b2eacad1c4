// The Readyroom app, loaded by server.ts once the port is claimed: Next.js, socket.io, the
// database (the embedded PGlite that server.ts started on its thread, or DATABASE_URL's
// server), the cluster, the schedulers, and a clean shutdown of all of them.
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import next from "next";
import pg from "pg";
import type { AppEnv } from "@/lib/config/env";
import { DataDirBusyError, type EmbeddedDatabase } from "@/lib/db/embedded";
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
import { startMail } from "@/lib/mail/startup";
import { APP_VERSION } from "@/lib/version";
import { PEER_HEADER } from "@/lib/http/client-address";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

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

/** What server.ts hands over: the settings, the listening server, and the embedded database it started. */
export type Started = {
  env: AppEnv;
  dev: boolean;
  server: http.Server;
  port: number;
  /** The embedded database's start, begun while this module loaded (undefined with DATABASE_URL). */
  database: Promise<EmbeddedDatabase> | undefined;
  /** Replaces the server's "starting" answer with the app's handler. */
  serve(handler: Handler): void;
};

/** Starts the app on the server that server.ts claimed; any failure ends the process with its reason. */
export function start(started: Started): Promise<void> {
  return run(started).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
}

async function run({ env, dev, server, port, database, serve }: Started): Promise<void> {
  httpServer = server;
  const url = env.PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= url;
  process.env.READYROOM_PUBLIC_URL = url;

  const app = next({ dev, dir: projectRoot(), hostname: "localhost", port, httpServer });
  // Next adds its own "upgrade" listener to the server on the first request. It would run
  // its router over every socket.io connection as well (and keep an abort signal and the
  // upgrade request alive for as long as the connection lasts), and handle other upgrades
  // a second time. The listener below already hands Next the upgrades that are its own.
  (app as unknown as { didWebSocketSetup: boolean }).didWebSocketSetup = true;
  // Next reads its build while the database starts (it runs none of the app's code before the
  // first request); a failure is reported where it is awaited, after the database's.
  const prepared = app.prepare();
  prepared.catch(() => undefined);

  try {
    if (database) {
      embedded = await database;
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

  await prepared;
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
  serve((req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    void nextHandler(req, res);
  });
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

// Real socket.io clients against the running app, for the live-session tests.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/contract";
import { afterAll, beforeAll } from "vitest";
import { sharedApp, type AppHandle } from "./app";
import { loginViaHttp } from "./http";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export function socketFor(app: AppHandle, cookie?: string | null): Client {
  return connect(app.url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
}

export function key(): string {
  return crypto.randomUUID();
}

/** Emits and waits for the ack (the server acks only after the database committed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call(socket: Client, event: keyof ClientToServerEvents, payload?: unknown): Promise<any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = socket as any;
  return payload === undefined ? s.timeout(10_000).emitWithAck(event) : s.timeout(10_000).emitWithAck(event, payload);
}

/** Resolves with the next `event` whose payload satisfies `match`. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: Client,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

export async function loginFacilitator(app: AppHandle, email = "facilitator@readyroom.local", password?: string) {
  const login = await loginViaHttp(app.url, email, password ?? app.demoPassword("FACILITATOR"));
  if (!login.cookie) throw new Error(`login failed for ${email}: ${login.error}`);
  return login.cookie;
}

export async function api(app: AppHandle, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { cookie, origin: app.url, "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Runs `work` on a fresh `pg` connection to `url`, closed afterwards. */
export async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Runs `work` on a connection to a running app's embedded database. */
export function withAppDb<T>(app: AppHandle, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const { url } = JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string };
  return withPg(url, work);
}

export async function importFixture(app: AppHandle, cookie: string, file: string): Promise<string> {
  const r = await api(app, cookie, "POST", "/api/scenarios", fs.readFileSync(file, "utf8"));
  if (r.status !== 201 && r.status !== 200) throw new Error(`import failed: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/**
 * Registers a describe block's app: the project's shared server, or the one `start` starts
 * (startApp, for a block that restarts or kills it), with a signed-in facilitator and
 * `fixture` imported before its tests; after them every socket opened through `open` is
 * closed and the app stopped (the shared one stays up).
 */
export function liveApp<A extends AppHandle = AppHandle>(fixture: string, start: () => Promise<A> = sharedApp as () => Promise<A>) {
  const live = { app: undefined as unknown as A, cookie: "", scenarioId: "" };
  const sockets: Client[] = [];
  beforeAll(async () => {
    live.app = await start();
    live.cookie = await loginFacilitator(live.app);
    live.scenarioId = await importFixture(live.app, live.cookie, fixture);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await live.app?.stop();
  });
  return {
    live,
    /** A socket (with `cookie`, or a handshake `auth`) closed when the block ends. */
    open(cookie?: string | null, auth?: { token: string }): Client {
      const s = auth ? (connect(live.app.url, { transports: ["websocket"], auth, reconnection: false, forceNew: true }) as Client) : socketFor(live.app, cookie);
      sockets.push(s);
      return s;
    },
    /** Runs `work` on a connection to the app's embedded database. */
    db<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
      return withAppDb(live.app, work);
    },
  };
}

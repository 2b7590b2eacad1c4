// The browser's end of the realtime protocol: one socket.io connection, a handshake
// that re-binds the connection after every (re)connect, and writes that carry an
// idempotency key and are retried with that same key until the server acknowledges.
// Plain TypeScript: the React side lives in components/live/.
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, OkOf, PayloadOf, RequestEvent, ServerToClientEvents, WriteEvent } from "@/lib/realtime/contract";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = "connecting" | "online" | "offline";

/** A write's payload as the caller gives it: the client adds the idempotency key. */
export type WritePayload<E extends WriteEvent> = Omit<PayloadOf<E>, "key">;

/** The server answered with an error ack: final, the user should see `message`. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** No ack arrived in time (or the connection dropped before it did). */
export class AckTimeoutError extends Error {
  constructor(event: string) {
    super(`no answer to ${event} in time`);
  }
}

const ACK_TIMEOUT_MS = 5000;
/** Transport-level refusals that say "try again", not "this was wrong". */
const RETRYABLE_CODES = new Set(["RATE_LIMITED", "NOT_JOINED"]);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function backoffMs(attempt: number): number {
  const base = Math.min(8000, 400 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/** A random v4 UUID; crypto.randomUUID exists only in secure contexts (not on plain-HTTP LAN addresses). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type LooseEmitter = { emitWithAck(event: string, payload: unknown): Promise<Ack<object>> };

export type RealtimeClientOptions = {
  /**
   * Runs after every (re)connect, before queued writes go out: re-binds this connection
   * to its participant or console. A thrown RequestError is reported via onHandshakeError.
   */
  handshake?: (client: RealtimeClient) => Promise<void>;
  onHandshakeError?: (error: RequestError) => void;
  onStateChange?: (state: ConnectionState) => void;
};

export class RealtimeClient {
  readonly socket: ClientSocket;
  private state: ConnectionState = "connecting";
  private readyWaiters: Array<() => void> = [];
  private isReady = false;
  private closed = false;
  private connection = 0;

  constructor(private readonly options: RealtimeClientOptions = {}) {
    this.socket = io({
      path: "/socket.io",
      transports: ["websocket"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      autoConnect: false,
    });
    this.socket.on("connect", () => void this.onConnect());
    this.socket.on("disconnect", () => {
      this.isReady = false;
      this.setState("offline");
    });
    this.socket.on("connect_error", () => this.setState("offline"));
    this.socket.connect();
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  private setState(state: ConnectionState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }

  private async onConnect() {
    const connection = ++this.connection;
    this.setState("connecting");
    for (let attempt = 0; this.options.handshake; attempt++) {
      try {
        await this.options.handshake(this);
        break;
      } catch (e) {
        if (connection !== this.connection || !this.socket.connected) return;
        if (e instanceof RequestError && !RETRYABLE_CODES.has(e.code)) {
          this.options.onHandshakeError?.(e);
          return;
        }
        await sleep(backoffMs(attempt));
        if (connection !== this.connection || !this.socket.connected) return;
      }
    }
    if (connection !== this.connection || !this.socket.connected) return;
    this.isReady = true;
    this.setState("online");
    const waiters = this.readyWaiters.splice(0);
    for (const w of waiters) w();
  }

  private whenReady(): Promise<void> {
    if (this.isReady && this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * One request, answered or refused: used for the handshake itself and for joining
   * (which has no idempotency key, so it must not be repeated blindly).
   */
  async call<E extends RequestEvent>(event: E, payload: PayloadOf<E>, timeoutMs = ACK_TIMEOUT_MS): Promise<OkOf<E>> {
    let res: Ack<object>;
    try {
      res = await (this.socket.timeout(timeoutMs) as unknown as LooseEmitter).emitWithAck(event, payload);
    } catch {
      throw new AckTimeoutError(event);
    }
    if (!res.ok) throw new RequestError(res.error.code, res.error.message, res.error.path);
    return res as OkOf<E>;
  }

  /**
   * A write: adds an idempotency key and retries with the same key (after reconnects,
   * with backoff) until the server acknowledges. An error ack is final and thrown.
   */
  async send<E extends WriteEvent>(event: E, payload: WritePayload<E>): Promise<OkOf<E>> {
    const keyed = { ...payload, key: newIdempotencyKey() } as unknown as PayloadOf<E>;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new RequestError("CLOSED", "the page was closed before the server answered");
      await this.whenReady();
      try {
        return await this.call(event, keyed);
      } catch (e) {
        if (e instanceof RequestError && !RETRYABLE_CODES.has(e.code)) throw e;
      }
      await sleep(backoffMs(attempt));
    }
  }

  close() {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

// ---------------------------------------------------------------- participant credentials

const TOKEN_PREFIX = "readyroom.participant.";
/** Fallback for browsers without storage (some private modes): lasts until a reload. */
const memoryTokens = new Map<string, string>();

/** The token that lets this browser resume its place in a session, kept per session. */
export function loadParticipantToken(sessionId: string): string | null {
  try {
    return window.localStorage.getItem(TOKEN_PREFIX + sessionId) ?? memoryTokens.get(sessionId) ?? null;
  } catch {
    return memoryTokens.get(sessionId) ?? null;
  }
}

export function saveParticipantToken(sessionId: string, token: string): void {
  memoryTokens.set(sessionId, token);
  try {
    window.localStorage.setItem(TOKEN_PREFIX + sessionId, token);
  } catch {
    // no storage: the in-memory copy keeps the participant joined until they reload
  }
}

export function forgetParticipantToken(sessionId: string): void {
  memoryTokens.delete(sessionId);
  try {
    window.localStorage.removeItem(TOKEN_PREFIX + sessionId);
  } catch {
    // nothing stored
  }
}

// socket.io wiring on the app's own HTTP server. The handshake resolves the cookie
// session through getSession(), the same choke point pages and routes use; every
// payload is parsed with zod (in the session service), size- and rate-limited, and
// answered with an ack only after the database committed.
import type http from "node:http";
import { Server, type Socket } from "socket.io";
import { getSession } from "@/lib/auth/session";
import { joinCodeLimiter } from "@/lib/auth/rate-limit";
import type { SessionPublisher, SessionService } from "@/lib/session/service";
import { DomainError } from "@/lib/errors/domain-error";
import { handleError } from "@/lib/errors/handle";
import { Presence } from "@/lib/realtime/presence";
import { RosterChains } from "@/lib/realtime/roster-delta";
import type { Ack, ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/realtime/events";
import { admitConnections } from "@/lib/realtime/admission";
import { findUnstorableText } from "@/lib/security/text";
import { logError } from "@/lib/log/logger";
import { VISIBILITY_LEVELS } from "@/lib/privacy/visibility";
import { minGroupSize, viewerVisibility } from "@/lib/session/viewer";
import { ConsoleHub, consoleRoom } from "@/lib/realtime/console-hub";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The transport refuses anything larger outright; events are checked against EVENT_MAX_BYTES. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const EVENT_MAX_BYTES = 32 * 1024;
export function createRealtimeServer(httpServer: http.Server): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Same-origin only: the browser client is served by this very server.
    cors: { origin: false },
    // Other upgrade requests (Next's dev HMR) are handled by the server, not dropped.
    destroyUpgrade: false,
  });
  admitConnections(io);
  io.use(async (socket, next) => {
    try {
      const session = await getSession(socket.handshake.headers.cookie ?? null);
      socket.data.user = session?.user ?? null;
      next();
    } catch {
      next(new Error("SESSION_LOOKUP_FAILED"));
    }
  });
  return io;
}

/**
 * engine.io answers a WebSocket upgrade through a stand-in response that listens for the
 * TCP socket's "close" only to re-emit it to HTTP middlewares (this server has none), and
 * that listener keeps the upgrade request, with all its headers, alive for the whole
 * connection. Removing it changes nothing else; ws keeps its
 * own close listener.
 */
export function releaseUpgradeResponse(socket: Pick<AppSocket, "conn">): void {
  const raw = (socket.conn as unknown as { transport?: { socket?: { _socket?: import("node:net").Socket } } }).transport?.socket?._socket;
  if (!raw) return;
  for (const listener of raw.listeners("close")) {
    if (!listener.name && /^\(\)\s*=>\s*this\.emit\("close"\)$/.test(String(listener))) raw.removeListener("close", listener as (...args: unknown[]) => void);
  }
}

/** Any failure as an error ack, through the same handler as the HTTP routes (lib/errors/handle.ts). */
function errorAck(e: unknown): Ack<never> {
  const { error } = handleError(e, { log: "socket handler failed", kind: "payload", internalMessage: "the server failed; nothing was changed, try again" });
  return { ok: false, error: { code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}) } };
}

/** Messages a connection may send in any window of MESSAGE_WINDOW_MS. */
const MESSAGE_LIMIT = 40;
const MESSAGE_WINDOW_MS = 2_000;

/**
 * Counts a message against its connection's window. The count lives on the connection
 * itself: no timer, promise or map entry per message, which a burst of thousands of votes
 * would otherwise create.
 */
function overMessageLimit(socket: AppSocket): boolean {
  const now = Date.now();
  const window = socket.data.messages;
  if (!window || now - window.start >= MESSAGE_WINDOW_MS) {
    socket.data.messages = { start: now, count: 1 };
    return false;
  }
  return ++window.count > MESSAGE_LIMIT;
}

function isKey(value: unknown): value is string {
  return typeof value === "string" && value.length >= 8 && value.length <= 100;
}

/** Registers the exercise events and returns the publisher the session service reports to. */
export function attachSessionEvents(
  io: RealtimeServer,
  service: SessionService,
  opts: { clustered?: () => boolean; presence?: Presence } = {},
): SessionPublisher {
  const clustered = opts.clustered ?? (() => false);
  const presence = opts.presence ?? new Presence();
  const rosters = new RosterChains();
  // One console view per session and change, shared by every console and present screen.
  const consoles = new ConsoleHub(
    {
      build: async (sessionId) => service.consoleView(sessionId, await presence.online(sessionId)),
      minGroupSize,
      watchers: (room) => io.sockets.adapter.rooms.get(room)?.size ?? 0,
      emit: (room, update) => io.to(room).emit("console:state", update),
      clustered,
    },
    rosters,
  );

  const publisher: SessionPublisher = {
    teamChanged(sessionId, teamId, view) {
      if (view) {
        io.to(`team:${teamId}`).emit("team:state", { ...view, sessionId, serverTime: new Date().toISOString() });
        return;
      }
      void consoles
        .first(() => service.teamBroadcastView(teamId))
        .then((read) => io.to(`team:${teamId}`).emit("team:state", { ...read, serverTime: new Date().toISOString() }))
        .catch((e: unknown) => logError("team broadcast failed", e));
    },
    sessionChanged(sessionId) {
      void service
        .sessionAudience(sessionId)
        .then(({ teamIds, unassignedParticipantIds }) => {
          for (const teamId of teamIds) publisher.teamChanged(sessionId, teamId);
          // People not yet in a team still need to learn that the session started or ended.
          for (const id of unassignedParticipantIds) publisher.participantChanged(sessionId, id);
          publisher.consoleChanged(sessionId);
        })
        .catch((e: unknown) => logError("session broadcast failed", e));
    },
    consoleChanged(sessionId) {
      consoles.changed(sessionId);
    },
    participantChanged(sessionId, participantId) {
      void consoles.first(async () => {
        const view = await service.participantView(participantId);
        const sockets = await io.in(`participant:${participantId}`).fetchSockets();
        for (const s of sockets) {
          for (const room of s.rooms) if (room.startsWith("team:")) s.leave(room);
          if (view.me.teamId) s.join(`team:${view.me.teamId}`);
        }
        io.to(`participant:${participantId}`).emit("participant:state", view);
      }).catch((e: unknown) => logError("participant update failed", e));
      void sessionId;
    },
    participantErased(sessionId, participantId) {
      const room = `participant:${participantId}`;
      io.to(room).emit("participant:erased", { sessionId, participantId });
      // Let the event reach the client before the connection closes (works across nodes too).
      setTimeout(() => io.in(room).disconnectSockets(true), 250).unref();
    },
  };

  async function bindParticipant(socket: AppSocket, participantId: string, sessionId: string) {
    if (socket.data.participantId && socket.data.participantId !== participantId) unbindParticipant(socket);
    if (socket.data.participantId !== participantId) presence.add(sessionId, participantId);
    socket.data.participantId = participantId;
    socket.data.sessionId = sessionId;
    socket.join(`participant:${participantId}`);
    const view = await service.participantView(participantId);
    for (const room of socket.rooms) if (room.startsWith("team:")) socket.leave(room);
    if (view.me.teamId) socket.join(`team:${view.me.teamId}`);
    publisher.consoleChanged(sessionId);
    return view;
  }

  function unbindParticipant(socket: AppSocket) {
    const id = socket.data.participantId;
    const sessionId = socket.data.sessionId;
    if (!id || !sessionId) return;
    presence.remove(sessionId, id);
    publisher.consoleChanged(sessionId);
  }

  async function me(socket: AppSocket) {
    if (!socket.data.participantId) throw new DomainError("NOT_JOINED", "join the session first");
    // Re-read every time: a facilitator may have moved this participant to another team.
    return service.participantIdentity(socket.data.participantId);
  }

  function requireKey(payload: { key?: unknown }): string {
    if (!isKey(payload?.key)) throw new DomainError("INVALID_INPUT", "/key: an idempotency key of 8–100 characters is required", "/key");
    return payload.key;
  }

  // The handlers are made once and shared by every connection (thousands of them in a
  // large session), rather than closures made per socket.
  const handlers: Record<Exclude<keyof ClientToServerEvents, "auth:whoami">, (socket: AppSocket, payload: any) => Promise<object>> = {
    async "participant:join"(socket, payload: { code: string; displayName?: string; teamId?: string; roleId?: string }) {
      // Wrong codes are counted per client address, so codes cannot be guessed.
      const peer = socket.handshake.address || "unknown";
      const limiter = joinCodeLimiter();
      if ((await limiter.retryAfter(peer)) > 0) throw new DomainError("RATE_LIMITED", "too many wrong join codes from this network; wait 10 minutes");
      let joined;
      try {
        joined = await service.joinSession(payload ?? {});
      } catch (e) {
        if (DomainError.is(e) && e.code.startsWith("JOIN_CODE")) await limiter.fail(peer);
        throw e;
      }
      const view = await bindParticipant(socket, joined.participantId, joined.sessionId);
      return { token: joined.token, view };
    },

    async "participant:resume"(socket, payload: { token: string }) {
      const p = await service.participantByToken(payload?.token);
      return { view: await bindParticipant(socket, p.id, p.sessionId) };
    },

    async "participant:team"(socket, payload: { key: string; teamId: string; roleId?: string | null }) {
      const key = requireKey(payload);
      const p = await me(socket);
      const { key: _k, ...rest } = payload;
      await service.chooseTeam(p, rest, key);
      return { view: await bindParticipant(socket, p.id, p.sessionId) };
    },

    async "vote:cast"(socket, payload: { key: string }) {
      const key = requireKey(payload);
      const { key: _k, ...rest } = payload;
      // No lookup here: the vote batch re-reads the participant's team inside its
      // transaction and refuses a vote from someone erased or moved (PARTICIPANT_UNKNOWN, DECISION_CLOSED).
      if (!socket.data.participantId) throw new DomainError("NOT_JOINED", "join the session first");
      return { vote: await service.castVote({ id: socket.data.participantId }, rest, key) };
    },

    async "answer:submit"(socket, payload: { key: string }) {
      const key = requireKey(payload);
      const { key: _k, ...rest } = payload;
      return { answer: await service.submitAnswer(await me(socket), rest, key) };
    },

    async "console:watch"(socket, payload: { sessionId: string }) {
      const user = socket.data.user;
      if (!user) throw new DomainError("UNAUTHENTICATED", "sign in as a facilitator to watch a session");
      if (typeof payload?.sessionId !== "string") throw new DomainError("INVALID_INPUT", "/sessionId: required", "/sessionId");
      const visibility = await viewerVisibility(user, payload.sessionId);
      const room = consoleRoom(payload.sessionId, visibility.level);
      if (!socket.rooms.has(room)) await service.auditView(user, payload.sessionId);
      // Pushes to this console follow the level it may see, and no other.
      for (const level of VISIBILITY_LEVELS) if (level !== visibility.level) socket.leave(consoleRoom(payload.sessionId, level));
      socket.join(room);
      // The view every watcher of this level shares, and the roster version the next pushes build on.
      const { view, rosterVersion } = await consoles.view(payload.sessionId, visibility.level);
      return { view, rosterVersion };
    },

    async "console:command"(socket, payload: { key: string; sessionId: string; command: unknown }) {
      const user = socket.data.user;
      if (!user) throw new DomainError("UNAUTHENTICATED", "sign in as a facilitator to run a session");
      const key = requireKey(payload);
      if (typeof payload.sessionId !== "string") throw new DomainError("INVALID_INPUT", "/sessionId: required", "/sessionId");
      // The command and the team pushes it causes go ahead of console builds.
      return { result: await consoles.first(() => service.command(user!, payload.sessionId, payload.command, key)) };
    },
  };

  /** One listener per event, called with the socket as `this`: ack required, size and rate limits, errors as error acks. */
  const listeners = Object.entries(handlers).map(([event, handler]) => {
    const listener = async function (this: AppSocket, ...args: unknown[]) {
      const ack = args[args.length - 1];
      if (typeof ack !== "function") return;
      const payload = args.length > 1 ? args[0] : undefined;
      if (overMessageLimit(this)) {
        ack({ ok: false, error: { code: "RATE_LIMITED", message: "too many messages; wait a moment and retry" } });
        return;
      }
      if (payload !== undefined && JSON.stringify(payload).length > EVENT_MAX_BYTES) {
        ack({ ok: false, error: { code: "PAYLOAD_TOO_LARGE", message: `messages are limited to ${EVENT_MAX_BYTES / 1024} KiB` } });
        return;
      }
      if (payload !== undefined && (typeof payload !== "object" || payload === null || Array.isArray(payload))) {
        ack({ ok: false, error: { code: "INVALID_INPUT", message: "payload: expected an object", path: "/" } });
        return;
      }
      const unstorable = findUnstorableText(payload);
      if (unstorable) return void ack({ ok: false, error: { code: "INVALID_INPUT", message: `${unstorable.path}: ${unstorable.message}`, path: unstorable.path } });
      try {
        ack({ ok: true, ...(await handler(this, payload)) });
      } catch (e) {
        ack(errorAck(e));
      }
    };
    return [event, listener] as const;
  });

  const byEvent = new Map<string, (this: AppSocket, ...args: unknown[]) => unknown>([["auth:whoami", whoami], ...listeners]);

  function dispatch(this: AppSocket, event: string, ...args: unknown[]) {
    void byEvent.get(event)?.apply(this, args);
  }

  function whoami(this: AppSocket, ack: unknown) {
    if (typeof ack === "function") ack({ ok: true, user: this.data.user });
  }

  function onDisconnect(this: AppSocket) {
    unbindParticipant(this);
  }

  io.on("connection", (socket: AppSocket) => {
    // The handshake (cookie, address) has been read: let the HTTP request go rather
    // than keep it for the life of the connection (socket.io's memory-usage guide).
    (socket.conn as unknown as { request: unknown }).request = null;
    releaseUpgradeResponse(socket);
    // Only the peer address is read after the handshake; the headers (cookie included) go.
    socket.handshake.headers = {};
    socket.emit("server:hello", { serverTime: new Date().toISOString() });
    // One catch-all listener per connection instead of one per event: fewer objects for
    // each of thousands of participants. Events it does not know are ignored, as before.
    socket.onAny(dispatch);
    socket.on("disconnect", onDisconnect);
  });

  return publisher;
}

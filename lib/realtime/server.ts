// socket.io wiring on the app's own HTTP server. The handshake resolves the cookie
// session through getSession(), the same choke point pages and routes use, or an API
// token sent as `auth: { token }` (automation clients); every event goes through the
// dispatcher (lib/realtime/dispatch.ts), which checks and parses it against the contract
// (lib/realtime/contract.ts) before its handler here runs, and acks only after the
// database committed.
import type http from "node:http";
import { Server } from "socket.io";
import { getSession } from "@/lib/auth/session";
import { sessionFromApiToken } from "@/lib/auth/api-token";
import { joinCodeLimiter } from "@/lib/auth/rate-limit";
import { getPrisma } from "@/lib/db/client";
import { SessionError, type SessionPublisher, type SessionService } from "@/lib/session/service";
import { Presence } from "@/lib/realtime/presence";
import { RosterChains } from "@/lib/realtime/roster-delta";
import type { AppSocket, RealtimeServer } from "@/lib/realtime/events";
import { createDispatcher, MAX_MESSAGE_BYTES, type EventHandlers } from "@/lib/realtime/dispatch";
import { admitConnections } from "@/lib/realtime/admission";
import { logError } from "@/lib/log/logger";
import { redactConsoleView, visibilityOf, VISIBILITY_LEVELS, type VisibilityLevel } from "@/lib/privacy/visibility";
import { minGroupSize, viewerVisibility } from "@/lib/session/viewer";

export type { RealtimeServer } from "@/lib/realtime/events";
export { EVENT_MAX_BYTES, MAX_MESSAGE_BYTES } from "@/lib/realtime/dispatch";
/**
 * The console is rebuilt at most every 200 ms, and in large sessions less often: the wait
 * is ten times what the last build took (the whole roster is read and serialised), so the
 * console costs at most a tenth of the server's time however many people are in the session.
 */
const CONSOLE_THROTTLE_MS = 200;
const CONSOLE_MAX_THROTTLE_MS = 2_000;
const CONSOLE_DUTY_FACTOR = 10;

/** The handshake's user: an API token in `auth: { token }` when one is sent, else the session cookie. */
async function handshakeUser(socket: AppSocket) {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (token === undefined) return (await getSession(socket.handshake.headers.cookie ?? null))?.user ?? null;
  const session = typeof token === "string" ? await sessionFromApiToken(getPrisma(), token) : null;
  if (!session) throw Object.assign(new Error("INVALID_TOKEN"), { data: { code: "INVALID_TOKEN", message: "the API token is unknown, revoked or expired" } });
  return session.user;
}

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
      socket.data.user = await handshakeUser(socket);
      next();
    } catch (e) {
      next(e instanceof Error && e.message === "INVALID_TOKEN" ? e : new Error("SESSION_LOOKUP_FAILED"));
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

type ConsoleRefresh = { timer: NodeJS.Timeout | null; building: boolean; again: boolean; costMs: number };

/**
 * Consoles watch a session in one room per visibility level (lib/privacy/visibility.ts):
 * a push is built once per change and redacted once per level, never per viewer.
 */
function consoleRoom(sessionId: string, level: VisibilityLevel): string {
  return `console:${sessionId}:${level}`;
}

/** Registers the exercise events and returns the publisher the session service reports to. */
export function attachSessionEvents(
  io: RealtimeServer,
  service: SessionService,
  opts: { clustered?: () => boolean; presence?: Presence } = {},
): SessionPublisher {
  const clustered = opts.clustered ?? (() => false);
  const presence = opts.presence ?? new Presence();
  /** Console refreshes per session: the pending one, whether one is being built, and what the last one cost. */
  const consoles = new Map<string, ConsoleRefresh>();
  const rosters = new RosterChains();

  const publisher: SessionPublisher = {
    teamChanged(sessionId, teamId, view) {
      if (view) {
        io.to(`team:${teamId}`).emit("team:state", { ...view, sessionId, serverTime: new Date().toISOString() });
        return;
      }
      void service
        .teamBroadcastView(teamId)
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
      let c = consoles.get(sessionId);
      if (!c) consoles.set(sessionId, (c = { timer: null, building: false, again: false, costMs: 0 }));
      if (c.timer) return;
      if (c.building) c.again = true;
      else scheduleConsole(sessionId, c);
    },
    participantChanged(sessionId, participantId) {
      void (async () => {
        const view = await service.participantView(participantId);
        const sockets = await io.in(`participant:${participantId}`).fetchSockets();
        for (const s of sockets) {
          for (const room of s.rooms) if (room.startsWith("team:")) s.leave(room);
          if (view.me.teamId) s.join(`team:${view.me.teamId}`);
        }
        io.to(`participant:${participantId}`).emit("participant:state", view);
      })().catch((e: unknown) => logError("participant update failed", e));
      void sessionId;
    },
    participantErased(sessionId, participantId) {
      const room = `participant:${participantId}`;
      io.to(room).emit("participant:erased", { sessionId, participantId });
      // Let the event reach the client before the connection closes (works across nodes too).
      setTimeout(() => io.in(room).disconnectSockets(true), 250).unref();
    },
  };

  function scheduleConsole(sessionId: string, c: ConsoleRefresh) {
    const wait = Math.min(CONSOLE_MAX_THROTTLE_MS, Math.max(CONSOLE_THROTTLE_MS, CONSOLE_DUTY_FACTOR * c.costMs));
    c.timer = setTimeout(() => {
      c.timer = null;
      // Alone, skip the work when nobody watches here; in a cluster the watcher may be on another node.
      if (!clustered() && VISIBILITY_LEVELS.every((level) => (io.sockets.adapter.rooms.get(consoleRoom(sessionId, level))?.size ?? 0) === 0)) {
        consoles.delete(sessionId);
        for (const level of VISIBILITY_LEVELS) rosters.forget(consoleRoom(sessionId, level));
        return;
      }
      c.building = true;
      const started = performance.now();
      void pushConsole(sessionId)
        .catch((e: unknown) => logError("console broadcast failed", e))
        .finally(() => {
          c.building = false;
          c.costMs = performance.now() - started;
          // Changes made while it was built follow in the next refresh.
          if (c.again) {
            c.again = false;
            scheduleConsole(sessionId, c);
          }
        });
    }, wait);
  }

  async function pushConsole(sessionId: string) {
    const [view, k] = await Promise.all([service.consoleView(sessionId, await presence.online(sessionId)), minGroupSize()]);
    for (const level of VISIBILITY_LEVELS) {
      const room = consoleRoom(sessionId, level);
      // Alone, skip a level nobody here watches; in a cluster the watcher may be on another node.
      if (!clustered() && (io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
      const seen = redactConsoleView(view, visibilityOf(level, view.session.anonymous), k);
      // Alone, a push carries only the roster entries that changed; in a cluster the whole roster.
      io.to(room).emit("console:state", rosters.encode(room, seen, clustered()));
    }
  }

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

  /**
   * The connection stops speaking for its participant: it leaves the participant's room
   * too, or a later change of that participant (a new team, the session starting) would
   * move this connection out of the team of whoever it joined as next.
   */
  function unbindParticipant(socket: AppSocket) {
    const id = socket.data.participantId;
    const sessionId = socket.data.sessionId;
    if (!id || !sessionId) return;
    socket.leave(`participant:${id}`);
    presence.remove(sessionId, id);
    publisher.consoleChanged(sessionId);
  }

  async function me(socket: AppSocket) {
    if (!socket.data.participantId) throw new SessionError("NOT_JOINED", "join the session first");
    // Re-read every time: a facilitator may have moved this participant to another team.
    return service.participantIdentity(socket.data.participantId);
  }

  /** The dispatcher lets facilitator events through only with a user; this narrows the type. */
  function userOf(socket: AppSocket) {
    if (!socket.data.user) throw new SessionError("UNAUTHENTICATED", "sign in as a facilitator, or connect with an API token (auth: { token })");
    return socket.data.user;
  }

  // The handlers are made once and shared by every connection (thousands of them in a
  // large session), rather than closures made per socket. Each receives its payload
  // parsed against the contract, and a write's idempotency key beside it.
  const handlers: EventHandlers = {
    async "auth:whoami"(socket) {
      return { user: socket.data.user };
    },

    async "participant:join"(socket, input) {
      // Wrong codes are counted per client address, so codes cannot be guessed.
      const peer = socket.handshake.address || "unknown";
      const limiter = joinCodeLimiter();
      if ((await limiter.retryAfter(peer)) > 0) throw new SessionError("RATE_LIMITED", "too many wrong join codes from this network; wait 10 minutes");
      let joined;
      try {
        joined = await service.joinSession(input);
      } catch (e) {
        if (SessionError.is(e) && e.code.startsWith("JOIN_CODE")) await limiter.fail(peer);
        throw e;
      }
      const view = await bindParticipant(socket, joined.participantId, joined.sessionId);
      return { token: joined.token, view };
    },

    async "participant:resume"(socket, input) {
      const p = await service.participantByToken(input.token);
      return { view: await bindParticipant(socket, p.id, p.sessionId) };
    },

    async "participant:team"(socket, input, key) {
      const p = await me(socket);
      await service.chooseTeam(p, input, key);
      return { view: await bindParticipant(socket, p.id, p.sessionId) };
    },

    async "vote:cast"(socket, input, key) {
      // No lookup here: the vote batch re-reads the participant's team inside its
      // transaction and refuses a vote from someone erased or moved (PARTICIPANT_UNKNOWN, DECISION_CLOSED).
      if (!socket.data.participantId) throw new SessionError("NOT_JOINED", "join the session first");
      return { vote: await service.castVote({ id: socket.data.participantId }, input, key) };
    },

    async "answer:submit"(socket, input, key) {
      return { answer: await service.submitAnswer(await me(socket), input, key) };
    },

    async "console:watch"(socket, { sessionId }) {
      const user = userOf(socket);
      const visibility = await viewerVisibility(service, user, sessionId);
      const room = consoleRoom(sessionId, visibility.level);
      if (!socket.rooms.has(room)) await service.auditView(user, sessionId);
      // Pushes to this console follow the level it may see, and no other.
      for (const level of VISIBILITY_LEVELS) if (level !== visibility.level) socket.leave(consoleRoom(sessionId, level));
      socket.join(room);
      const [view, k] = await Promise.all([service.consoleView(sessionId, await presence.online(sessionId)), minGroupSize()]);
      // This console now holds a roster outside the chain of pushes: the next push is whole.
      rosters.reset(room);
      return { view: redactConsoleView(view, visibility, k) };
    },

    async "console:command"(socket, { sessionId, command }, key) {
      return { result: await service.command(userOf(socket), sessionId, command, key) };
    },
  };

  const dispatch = createDispatcher(handlers);

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

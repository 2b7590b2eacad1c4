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
import type { SessionPublisher, SessionService } from "@/lib/session/service";
import { DomainError } from "@/lib/errors/domain-error";
import { Presence } from "@/lib/realtime/presence";
import { RosterChains } from "@/lib/realtime/roster-delta";
import type { AppSocket, RealtimeServer } from "@/lib/realtime/events";
import { createDispatcher, MAX_MESSAGE_BYTES, type EventHandlers } from "@/lib/realtime/dispatch";
import { admitConnections } from "@/lib/realtime/admission";
import { logError } from "@/lib/log/logger";
import { VISIBILITY_LEVELS } from "@/lib/privacy/visibility";
import { minGroupSize, viewerVisibility } from "@/lib/session/viewer";
import { CONSOLE_MAX_WINDOW_MS, ConsoleHub, consoleRoom } from "@/lib/realtime/console-hub";
import { roomWritten } from "@/lib/realtime/fanout-flush";

export type { RealtimeServer } from "@/lib/realtime/events";

/** Consoles and present screens that watch a session's regulatory clocks. */
const clocksRoom = (sessionId: string) => `clocks:${sessionId}`;
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
      emitTallies: (room, tallies) => io.to(room).emit("console:tally", tallies),
      clustered,
    },
    rosters,
  );
  const publisher: SessionPublisher = {
    teamChanged(sessionId, teamId, view) {
      const room = `team:${teamId}`;
      // Console builds wait until the team's update has been written to every member here.
      if (view) {
        io.to(room).emit("team:state", { ...view, sessionId, serverTime: new Date().toISOString() });
        void consoles.first(() => roomWritten(io, room, CONSOLE_MAX_WINDOW_MS));
        return;
      }
      void consoles
        .first(async () => {
          const read = await service.teamBroadcastView(teamId);
          io.to(room).emit("team:state", { ...read, serverTime: new Date().toISOString() });
          await roomWritten(io, room, CONSOLE_MAX_WINDOW_MS);
        })
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
    talliesChanged(sessionId, tallies) {
      // A vote batch's commit, with the tallies it read in its own transaction: pushed at
      // once (the batch's own window is the throttle), stamped after the commit, so a build
      // that reads later is newer and one that read earlier never replaces these numbers.
      consoles.pushTallies(sessionId, consoles.nextTallySeq(), tallies);
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
    clocksChanged(clocks) {
      io.to(`team:${clocks.teamId}`).to(clocksRoom(clocks.sessionId)).emit("clocks:state", clocks);
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
    // The team's room is joined before the view is read: a team update published between the
    // read and the join would reach neither, and the participant would stay on the old step
    // (seen when a timer fired as participants resumed on another node).
    const placeIn = (teamId: string | null) => {
      for (const room of socket.rooms) if (room.startsWith("team:") && room !== `team:${teamId}`) socket.leave(room);
      if (teamId) socket.join(`team:${teamId}`);
    };
    const before = (await service.participantIdentity(participantId)).sessionTeamId;
    placeIn(before);
    let view = await service.participantView(participantId);
    if (view.me.teamId !== before) {
      // Moved to another team meanwhile: follow it, then read again.
      placeIn(view.me.teamId);
      view = await service.participantView(participantId);
    }
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
    if (!socket.data.participantId) throw new DomainError("NOT_JOINED", "join the session first");
    // Re-read every time: a facilitator may have moved this participant to another team.
    return service.participantIdentity(socket.data.participantId);
  }

  /** The dispatcher lets facilitator events through only with a user; this narrows the type. */
  function userOf(socket: AppSocket) {
    if (!socket.data.user) throw new DomainError("UNAUTHENTICATED", "sign in as a facilitator, or connect with an API token (auth: { token })");
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
      if ((await limiter.retryAfter(peer)) > 0) throw new DomainError("RATE_LIMITED", "too many wrong join codes from this network; wait 10 minutes");
      let joined;
      try {
        joined = await service.joinSession(input);
      } catch (e) {
        if (DomainError.is(e) && e.code.startsWith("JOIN_CODE")) await limiter.fail(peer);
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
      if (!socket.data.participantId) throw new DomainError("NOT_JOINED", "join the session first");
      return { vote: await service.castVote({ id: socket.data.participantId }, input, key) };
    },

    async "answer:submit"(socket, input, key) {
      return { answer: await service.submitAnswer(await me(socket), input, key) };
    },

    async "console:watch"(socket, { sessionId }) {
      const user = userOf(socket);
      const visibility = await viewerVisibility(user, sessionId);
      const room = consoleRoom(sessionId, visibility.level);
      if (!socket.rooms.has(room)) await service.auditView(user, sessionId);
      // Pushes to this console follow the level it may see, and no other.
      for (const level of VISIBILITY_LEVELS) if (level !== visibility.level) socket.leave(consoleRoom(sessionId, level));
      socket.join(room);
      // The view every watcher of this level shares, and the roster version the next pushes build on.
      const { view, rosterVersion, tallySeq } = await consoles.view(sessionId, visibility.level);
      return { view, rosterVersion, tallySeq };
    },

    async "console:command"(socket, { sessionId, command }, key) {
      // The command and the team pushes it causes go ahead of console builds.
      return { result: await consoles.first(() => service.command(userOf(socket), sessionId, command, key)) };
    },

    async "clocks:get"(socket) {
      return { clocks: await service.clocksForParticipant(await me(socket)) };
    },

    async "notice:edit"(socket, input, key) {
      return service.editNotice(await me(socket), input, key);
    },

    async "notice:submit"(socket, input, key) {
      return service.submitNotice(await me(socket), input, key);
    },

    async "clocks:watch"(socket, { sessionId }) {
      const teams = await service.clocksForConsole(userOf(socket), sessionId);
      socket.join(clocksRoom(sessionId));
      return { teams };
    },

    async "clocks:command"(socket, { sessionId, command }, key) {
      return service.clockCommand(userOf(socket), sessionId, command, key);
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

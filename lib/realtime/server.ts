// socket.io wiring on the app's own HTTP server. The handshake resolves the cookie
// session through getSession(), the same choke point pages and routes use.
import type http from "node:http";
import { Server } from "socket.io";
import { getSession } from "@/lib/auth/session";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/realtime/events";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const MAX_MESSAGE_BYTES = 64 * 1024;

export function attachRealtime(httpServer: http.Server): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: "/socket.io",
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Same-origin only: the browser client is served by this very server.
    cors: { origin: false },
    // Other upgrade requests (Next's dev HMR) are handled by the server, not dropped.
    destroyUpgrade: false,
  });

  io.use(async (socket, next) => {
    try {
      const session = await getSession(socket.handshake.headers.cookie ?? null);
      socket.data.user = session?.user ?? null;
      next();
    } catch {
      next(new Error("SESSION_LOOKUP_FAILED"));
    }
  });

  io.on("connection", (socket) => {
    socket.emit("server:hello", { serverTime: new Date().toISOString() });
    socket.on("auth:whoami", (ack) => {
      if (typeof ack === "function") ack({ ok: true, user: socket.data.user });
    });
  });
  return io;
}

// The bare socket.io server the live-session benchmark compares the app against (forked
// by scripts/bench/run.ts): no database, no validation, no views; a client that asks for
// a fan-out gets the app's own recorded team:state payload broadcast to a room.
import http from "node:http";
import { Server } from "socket.io";
import type { BaselineRequest } from "./protocol";

const httpServer = http.createServer();
// The same transport settings as the app's realtime server.
const io = new Server(httpServer, { path: "/socket.io", maxHttpBufferSize: 1024 * 1024, cors: { origin: false } });
let payloads: Record<string, unknown> = {};

io.on("connection", (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room === "string") socket.join(`team:${room}`);
  // The facilitator's stand-in: broadcast the payload recorded for this node.
  socket.on("fanout", (req: { nodeId: string; room: string }) => {
    const payload = payloads[req.nodeId];
    if (payload && typeof payload === "object") io.to(`team:${req.room}`).emit("team:state", { ...payload, serverTime: new Date().toISOString() });
  });
  // The transport's own ceiling for vote ingest: the same vote:cast messages, acked at once.
  socket.on("vote:cast", (payload: { nodeId?: string; visit?: number; optionId?: string }, ack: unknown) => {
    if (typeof ack === "function") ack({ ok: true, vote: { nodeId: payload?.nodeId, visit: payload?.visit, optionId: payload?.optionId } });
  });
});

async function handle(req: BaselineRequest): Promise<object> {
  switch (req.type) {
    case "listen":
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      return { port: (httpServer.address() as { port: number }).port };
    case "payloads":
      payloads = req.payloads;
      return {};
    case "gc":
      // Forked with --expose-gc: RSS is compared after a full collection, as for the app.
      (globalThis as { gc?: () => void }).gc?.();
      return {};
    case "close":
      await new Promise<void>((resolve) => io.close(() => resolve()));
      return {};
  }
}

process.on("message", (req: BaselineRequest & { id: number }) => {
  handle(req).then(
    (answer) => process.send?.({ id: req.id, ...answer }),
    (e: unknown) => process.send?.({ id: req.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on("disconnect", () => process.exit(0));

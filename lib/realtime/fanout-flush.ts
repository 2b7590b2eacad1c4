// When a participant broadcast has left this node: socket.io's `emit` queues a packet per
// connection, and the writes finish on the event loop afterwards (engine.io marks a
// transport writable again once its last write completed). Console builds wait for that
// (lib/realtime/console-hub.ts, `first`), so a build's reading and encoding never holds up
// the writes of a large room's `team:state`.
import type { RealtimeServer } from "@/lib/realtime/events";

/** Checked this often while writes are pending. */
const POLL_MS = 2;

type Connection = { transport: { writable: boolean }; writeBuffer?: unknown[] };

/** A connection that still holds packets, or whose last write has not completed. */
function pending(conn: Connection): boolean {
  // `writeBuffer` is engine.io's queue for packets sent while the transport was busy (private in its types).
  return !conn.transport.writable || (conn.writeBuffer?.length ?? 0) > 0;
}

/** Resolves once every local connection in `room` has written what it was sent, or after `maxMs`. */
export function roomWritten(io: RealtimeServer, room: string, maxMs: number): Promise<void> {
  const ids = io.sockets.adapter.rooms.get(room);
  if (!ids?.size) return Promise.resolve();
  let waiting: Connection[] = [];
  for (const id of ids) {
    const conn = io.sockets.sockets.get(id)?.conn as unknown as Connection | undefined;
    if (conn && pending(conn)) waiting.push(conn);
  }
  if (!waiting.length) return Promise.resolve();
  const until = performance.now() + maxMs;
  return new Promise((resolve) => {
    const check = () => {
      waiting = waiting.filter(pending);
      if (!waiting.length || performance.now() >= until) resolve();
      else setTimeout(check, POLL_MS);
    };
    setTimeout(check, POLL_MS);
  });
}

// Console builds wait for a team's update to leave the node (lib/realtime/fanout-flush.ts):
// the wait ends when every connection of the room has written what it was sent, and never
// lasts longer than its cap.
import { describe, expect, it } from "vitest";
import { roomWritten } from "@/lib/realtime/fanout-flush";
import type { RealtimeServer } from "@/lib/realtime/events";

type FakeConn = { transport: { writable: boolean }; writeBuffer: unknown[] };

function serverWith(rooms: Record<string, Record<string, FakeConn>>): RealtimeServer {
  const sockets = new Map<string, { conn: FakeConn }>();
  const roomMap = new Map<string, Set<string>>();
  for (const [room, conns] of Object.entries(rooms)) {
    roomMap.set(room, new Set(Object.keys(conns)));
    for (const [id, conn] of Object.entries(conns)) sockets.set(id, { conn });
  }
  return { sockets: { adapter: { rooms: roomMap }, sockets } } as unknown as RealtimeServer;
}

const conn = (writable: boolean, queued = 0): FakeConn => ({ transport: { writable }, writeBuffer: Array.from({ length: queued }, () => "packet") });

describe("roomWritten", () => {
  it("resolves at once for an empty room or one whose writes are done", async () => {
    const io = serverWith({ "team:a": { s1: conn(true), s2: conn(true) } });
    const t0 = performance.now();
    await roomWritten(io, "team:a", 1000);
    await roomWritten(io, "team:nobody", 1000);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("waits until the last connection's write completed and its queue is empty", async () => {
    const slow = conn(false);
    const queued = conn(true, 2);
    const io = serverWith({ "team:a": { s1: conn(true), s2: slow, s3: queued } });
    let done = false;
    const waiting = roomWritten(io, "team:a", 5000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    slow.transport.writable = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    queued.writeBuffer = [];
    await waiting;
    expect(done).toBe(true);
  });

  it("gives up after its cap when a connection never finishes writing", async () => {
    const io = serverWith({ "team:a": { s1: conn(false) } });
    const t0 = performance.now();
    await roomWritten(io, "team:a", 60);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(55);
    expect(waited).toBeLessThan(1000);
  });
});

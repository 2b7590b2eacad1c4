// Each WebSocket connection used to keep its whole HTTP upgrade request alive through a
// "close" listener of engine.io's stand-in response. The server removes that listener
// once the handshake is read. This test runs a real socket.io server and client: it fails
// if engine.io stops adding the listener in that form (then the removal needs a new look),
// if the removal misses it, or if the connection no longer closes cleanly without it.
import http from "node:http";
import type net from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { releaseUpgradeResponse } from "@/lib/realtime/server";

describe("releasing the upgrade request of a WebSocket connection", () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("removes engine.io's response listener, keeps ws's own, and still sees the disconnect", async () => {
    const server = http.createServer();
    const ioServer = new Server(server, { transports: ["websocket"] });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => ioServer.close(() => resolve(null))));
    const port = (server.address() as net.AddressInfo).port;

    const seen = new Promise<{ before: string[]; after: string[]; disconnected: Promise<string> }>((resolve) => {
      ioServer.on("connection", (socket) => {
        const raw = (socket.conn as unknown as { transport: { socket: { _socket: net.Socket } } }).transport.socket._socket;
        const names = () => raw.listeners("close").map((l) => l.name || String(l));
        const before = names();
        releaseUpgradeResponse(socket);
        const after = names();
        resolve({ before, after, disconnected: new Promise((done) => socket.on("disconnect", (reason) => done(reason))) });
      });
    });
    const client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true });
    closers.push(async () => client.close());
    const { before, after, disconnected } = await seen;

    expect(before).toContain('() => this.emit("close")');
    expect(after).not.toContain('() => this.emit("close")');
    expect(after).toContain("socketOnClose");
    expect(after.length).toBe(before.length - 1);

    client.close();
    expect(await disconnected).toBe("transport close");
  });
});

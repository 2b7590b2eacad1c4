// Who may open a socket.io connection to this node, decided once per handshake:
//  - the Origin rule of the HTTP CSRF check (lib/http/origin.ts): a browser page from another
//    site or port cannot drive a signed-in user's console with their cookie;
//  - the node's connection cap (MAX_CONNECTIONS);
// and the client address the limiters count against (lib/http/client-address.ts).
// Refusals reach the client as `connect_error` with `message` = the code and `data` = { code, message }.
import type { Server } from "socket.io";
import { clientAddress } from "@/lib/http/client-address";
import { checkOrigin } from "@/lib/http/origin";

export const DEFAULT_MAX_CONNECTIONS = 20_000;

function maxConnections(): number {
  const n = Number(process.env.MAX_CONNECTIONS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_CONNECTIONS;
}

function refusal(code: string, message: string): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(code), { data: { code, message } });
}

/** Registers the handshake checks; call before any other middleware. */
export function admitConnections(io: Server<any, any, any, any>): void {
  io.use((socket, next) => {
    const headers = socket.handshake.headers;
    // Browsers always send Origin on a WebSocket handshake, so one without it is not a page
    // acting for someone else; one with it must name an allowed origin, cookie or not.
    const origin = checkOrigin(headers.origin, headers, false);
    if (!origin.ok) return next(refusal(origin.code, origin.message));
    // This connection is already counted by the engine.
    if (io.engine.clientsCount > maxConnections()) {
      return next(refusal("SERVER_FULL", "this server has reached its connection limit; try again in a minute"));
    }
    // The limiters read the address from here (the headers are dropped after the handshake).
    socket.handshake.address = clientAddress(headers, socket.handshake.address);
    next();
  });
}

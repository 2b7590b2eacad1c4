// Typed socket.io event maps, shared by the server and the browser client.
// docs/protocol.md documents every event, payload, ack and error code.
import type { SessionUser } from "@/lib/auth/types";

export type AckError = { ok: false; error: { code: string; message: string } };
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | AckError;

export interface ClientToServerEvents {
  /** Who the server thinks this socket is (the cookie session from the handshake). */
  "auth:whoami": (ack: (res: Ack<{ user: SessionUser | null }>) => void) => void;
}

export interface ServerToClientEvents {
  "server:hello": (payload: { serverTime: string }) => void;
}

export type SocketData = { user: SessionUser | null };

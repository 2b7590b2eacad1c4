// What the server keeps on each socket.io connection, and the typed socket and server
// built from the contract's event maps (lib/realtime/contract.ts).
import type { Server, Socket } from "socket.io";
import type { SignedInUser } from "@/lib/auth/types";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/contract";

export type SocketData = {
  /** The signed-in user of the session cookie, or of the API token sent as `auth: { token }`. */
  user: SignedInUser | null;
  participantId?: string;
  sessionId?: string;
  /** The connection's message count in its current rate-limit window. */
  messages?: { start: number; count: number };
};

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

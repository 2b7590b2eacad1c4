// Typed socket.io event maps, shared by the server and the browser client.
// docs/protocol.md documents every event, payload, ack and error code.
import type { SessionUser } from "@/lib/auth/types";
import type { ConsoleUpdate, ConsoleView, ParticipantView, TeamView } from "@/lib/session/views";

export type AckError = { ok: false; error: { code: string; message: string; path?: string } };
export type Ack<T = object> = ({ ok: true } & T) | AckError;
type AckFn<T = object> = (res: Ack<T>) => void;

/** Every write carries a client-generated idempotency key; retries reuse it. */
export type Keyed = { key: string };

export type JoinPayload = { code: string; displayName?: string; teamId?: string; roleId?: string; key?: string };
export type VotePayload = Keyed & { nodeId: string; visit: number; optionId: string };
export type AnswerPayload = Keyed & { nodeId: string; visit: number; questionId: string; text?: string; value?: number };
export type TeamChoicePayload = Keyed & { teamId: string; roleId?: string | null };
export type ConsoleCommand =
  | { type: "start" | "pause" | "resume" | "end" }
  | { type: "advance"; teamId: string }
  | { type: "lock"; teamId: string; optionId?: string; reason?: string }
  | { type: "note"; teamId?: string; text: string }
  | { type: "assign"; participantId: string; teamId: string | null; roleId?: string | null }
  | { type: "extend"; teamId: string; seconds?: number };

export interface ClientToServerEvents {
  "auth:whoami": (ack: AckFn<{ user: SessionUser | null }>) => void;
  "participant:join": (payload: JoinPayload, ack: AckFn<{ token: string; view: ParticipantView }>) => void;
  "participant:resume": (payload: { token: string }, ack: AckFn<{ view: ParticipantView }>) => void;
  "participant:team": (payload: TeamChoicePayload, ack: AckFn<{ view: ParticipantView }>) => void;
  "vote:cast": (payload: VotePayload, ack: AckFn<{ vote: { nodeId: string; visit: number; optionId: string } }>) => void;
  "answer:submit": (payload: AnswerPayload, ack: AckFn<{ answer: { responseId: string; nodeId: string; visit: number; questionId: string } }>) => void;
  /** `rosterVersion`: the push the view's roster came from; the next change lists build on it. */
  "console:watch": (payload: { sessionId: string }, ack: AckFn<{ view: ConsoleView; rosterVersion?: number }>) => void;
  "console:command": (payload: Keyed & { sessionId: string; command: ConsoleCommand }, ack: AckFn<{ result: unknown }>) => void;
}

export interface ServerToClientEvents {
  "server:hello": (payload: { serverTime: string }) => void;
  /** The team's shared state: pushed to every member on each change (new inject, lock, pause, timer). */
  "team:state": (payload: TeamView & { sessionId: string; serverTime: string }) => void;
  /** This participant's own state, after a change that concerns only them (e.g. a new team). */
  "participant:state": (payload: ParticipantView) => void;
  /** The facilitator console, built once per change window (100–250 ms) and shared by every watcher; the roster as changes (lib/realtime/roster-delta.ts). */
  "console:state": (payload: ConsoleUpdate) => void;
  /** This participant's data was erased by an administrator; the server then closes the connection. */
  "participant:erased": (payload: { sessionId: string; participantId: string }) => void;
}

export type SocketData = {
  user: SessionUser | null;
  participantId?: string;
  sessionId?: string;
  /** The connection's message count in its current rate-limit window. */
  messages?: { start: number; count: number };
};

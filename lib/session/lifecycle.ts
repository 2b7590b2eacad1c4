// The pure rules of a session's life: which statuses count as over, which facilitator
// command moves a session from which status to which, the event each move records, and
// the phase a team shows. No I/O: the server, the vote batcher, the after-action report
// and the React views all read the same rules from here.
import type { EngineState } from "@/lib/scenario";
import type { ErrorCode } from "@/lib/errors/codes";

export type SessionStatus = "LOBBY" | "RUNNING" | "PAUSED" | "ENDED" | "ABORTED";

/** The statuses of a session that is over: it takes no joins, answers or commands. */
export const OVER_STATUSES = ["ENDED", "ABORTED"] as const satisfies readonly SessionStatus[];

/** The statuses of a session that is not over yet. */
export const LIVE_STATUSES = ["LOBBY", "RUNNING", "PAUSED"] as const satisfies readonly SessionStatus[];

/** Whether a session with this status has ended, normally or aborted. */
export function isOver(status: string): boolean {
  return (OVER_STATUSES as readonly string[]).includes(status);
}

/** A join code stops working 30 days after the session was created, or when it ends. */
export const JOIN_CODE_TTL_MS = 30 * 86_400_000;

/** The facilitator's commands that change the whole session's status. */
export type SessionCommandType = "start" | "pause" | "resume" | "end";

/** Each session command: the statuses it applies in, the status it leaves, the event it records. */
export const TRANSITIONS: Record<SessionCommandType, { from: readonly SessionStatus[]; to: SessionStatus; event: string }> = {
  start: { from: ["LOBBY"], to: "RUNNING", event: "session.started" },
  pause: { from: ["RUNNING"], to: "PAUSED", event: "session.paused" },
  resume: { from: ["PAUSED"], to: "RUNNING", event: "session.resumed" },
  end: { from: LIVE_STATUSES, to: "ENDED", event: "session.ended" },
};

/** Whether `command` may run in a session with this status. */
export function canTransition(command: SessionCommandType, status: string): boolean {
  return (TRANSITIONS[command].from as readonly string[]).includes(status);
}

export type TeamPhase = "lobby" | "running" | "paused" | "ended";

/** What a team shows: its session's phase, or the lobby while it has no engine state. */
export function teamPhase(status: string, started: boolean): TeamPhase {
  return isOver(status) ? "ended" : status === "PAUSED" ? "paused" : started ? "running" : "lobby";
}

/** Why a participant's vote cannot be taken in a session with this status; null when it can. */
export function voteRefusal(status: string): { code: ErrorCode; message: string } | null {
  if (status === "PAUSED") return { code: "SESSION_PAUSED", message: "the session is paused; your vote was not recorded, try again when it resumes" };
  if (status !== "RUNNING") return { code: "SESSION_NOT_RUNNING", message: "the session is not running" };
  return null;
}

/** Whether participants may answer questions in a session with this status. */
export function takesAnswers(status: string): boolean {
  return !isOver(status) && status !== "LOBBY";
}

/** A stored team state, or null for a team that has not started. */
export function asState(value: unknown): EngineState | null {
  return value && typeof value === "object" ? (value as EngineState) : null;
}

/** Which visit of its current node the team is on (1 for the first). */
export function visitOf(state: Pick<EngineState, "visits" | "nodeId">): number {
  return state.visits[state.nodeId] ?? 1;
}

// The socket protocol's one contract: per client event, the zod schema of its payload,
// whether it carries an idempotency key, who may send it, what its ack holds and which
// error codes it can answer; per server event, what its payload holds. The typed event
// maps socket.io uses (ClientToServerEvents, ServerToClientEvents) are derived from it,
// the server's dispatcher (lib/realtime/dispatch.ts) parses with it before any handler
// runs, and tests check docs/protocol.md's tables against it.
import { z } from "zod";
import type { SignedInUser } from "@/lib/auth/types";
import type { ErrorCode } from "@/lib/errors/codes";
import type { EngineErrorCode } from "@/lib/scenario/engine";
import { ZAnswer, ZChooseTeam, ZCommand, ZJoin, ZVote } from "@/lib/session/inputs";
import { ZClockCommandEvent, ZClocksGet, ZClocksWatch, ZNoticeEdit, ZNoticeSubmit } from "@/lib/session/clock-inputs";
import type { ClockLive, NoticeTaskLive, TeamClocks } from "@/lib/session/clock-views";
import type { ConsoleTallies, ConsoleTeam, ConsoleUpdate, ConsoleView, LastDecision, ParticipantView, RoomReveal, RosterEntry, TeamTally, TeamView } from "@/lib/session/views";

/** Every write carries a client-generated idempotency key (a UUID); retries reuse it. */
export const ZIdempotencyKey = z.string().min(8, "an idempotency key of 8–100 characters is required").max(100);

const ZSessionId = z.string().min(1).max(64);

/**
 * The fields of an ack or a push, listed by name so the docs test can read them; the
 * compiler refuses a list that misses or invents a field of `T`, which travels as a type only.
 */
export type Shape<T extends object> = { readonly fields: readonly string[]; readonly __type?: T };
type Missing<T, K> = Exclude<keyof T & string, K>;
export function shape<T extends object>() {
  return <const K extends ReadonlyArray<keyof T & string>>(...fields: K) =>
    ({ fields }) as unknown as [Missing<T, K[number]>] extends [never] ? Shape<T> : { missing: Missing<T, K[number]> };
}

/** Who may send an event: the dispatcher refuses anyone else before parsing. */
export type Sender = "anyone" | "participant" | "facilitator";

type ClientEventSpec = {
  /** null: the event takes no payload, and whatever is sent is ignored. */
  payload: z.ZodType | null;
  /** A required `key` beside the payload's fields, taken out and checked by the dispatcher. */
  keyed: boolean;
  sender: Sender;
  ack: Shape<object>;
  /** Codes particular to this event (every event can also answer COMMON_ERRORS). */
  errors: readonly ErrorCode[];
};

/** What a command answers: where the team or session now is, or the note's id. */
export type CommandResult =
  | { status: string; teamIds?: string[]; schedule?: Array<{ teamId: string; nodeId: string; visit: number; deadlineAt: string | null }> }
  | { nodeId: string; visit: number; status: string; deadlineAt: string | null }
  /** extend: the decision's new deadline (null while paused) and the time left. */
  | { nodeId: string; visit: number; deadlineAt: string | null; remainingMs: number | null }
  | { noteId: string }
  | { participantId: string; teamId: string | null; roleId: string | null }
  /** reveal: whether the team's votes are now shown to the room. */
  | { teamId: string; revealed: boolean };

export const CLIENT_EVENTS = {
  "auth:whoami": {
    payload: null,
    keyed: false,
    sender: "anyone",
    ack: shape<{ user: SignedInUser | null }>()("user"),
    errors: [],
  },
  "participant:join": {
    payload: ZJoin,
    keyed: false,
    sender: "anyone",
    ack: shape<{ token: string; view: ParticipantView }>()("token", "view"),
    errors: ["JOIN_CODE_INVALID", "JOIN_CODE_UNKNOWN", "JOIN_CODE_EXPIRED", "SESSION_ENDED", "SESSION_FULL", "DISPLAY_NAME_REQUIRED", "DUPLICATE_NAME", "TEAM_NOT_FOUND", "ROLE_NOT_FOUND", "JOIN_FAILED", "DRILL_SESSION"],
  },
  "participant:resume": {
    payload: z.strictObject({ token: z.string().min(1).max(200) }),
    keyed: false,
    sender: "anyone",
    ack: shape<{ view: ParticipantView }>()("view"),
    errors: ["PARTICIPANT_UNKNOWN"],
  },
  "participant:team": {
    payload: ZChooseTeam,
    keyed: true,
    sender: "participant",
    ack: shape<{ view: ParticipantView }>()("view"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN", "ASSIGNED_BY_FACILITATOR", "TEAM_NOT_FOUND", "ROLE_NOT_FOUND", "SESSION_ENDED"],
  },
  "vote:cast": {
    payload: ZVote,
    keyed: true,
    sender: "participant",
    ack: shape<{ vote: { nodeId: string; visit: number; optionId: string } }>()("vote"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN", "NO_TEAM", "SESSION_PAUSED", "SESSION_NOT_RUNNING", "DECISION_CLOSED", "UNKNOWN_OPTION", "OPTION_UNAVAILABLE"],
  },
  "answer:submit": {
    payload: ZAnswer,
    keyed: true,
    sender: "participant",
    ack: shape<{ answer: { responseId: string; nodeId: string; visit: number; questionId: string } }>()("answer"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN", "NO_TEAM", "SESSION_NOT_RUNNING", "UNKNOWN_QUESTION", "NOT_YOUR_QUESTION", "NOT_REACHED", "STALE_VISIT"],
  },
  "console:watch": {
    payload: z.strictObject({ sessionId: ZSessionId }),
    keyed: false,
    sender: "facilitator",
    ack: shape<{ view: ConsoleView; rosterVersion?: number; tallySeq?: number }>()("view", "rosterVersion", "tallySeq"),
    errors: ["UNAUTHENTICATED", "FORBIDDEN", "SESSION_NOT_FOUND"],
  },
  "console:command": {
    payload: z.strictObject({ sessionId: ZSessionId, command: ZCommand }),
    keyed: true,
    sender: "facilitator",
    ack: shape<{ result: CommandResult }>()("result"),
    errors: ["UNAUTHENTICATED", "FORBIDDEN", "SESSION_NOT_FOUND", "INVALID_STATE", "SESSION_NOT_RUNNING", "NOT_AT_DECISION", "NOT_AT_INJECT", "TIE", "NO_VOTES", "NO_TIME_LIMIT", "TEAM_NOT_FOUND", "PARTICIPANT_UNKNOWN", "ROLE_NOT_FOUND", "SESSION_ENDED", "UNKNOWN_OPTION", "OPTION_UNAVAILABLE", "ENDED", "NOTHING_TO_REVEAL", "DRILL_SESSION"],
  },
  // Regulatory clocks and notices (lib/session/clocks.ts).
  "clocks:get": {
    payload: ZClocksGet,
    keyed: false,
    sender: "participant",
    ack: shape<{ clocks: TeamClocks | null }>()("clocks"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN"],
  },
  "notice:edit": {
    payload: ZNoticeEdit,
    keyed: true,
    sender: "participant",
    ack: shape<{ taskId: string; fieldId: string; revision: number }>()("taskId", "fieldId", "revision"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN", "NO_TEAM", "SESSION_ENDED", "UNKNOWN_TASK", "UNKNOWN_FIELD"],
  },
  "notice:submit": {
    payload: ZNoticeSubmit,
    keyed: true,
    sender: "participant",
    ack: shape<{ noticeId: string; taskId: string; storyAt: string }>()("noticeId", "taskId", "storyAt"),
    errors: ["NOT_JOINED", "PARTICIPANT_UNKNOWN", "NO_TEAM", "SESSION_NOT_RUNNING", "UNKNOWN_TASK", "NOTICE_NOT_OPEN", "NOT_SUBMITTER"],
  },
  "clocks:watch": {
    payload: ZClocksWatch,
    keyed: false,
    sender: "facilitator",
    ack: shape<{ teams: TeamClocks[] }>()("teams"),
    errors: ["UNAUTHENTICATED", "FORBIDDEN", "SESSION_NOT_FOUND"],
  },
  "clocks:command": {
    payload: ZClockCommandEvent,
    keyed: true,
    sender: "facilitator",
    ack: shape<{ clocks: TeamClocks }>()("clocks"),
    errors: ["UNAUTHENTICATED", "FORBIDDEN", "SESSION_NOT_FOUND", "SESSION_NOT_RUNNING", "TEAM_NOT_FOUND", "UNKNOWN_CLOCK", "CLOCK_STATE", "NOTICE_NOT_FOUND", "DRILL_SESSION"],
  },
} as const satisfies Record<string, ClientEventSpec>;

/** Codes any client event can answer, whatever its payload. */
export const COMMON_ERRORS = ["INVALID_INPUT", "PAYLOAD_TOO_LARGE", "RATE_LIMITED", "INTERNAL"] as const satisfies readonly ErrorCode[];
/** Codes a refused handshake carries (`connect_error`: `message` is the code, `data` is `{ code, message }`). */
export const HANDSHAKE_ERRORS = ["CROSS_SITE_REQUEST", "SERVER_FULL", "INVALID_TOKEN"] as const satisfies readonly ErrorCode[];

export const SERVER_EVENTS = {
  "server:hello": shape<{ serverTime: string }>()("serverTime"),
  /** The team's shared state: pushed to every member on each change (new inject, lock, pause, timer). */
  "team:state": shape<TeamView & { sessionId: string; serverTime: string }>()("sessionId", "serverTime", "id", "name", "revision", "phase", "node", "visit", "deadlineAt", "remainingMs", "lastDecision", "revealed"),
  /** This participant's own state, after a change that concerns only them (e.g. a new team). */
  "participant:state": shape<ParticipantView>()("session", "me", "team", "teams", "roles", "myVote", "myAnswers", "serverTime"),
  /** The facilitator console, built once per change window (100–250 ms) and shared by every watcher; the roster as changes (lib/realtime/roster-delta.ts). */
  "console:state": shape<ConsoleUpdate>()("session", "roles", "capabilities", "teams", "roster", "rosterChanges", "rosterVersion", "tallySeq", "answers", "notes", "serverTime"),
  /** Teams' live tallies after votes, between console builds (at most one window of 50 ms after the vote's commit), redacted as console:state is. */
  "console:tally": shape<ConsoleTallies>()("sessionId", "tallySeq", "teams", "serverTime"),
  /** This participant's data was erased by an administrator; the server then closes the connection. */
  "participant:erased": shape<{ sessionId: string; participantId: string }>()("sessionId", "participantId"),
  /** One team's regulatory clocks and notices, to its members and to every clocks watcher of the session, on each change. */
  "clocks:state": shape<TeamClocks>()("sessionId", "teamId", "teamName", "timeZone", "compression", "running", "storyNow", "serverTime", "clocks", "tasks"),
} as const satisfies Record<string, Shape<object>>;

/** The views the acks and pushes carry (lib/session/views.ts), field by field, for docs/protocol.md's "Views". */
export const VIEW_SHAPES = {
  ParticipantView: shape<ParticipantView>()("session", "me", "teams", "roles", "team", "myVote", "myAnswers", "serverTime"),
  TeamView: shape<TeamView>()("id", "name", "revision", "phase", "node", "visit", "deadlineAt", "remainingMs", "lastDecision", "revealed"),
  TeamTally: shape<TeamTally>()("teamId", "nodeId", "visit", "tally", "withheld"),
  RoomReveal: shape<RoomReveal>()("decision", "withheld"),
  LastDecision: shape<LastDecision>()("nodeId", "optionId", "label", "feedback", "method", "timedOut"),
  ConsoleView: shape<ConsoleView>()("session", "roles", "capabilities", "teams", "roster", "answers", "notes", "serverTime"),
  ConsoleTeam: shape<Omit<ConsoleTeam, keyof TeamView>>()("scores", "outcome", "members", "tally", "voters", "withheld", "reveal", "revealWithheld", "withoutOwner"),
  Tally: shape<NonNullable<ConsoleTeam["tally"]>>()("counts", "counted", "total", "winner", "tied", "method"),
  RosterEntry: shape<RosterEntry>()("id", "displayName", "teamId", "roleId", "connected"),
  TeamClocks: shape<TeamClocks>()("sessionId", "teamId", "teamName", "timeZone", "compression", "running", "storyNow", "serverTime", "clocks", "tasks"),
  ClockLive: shape<ClockLive>()("id", "label", "regime", "law", "audience", "manual", "status", "startedAt", "deadlineAt", "submittedAt"),
  NoticeTaskLive: shape<NoticeTaskLive>()("id", "title", "clockId", "submitter", "submitterHeld", "phased", "open", "revision", "fields", "notices"),
} as const satisfies Record<string, Shape<object>>;

// ---------------------------------------------------------------- derived types

type Contract = typeof CLIENT_EVENTS;
export type ClientEvent = keyof Contract;
/** Events that take a payload (everything but auth:whoami). */
export type RequestEvent = { [E in ClientEvent]: Contract[E]["payload"] extends z.ZodType ? E : never }[ClientEvent];
/** Writes: the events whose payload carries a required idempotency key. */
export type WriteEvent = { [E in ClientEvent]: Contract[E]["keyed"] extends true ? E : never }[ClientEvent];

type KeyField<E extends ClientEvent> = Contract[E]["keyed"] extends true ? { key: string } : unknown;
/** What a client sends: the schema's input, plus `key` on writes. */
export type PayloadOf<E extends RequestEvent> = z.input<Extract<Contract[E]["payload"], z.ZodType>> & KeyField<E>;
/** What a handler receives: the schema's parsed output, without the key. */
export type InputOf<E extends RequestEvent> = z.output<Extract<Contract[E]["payload"], z.ZodType>>;
type OkFields<S> = S extends Shape<infer T> ? T : never;

export type AckError = { ok: false; error: { code: ErrorCode; message: string; path?: string } };
export type Ack<T = object> = ({ ok: true } & T) | AckError;
export type OkOf<E extends ClientEvent> = { ok: true } & OkFields<Contract[E]["ack"]>;
type AckFn<E extends ClientEvent> = (res: Ack<OkFields<Contract[E]["ack"]>>) => void;

export type ClientToServerEvents = {
  [E in ClientEvent]: E extends RequestEvent ? (payload: PayloadOf<E>, ack: AckFn<E>) => void : (ack: AckFn<E>) => void;
};
export type ServerToClientEvents = {
  [E in keyof typeof SERVER_EVENTS]: (payload: OkFields<(typeof SERVER_EVENTS)[E]>) => void;
};

export type ConsoleCommand = z.input<typeof ZCommand>;

/** Engine refusals reach the console as they are, so their codes must be in the union. */
type Assert<T extends true> = T;
// Fails to compile when the scenario engine gains a code outside the union.
type _EngineCodesAreErrorCodes = Assert<EngineErrorCode extends ErrorCode ? true : false>;

// The one way a client event reaches its handler. For every event of the contract
// (lib/realtime/contract.ts) the dispatcher checks, in this order: an ack callback is
// there, the connection's rate limit, the payload's size, the sender (signed-in user or
// joined participant), that the payload is an object, that its text can be stored, the
// idempotency key of a write (taken out here, once), and the payload's schema. Only then
// does the handler run, with typed, parsed input. Every refusal and every thrown error
// becomes an error ack whose `path` is the JSON pointer of the offending field.
import { CLIENT_EVENTS, ZIdempotencyKey, type AckError, type ClientEvent, type InputOf, type OkOf, type RequestEvent } from "@/lib/realtime/contract";
import type { AppSocket } from "@/lib/realtime/events";
import { describeProblem, inputProblems, type InputProblem } from "@/lib/errors/pointer";
import { DomainError } from "@/lib/errors/domain-error";
import { handleError } from "@/lib/errors/handle";
import { findUnstorableText } from "@/lib/security/text";

/** The transport refuses anything larger outright; events are checked against EVENT_MAX_BYTES. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const EVENT_MAX_BYTES = 32 * 1024;
/** Messages a connection may send in any window of MESSAGE_WINDOW_MS. */
const MESSAGE_LIMIT = 40;
const MESSAGE_WINDOW_MS = 2_000;

type OkBody<E extends ClientEvent> = Omit<OkOf<E>, "ok">;
/** A handler gets the parsed payload and, for writes, the idempotency key. */
export type EventHandlers = {
  [E in ClientEvent]: (socket: AppSocket, input: E extends RequestEvent ? InputOf<E> : undefined, key: string) => Promise<OkBody<E>>;
};

function invalid(problem: InputProblem): DomainError {
  return new DomainError("INVALID_INPUT", describeProblem(problem), problem.path);
}

/** Any failure as an error ack, through the same handler as the HTTP routes (lib/errors/handle.ts). */
export function errorAck(e: unknown): AckError {
  const { error } = handleError(e, { log: "socket handler failed", kind: "payload", internalMessage: "the server failed; nothing was changed, try again" });
  return { ok: false, error: { code: error.code, message: error.message, ...(error.path !== undefined ? { path: error.path } : {}) } };
}

/**
 * Counts a message against its connection's window. The count lives on the connection
 * itself: no timer, promise or map entry per message, which a burst of thousands of votes
 * would otherwise create.
 */
function overMessageLimit(socket: AppSocket): boolean {
  const now = Date.now();
  const window = socket.data.messages;
  if (!window || now - window.start >= MESSAGE_WINDOW_MS) {
    socket.data.messages = { start: now, count: 1 };
    return false;
  }
  return ++window.count > MESSAGE_LIMIT;
}

/** Checks and parses one event's payload; returns the handler's arguments or throws a DomainError. */
function admit(socket: AppSocket, event: ClientEvent, payload: unknown): { input: unknown; key: string } {
  const spec = CLIENT_EVENTS[event];
  if (spec.payload === null) return { input: undefined, key: "" };
  if (payload !== undefined && JSON.stringify(payload).length > EVENT_MAX_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `messages are limited to ${EVENT_MAX_BYTES / 1024} KiB`);
  }
  if (spec.sender === "facilitator" && !socket.data.user) {
    throw new DomainError("UNAUTHENTICATED", "sign in as a facilitator, or connect with an API token (auth: { token })");
  }
  if (spec.sender === "participant" && !socket.data.participantId) throw new DomainError("NOT_JOINED", "join the session first");
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw invalid({ path: "", message: "expected an object" });
  const unstorable = findUnstorableText(payload);
  if (unstorable) throw invalid(unstorable);
  let fields = payload as Record<string, unknown>;
  let key = "";
  if (spec.keyed) {
    const { key: raw, ...rest } = fields;
    const parsedKey = ZIdempotencyKey.safeParse(raw);
    if (!parsedKey.success) throw invalid({ path: "/key", message: raw === undefined ? "an idempotency key of 8–100 characters is required" : parsedKey.error.issues[0].message });
    key = parsedKey.data;
    fields = rest;
  }
  const parsed = spec.payload.safeParse(fields);
  if (!parsed.success) throw invalid(inputProblems(parsed.error)[0]);
  return { input: parsed.data, key };
}

/**
 * The socket's one catch-all listener (`socket.onAny(dispatch)`), shared by every
 * connection rather than closures made per socket. Events outside the contract are ignored.
 */
export function createDispatcher(handlers: EventHandlers) {
  return function dispatch(this: AppSocket, event: string, ...args: unknown[]): void {
    if (!Object.hasOwn(CLIENT_EVENTS, event)) return;
    // The ack is always the last argument, whatever else was sent.
    const ack = args[args.length - 1];
    if (typeof ack !== "function") return;
    const payload = args.length > 1 ? args[0] : undefined;
    void (async () => {
      try {
        if (overMessageLimit(this)) throw new DomainError("RATE_LIMITED", "too many messages; wait a moment and retry");
        const { input, key } = admit(this, event as ClientEvent, payload);
        const handler = handlers[event as ClientEvent] as (socket: AppSocket, input: unknown, key: string) => Promise<object>;
        ack({ ok: true, ...(await handler(this, input, key)) });
      } catch (e) {
        ack(errorAck(e));
      }
    })();
  };
}

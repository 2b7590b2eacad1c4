// The one error type for a refusal the caller can act on, thrown by every part of the product
// (sessions, reports, teams, users, privacy, the HTTP wrapper itself): a stable code, its HTTP
// status (from lib/errors/codes.ts), a message for people, and for input errors the JSON
// pointer of the field at fault. lib/errors/handle.ts turns it into a JSON error or a socket ack.
import { statusOf, type ErrorCode } from "./codes";

/** A field-level problem, as JSON errors list them in `details`. */
export type ErrorDetail = { path: string; message: string; /** A machine-readable reason a form words in the reader's language. */ reason?: string };

/**
 * The custom server and Next's route bundles each compile this module, so the class behind a
 * thrown error may differ from the one in scope: a registered symbol marks every copy alike.
 */
const BRAND = Symbol.for("readyroom.DomainError");

export class DomainError extends Error {
  readonly status: number;
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** JSON pointer of the offending field, for input errors (e.g. "/teams/0"). */
    readonly path?: string,
    /** Every field-level problem, when there are several (zod issues). */
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = "DomainError";
    this.status = statusOf(code);
  }

  static is(e: unknown): e is DomainError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
  }
}

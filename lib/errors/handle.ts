// The one function that turns anything a handler throws into what the caller is told, in the
// style of Dub's handleApiError: a DomainError as itself, a zod failure as INVALID_INPUT naming
// the field, anything else as INTERNAL, logged here and never shown. The route wrapper
// (lib/http/route.ts) answers it as JSON, the socket server (lib/realtime/server.ts) as an ack.
import type { ZodError } from "zod";
import { logError } from "@/lib/log/logger";
import { statusOf, type ErrorCode } from "./codes";
import { DomainError, type ErrorDetail } from "./domain-error";
import { inputProblems } from "./pointer";

export type ErrorBody = { code: ErrorCode; message: string; path?: string; details?: readonly ErrorDetail[] };

/** What a zod failure is called when its path is empty: the JSON body, a socket payload, the query string. */
export type InputKind = "body" | "payload" | "query";

function isZodError(e: unknown): e is ZodError {
  return e instanceof Error && e.name === "ZodError" && Array.isArray((e as ZodError).issues);
}

/** A zod failure as INVALID_INPUT: the first problem in the message, every problem in `details`, each named by its JSON pointer (lib/errors/pointer.ts). */
export function inputError(e: ZodError, kind: InputKind = "body"): DomainError {
  const problems = inputProblems(e);
  const first = problems[0];
  const where = first.path === "" ? kind : kind === "query" ? first.path.slice(1).replace(/\//g, ".") : first.path;
  return new DomainError("INVALID_INPUT", `${where}: ${first.message}`, first.path, problems);
}

/** Strips the "field: " prefix a message repeats from its pointer. */
function detailMessage(message: string): string {
  return message.replace(/^[\w/.]+: /, "");
}

export type HandleOptions = {
  /** Names the failure in the log when it is not one the caller can act on. */
  log: string;
  kind?: InputKind;
  /** What the caller is told of a failure of the server's own. */
  internalMessage?: string;
};

/**
 * Prisma's P2028: a transaction that could not start within its wait, or ran past its timeout.
 * Either way it was rolled back, so the caller may retry; on an overloaded machine that is the
 * honest answer rather than INTERNAL.
 */
function isTransactionTimeout(e: unknown): boolean {
  return e instanceof Error && (e as Error & { code?: unknown }).code === "P2028";
}

/** The status and body for any thrown value. */
export function handleError(e: unknown, { log, kind = "body", internalMessage }: HandleOptions): { status: number; error: ErrorBody } {
  if (isTransactionTimeout(e)) {
    logError(`${log} (database busy)`, e);
    e = new DomainError("DATABASE_BUSY", "the database did not answer in time and nothing was saved; try again in a few seconds");
  }
  const known = DomainError.is(e) ? e : isZodError(e) ? inputError(e, kind) : null;
  if (!known) {
    logError(log, e);
    const message = internalMessage ?? "something went wrong on the server; the request was not completed";
    return { status: statusOf("INTERNAL"), error: { code: "INTERNAL", message } };
  }
  const details = known.details ?? (known.path !== undefined ? [{ path: known.path, message: detailMessage(known.message) }] : undefined);
  return {
    status: known.status,
    error: { code: known.code, message: known.message, ...(known.path !== undefined ? { path: known.path } : {}), ...(details ? { details } : {}) },
  };
}

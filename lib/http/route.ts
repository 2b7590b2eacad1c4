// One wrapper for route handlers: it authenticates (session cookie or Bearer API token),
// checks the permission matrix, refuses cross-site writes and oversized bodies, parses
// input with zod, and turns failures into JSON errors that name what was wrong.
import { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { sessionFromApiToken } from "@/lib/auth/api-token";
import { can, ForbiddenError, type Action, type Resource, type SessionScope } from "@/lib/auth/permissions";
import { sessionAccess } from "@/lib/auth/session-access";
import type { AppSession } from "@/lib/auth/types";
import { getPrisma } from "@/lib/db/client";
import { checkOrigin } from "@/lib/http/origin";
import { findUnstorableText } from "@/lib/security/text";
import { logError } from "@/lib/log/logger";
import { describeProblem, inputProblems } from "@/lib/errors/pointer";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

export function jsonError(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

export async function authenticate(req: Request): Promise<{ session: AppSession | null; viaToken: boolean }> {
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) {
    const session = await sessionFromApiToken(getPrisma(), auth.slice(7).trim());
    if (!session) throw new HttpError(401, "INVALID_TOKEN", "the API token is unknown, revoked or expired");
    return { session, viaToken: true };
  }
  return { session: await getSession(req.headers.get("cookie")), viaToken: false };
}

/** Cookie-authenticated writes must come from an allowed origin (CSRF protection, lib/http/origin.ts). */
function assertSameOrigin(req: Request): void {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return;
  const verdict = checkOrigin(req.headers.get("origin"), req.headers, true);
  if (!verdict.ok) throw new HttpError(403, verdict.code, verdict.message, [{ path: "/headers/origin", message: verdict.message }]);
}

/**
 * Reads the body, stopping as soon as it passes `maxBytes`: a chunked upload has no
 * Content-Length to refuse up front, and must not be buffered whole first.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  assertDeclaredSize(req, maxBytes);
  const tooLarge = () => new HttpError(413, "BODY_TOO_LARGE", `the request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req, maxBytes));
}

export function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, "INVALID_JSON", `the request body is not valid JSON: ${(e as Error).message}`);
  }
  const unstorable = findUnstorableText(data);
  if (unstorable) throw new HttpError(400, "INVALID_INPUT", describeProblem(unstorable, "body"), [unstorable]);
  const r = schema.safeParse(data);
  if (!r.success) {
    const problems = inputProblems(r.error);
    throw new HttpError(400, "INVALID_INPUT", describeProblem(problems[0], "body"), problems);
  }
  return r.data;
}

/** Throws the HTTP error for a session the caller may not reach (404 when it does not exist). */
export async function requireSessionAccess(
  session: AppSession,
  sessionId: string,
  resource: "sessions" | "responses" | "reports",
  action: Action,
): Promise<SessionScope> {
  const access = await sessionAccess(getPrisma(), session.user, sessionId, resource, action);
  if (access.ok) return access.scope;
  if (access.reason === "not-found") throw new HttpError(404, "SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  throw new HttpError(403, "FORBIDDEN", `you may not ${action} ${resource} of this session; ask its facilitator to grant you access`);
}

/** Query-string input through zod, with the same readable 400 as a JSON body. */
export function parseQuery<T>(params: URLSearchParams, schema: z.ZodType<T>, skip: readonly string[] = []): T {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (!skip.includes(k)) raw[k] = v;
  const unstorable = findUnstorableText(raw);
  if (unstorable) throw new HttpError(400, "INVALID_INPUT", `${unstorable.path.slice(1) || "query"}: ${unstorable.message}`, [unstorable]);
  const r = schema.safeParse(raw);
  if (!r.success) {
    const problems = inputProblems(r.error);
    throw new HttpError(400, "INVALID_INPUT", `${problems[0].path.slice(1) || "query"}: ${problems[0].message}`, problems);
  }
  return r.data;
}

export type RouteContext<P> = { req: Request; session: AppSession; params: P; viaToken: boolean };

/** Refuses a body whose declared size is over the limit before any other work is done. */
export function assertDeclaredSize(req: Request, maxBytes: number): void {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new HttpError(413, "BODY_TOO_LARGE", `the request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
}

export function route<P = Record<string, string>>(
  permission: { resource: Resource; action: Action; maxBodyBytes?: number },
  handler: (ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      // Every route has a size limit, whether or not its handler reads the body.
      assertDeclaredSize(req, permission.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const { session, viaToken } = await authenticate(req);
      if (!session) throw new HttpError(401, "UNAUTHENTICATED", "sign in or send an API token (Authorization: Bearer …)");
      if (!viaToken) assertSameOrigin(req);
      if (!can(session.user.role, permission.resource, permission.action)) throw new ForbiddenError(permission.resource, permission.action);
      const params = await context.params;
      const badParam = findUnstorableText(params);
      if (badParam) throw new HttpError(400, "INVALID_INPUT", `the address ${badParam.message}`, [{ path: `/params${badParam.path}`, message: badParam.message }]);
      return await handler({ req, session, params, viaToken });
    } catch (e) {
      if (e instanceof HttpError) return jsonError(e.status, e.code, e.message, e.details);
      if (e instanceof ForbiddenError) return jsonError(403, "FORBIDDEN", `your role may not ${e.action} ${e.resource}`);
      logError("route error", e);
      return jsonError(500, "INTERNAL", "something went wrong on the server; the request was not completed");
    }
  };
}

// One wrapper for route handlers: it authenticates (session cookie or Bearer API token),
// checks the permission matrix, refuses cross-site writes and oversized bodies, parses
// input with zod, and turns failures into JSON errors that name what was wrong
// (lib/errors/handle.ts). sessionRoute() adds one session's loaded access scope.
import type { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { sessionFromApiToken } from "@/lib/auth/api-token";
import { can, type Action, type Resource, type SessionResource } from "@/lib/auth/permissions";
import { requireSessionScope, type LoadedSessionScope } from "@/lib/auth/session-scope";
import type { SignIn } from "@/lib/auth/types";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { handleError, inputError, type InputKind } from "@/lib/errors/handle";
import { checkOrigin } from "@/lib/http/origin";
import { findUnstorableText } from "@/lib/security/text";

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Any thrown value as the JSON error a client reads: `{ error: { code, message, path?, details? } }`. */
export function errorResponse(e: unknown, log = "route error", kind: InputKind = "body"): Response {
  const { status, error } = handleError(e, { log, kind });
  return Response.json({ error }, { status });
}

export async function authenticate(req: Request): Promise<{ session: SignIn | null; viaToken: boolean }> {
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) {
    const session = await sessionFromApiToken(getPrisma(), auth.slice(7).trim());
    if (!session) throw new DomainError("INVALID_TOKEN", "the API token is unknown, revoked or expired");
    return { session, viaToken: true };
  }
  return { session: await getSession(req.headers.get("cookie")), viaToken: false };
}

/** Cookie-authenticated writes must come from an allowed origin (CSRF protection, lib/http/origin.ts). */
function assertSameOrigin(req: Request): void {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return;
  const verdict = checkOrigin(req.headers.get("origin"), req.headers, true);
  if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, "/headers/origin");
}

/**
 * Reads the body, stopping as soon as it passes `maxBytes`: a chunked upload has no
 * Content-Length to refuse up front, and must not be buffered whole first.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  assertDeclaredSize(req, maxBytes);
  const tooLarge = () => new DomainError("BODY_TOO_LARGE", `the request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
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
    throw new DomainError("INVALID_JSON", `the request body is not valid JSON: ${(e as Error).message}`);
  }
  const unstorable = findUnstorableText(data);
  if (unstorable) throw new DomainError("INVALID_INPUT", `${unstorable.path}: ${unstorable.message}`, unstorable.path);
  const r = schema.safeParse(data);
  if (!r.success) throw inputError(r.error, "body");
  return r.data;
}

/** Reads a JSON body of at most `maxBytes` and parses it with `schema`. */
export async function readJson<T>(req: Request, schema: z.ZodType<T>, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<T> {
  return parseJson(await readBody(req, maxBytes), schema);
}

/** Query-string input through zod, with the same readable 400 as a JSON body. */
export function parseQuery<T>(params: URLSearchParams, schema: z.ZodType<T>, skip: readonly string[] = []): T {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (!skip.includes(k)) raw[k] = v;
  const unstorable = findUnstorableText(raw);
  if (unstorable) throw new DomainError("INVALID_INPUT", `${unstorable.path.slice(1)}: ${unstorable.message}`, unstorable.path);
  const r = schema.safeParse(raw);
  if (!r.success) throw inputError(r.error, "query");
  return r.data;
}

export type RouteContext<P> = { req: Request; session: SignIn; params: P; viaToken: boolean };

/** Refuses a body whose declared size is over the limit before any other work is done (also for routes that read no body). */
export function assertDeclaredSize(req: Request, maxBytes: number): void {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new DomainError("BODY_TOO_LARGE", `the request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
}

/** A permission of the matrix, or `anyRole` for a signed-in user's own things (their drills). */
type RoutePermission = { resource: Resource; action: Action; maxBodyBytes?: number } | { anyRole: true; maxBodyBytes?: number };

export function route<P = Record<string, string>>(
  permission: RoutePermission,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      // Every route has a size limit, whether or not its handler reads the body.
      assertDeclaredSize(req, permission.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const { session, viaToken } = await authenticate(req);
      if (!session) throw new DomainError("UNAUTHENTICATED", "sign in or send an API token (Authorization: Bearer …)");
      if (!viaToken) assertSameOrigin(req);
      if ("resource" in permission && !can(session.user.role, permission.resource, permission.action)) {
        throw new DomainError("FORBIDDEN", `your role may not ${permission.action} ${permission.resource}`);
      }
      const params = await context.params;
      const badParam = findUnstorableText(params);
      if (badParam) {
        throw new DomainError("INVALID_INPUT", `the address ${badParam.message}`, `/params${badParam.path}`, [{ path: `/params${badParam.path}`, message: badParam.message }]);
      }
      return await handler({ req, session, params, viaToken });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export type SessionRouteContext<P> = RouteContext<P> & { scope: LoadedSessionScope };

/**
 * route() for data of one exercise session (`params.id`): after the role check it loads the
 * session's scope once and refuses with 404 or 403 by the scope rules, so the handler
 * receives a session the caller may reach and its scope (anonymous, who runs it).
 */
export function sessionRoute<P extends { id: string } = { id: string }>(
  permission: { resource: SessionResource; action: Action; maxBodyBytes?: number },
  handler: (ctx: SessionRouteContext<P>) => Promise<Response>,
) {
  return route<P>(permission, async (ctx) => {
    const scope = await requireSessionScope(ctx.session.user, ctx.params.id, permission.resource, permission.action);
    return handler({ ...ctx, scope });
  });
}

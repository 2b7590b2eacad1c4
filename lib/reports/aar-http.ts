// The HTTP side of the after-action report routes: the route() wrapper with the session's
// report access check, body parsing with the report's size limit, and errors as JSON that
// name the field at fault.
import type { z } from "zod";
import { jsonError, parseJson, readBody, route, type RouteContext } from "@/lib/http/route";
import type { Action } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { AAR_ERROR_STATUS, AarError, assertReportAccess } from "./aar-access";
import { AAR_LIMITS } from "./aar-edit";

export function aarRoute<P extends { id: string }>(action: Action, handler: (ctx: RouteContext<P>) => Promise<Response>) {
  return route<P>({ resource: "reports", action }, async (ctx) => {
    try {
      await assertReportAccess(getPrisma(), ctx.session.user, ctx.params.id, action);
      return await handler(ctx);
    } catch (e) {
      return aarErrorResponse(e);
    }
  });
}

/** An AarError as its JSON answer, naming the field at fault; anything else is rethrown to route(). */
export function aarErrorResponse(e: unknown): Response {
  if (AarError.is(e)) {
    const details = e.field ? [{ path: `/${e.field}`, message: e.message.replace(/^\w+: /, "") }] : undefined;
    return jsonError(AAR_ERROR_STATUS[e.code], e.code, e.message, details);
  }
  throw e;
}

export async function readAarBody<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  return parseJson(await readBody(req, AAR_LIMITS.bodyBytes), schema);
}

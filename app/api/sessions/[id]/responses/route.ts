import { sessionRoute } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { readSessionResponses } from "@/lib/privacy/responses";
import { visibilityIn } from "@/lib/session/viewer";

export const dynamic = "force-dynamic";

/**
 * The raw answers and votes of one session, with who gave them. Scope rules apply: a
 * facilitator only for sessions they run or were granted, a manager only for named sessions;
 * who cast which vote only as the viewer's visibility allows (never in anonymous sessions).
 */
export const GET = sessionRoute({ resource: "responses", action: "view" }, async ({ session, params, scope, viaToken }) => {
  const body = await readSessionResponses(getPrisma(), session.user, params.id, visibilityIn(session.user, scope), viaToken ? "api-token" : "web");
  return Response.json(body, { headers: { "cache-control": "no-store" } });
});

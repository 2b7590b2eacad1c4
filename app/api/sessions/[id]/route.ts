import { route, requireSessionAccess, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { deleteSessionData } from "@/lib/privacy/session-data";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";
import { consoleViewFor } from "@/lib/session/viewer";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ resource: "sessions", action: "view" }, async ({ session, params }) => {
  const service = getSessionService();
  try {
    // Answers, names, votes and small-group figures only as the viewer's visibility allows.
    const { view } = await consoleViewFor(service, session.user, params.id);
    return Response.json(view, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

/**
 * Deletes the session's raw data now (answers, votes, names); an unfinished session is
 * aborted first. Its aggregates and event log stay, as they would after retention.
 */
export const DELETE = route<{ id: string }>({ resource: "sessions", action: "delete" }, async ({ session, params }) => {
  await requireSessionAccess(session, params.id, "sessions", "delete");
  const result = await deleteSessionData(getPrisma(), session.user, params.id);
  if (!result) return jsonError(404, "SESSION_NOT_FOUND", `session ${params.id} does not exist`);
  const service = getSessionService();
  service.disarmTimers(params.id);
  service.participantRemoved(params.id);
  return Response.json(result);
});

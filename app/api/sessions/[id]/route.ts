import { sessionRoute } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { deleteSessionData } from "@/lib/privacy/session-data";
import { getSessionService } from "@/lib/session/runtime";
import { consoleViewFor } from "@/lib/session/viewer";

export const dynamic = "force-dynamic";

export const GET = sessionRoute({ resource: "sessions", action: "view" }, async ({ session, params }) => {
  // Answers, names, votes and small-group figures only as the viewer's visibility allows.
  const { view } = await consoleViewFor(getSessionService(), session.user, params.id);
  return Response.json(view, { headers: { "cache-control": "no-store" } });
});

/**
 * Deletes the session's raw data now (answers, votes, names); an unfinished session is
 * aborted first. Its aggregates and event log stay, as they would after retention.
 */
export const DELETE = sessionRoute({ resource: "sessions", action: "delete" }, async ({ session, params }) => {
  const result = await deleteSessionData(getPrisma(), session.user, params.id);
  if (!result) throw new DomainError("SESSION_NOT_FOUND", `session ${params.id} does not exist`);
  const service = getSessionService();
  service.disarmTimers(params.id);
  service.participantRemoved(params.id);
  return Response.json(result);
});

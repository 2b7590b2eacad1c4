import { route } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";

export const dynamic = "force-dynamic";

/** Per team: path, decisions, votes, answers and scores. */
export const GET = route<{ id: string }>({ resource: "responses", action: "export" }, async ({ session, params }) => {
  const service = getSessionService();
  try {
    await service.assertFacilitator(session.user, params.id, "export", "responses");
    return Response.json(await service.results(params.id));
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

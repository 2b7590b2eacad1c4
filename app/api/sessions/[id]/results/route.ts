import { route } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Per team: path, decisions, votes, answers and scores. */
export const GET = route<{ id: string }>({ resource: "responses", action: "export" }, async ({ session, params, viaToken }) => {
  const service = getSessionService();
  try {
    await service.assertFacilitator(session.user, params.id, "export", "responses");
    const results = await service.results(params.id);
    await audit(getPrisma(), session.user, "export", "responses", params.id, { format: "json", via: viaToken ? "api-token" : "web" });
    return Response.json(results);
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

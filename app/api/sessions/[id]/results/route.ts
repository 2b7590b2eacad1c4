import { route } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { voteAsSeen } from "@/lib/privacy/visibility";
import { viewerVisibility } from "@/lib/session/viewer";

export const dynamic = "force-dynamic";

/** Per team: path, decisions, votes (who cast them only as the viewer may see), answers and scores. */
export const GET = route<{ id: string }>({ resource: "responses", action: "export" }, async ({ session, params, viaToken }) => {
  const service = getSessionService();
  try {
    await service.assertFacilitator(session.user, params.id, "export", "responses");
    const visibility = await viewerVisibility(service, session.user, params.id);
    const raw = await service.results(params.id);
    const results = { ...raw, teams: raw.teams.map((t) => ({ ...t, votes: t.votes.map((v) => voteAsSeen(v, visibility)) })) };
    await audit(getPrisma(), session.user, "export", "responses", params.id, { format: "json", via: viaToken ? "api-token" : "web" });
    return Response.json(results);
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

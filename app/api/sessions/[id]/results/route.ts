import { sessionRoute } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { voteAsSeen } from "@/lib/privacy/visibility";
import { visibilityIn } from "@/lib/session/viewer";

export const dynamic = "force-dynamic";

/** Per team: path, decisions, votes (who cast them only as the viewer may see), answers and scores. */
export const GET = sessionRoute({ resource: "responses", action: "export" }, async ({ session, params, scope, viaToken }) => {
  const visibility = visibilityIn(session.user, scope);
  const raw = await getSessionService().results(params.id);
  const results = { ...raw, teams: raw.teams.map((t) => ({ ...t, votes: t.votes.map((v) => voteAsSeen(v, visibility)) })) };
  await audit(getPrisma(), session.user, "export", "responses", params.id, { format: "json", via: viaToken ? "api-token" : "web" });
  return Response.json(results);
});

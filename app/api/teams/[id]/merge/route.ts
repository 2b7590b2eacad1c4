import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { TEAM_BODY_BYTES, mergeTeam, ZTeamMerge } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

/** {into}: moves this team's sessions and improvement items to `into`, then deletes this team (audited). */
export const POST = route<{ id: string }>({ resource: "teams", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZTeamMerge, TEAM_BODY_BYTES);
  return Response.json(await mergeTeam(getPrisma(), session.user, params.id, input));
});

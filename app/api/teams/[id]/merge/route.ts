import { route, readBody, parseJson } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { mergeTeam, ZTeamMerge } from "@/lib/teams/service";
import { TEAM_BODY_BYTES, teamCall } from "@/lib/teams/http";

export const dynamic = "force-dynamic";

/** {into}: moves this team's sessions and improvement items to `into`, then deletes this team (audited). */
export const POST = route<{ id: string }>({ resource: "teams", action: "modify" }, async ({ req, session, params }) => {
  const input = parseJson(await readBody(req, TEAM_BODY_BYTES), ZTeamMerge);
  return Response.json(await teamCall(() => mergeTeam(getPrisma(), session.user, params.id, input)));
});

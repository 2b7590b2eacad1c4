import { route, readBody, parseJson } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { updateTeam, ZTeamPatch } from "@/lib/teams/service";
import { TEAM_BODY_BYTES, teamCall } from "@/lib/teams/http";

export const dynamic = "force-dynamic";

/** {name?, archived?}: renames, archives or restores a team (audited); unknown fields are refused. */
export const PATCH = route<{ id: string }>({ resource: "teams", action: "modify" }, async ({ req, session, params }) => {
  const patch = parseJson(await readBody(req, TEAM_BODY_BYTES), ZTeamPatch);
  return Response.json(await teamCall(() => updateTeam(getPrisma(), session.user, params.id, patch)));
});

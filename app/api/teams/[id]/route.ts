import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { TEAM_BODY_BYTES, updateTeam, ZTeamPatch } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

/** {name?, archived?}: renames, archives or restores a team (audited); unknown fields are refused. */
export const PATCH = route<{ id: string }>({ resource: "teams", action: "modify" }, async ({ req, session, params }) => {
  const patch = await readJson(req, ZTeamPatch, TEAM_BODY_BYTES);
  return Response.json(await updateTeam(getPrisma(), session.user, params.id, patch));
});

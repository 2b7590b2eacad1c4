import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { TEAM_BODY_BYTES, createTeam, listTeams, ZNewTeam } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

/** The organisation's teams; `?archived=1` lists archived ones too. */
export const GET = route({ resource: "teams", action: "view" }, async ({ req }) => {
  const includeArchived = new URL(req.url).searchParams.get("archived") === "1";
  return Response.json({ teams: await listTeams(getPrisma(), { includeArchived }) });
});

/** {name}: adds a team (audited). A name already in use, ignoring case, is refused with 409. */
export const POST = route({ resource: "teams", action: "modify" }, async ({ req, session }) => {
  const input = await readJson(req, ZNewTeam, TEAM_BODY_BYTES);
  const team = await createTeam(getPrisma(), session.user, input);
  return Response.json({ team }, { status: 201 });
});

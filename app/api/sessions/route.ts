import { readJson, route } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { ZCreateSession } from "@/lib/session/service";

export const dynamic = "force-dynamic";

/** Creates a session from a stored scenario version: {scenarioId, teams, anonymous, title?, selfAssign?}. */
export const POST = route({ resource: "sessions", action: "modify" }, async ({ req, session }) => {
  const input = await readJson(req, ZCreateSession, 16 * 1024);
  const created = await getSessionService().createSession(session.user, input);
  return Response.json(created, { status: 201 });
});

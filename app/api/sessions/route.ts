import { route, readBody, parseJson } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError, ZCreateSession } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";

export const dynamic = "force-dynamic";

/** Creates a session from a stored scenario version: {scenarioId, teams, anonymous, title?, selfAssign?}. */
export const POST = route({ resource: "sessions", action: "modify" }, async ({ req, session }) => {
  const input = parseJson(await readBody(req, 16 * 1024), ZCreateSession);
  try {
    const created = await getSessionService().createSession(session.user, input);
    return Response.json(created, { status: 201 });
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

import { route } from "@/lib/http/route";
import { getSessionService } from "@/lib/session/runtime";
import { SessionError } from "@/lib/session/service";
import { sessionErrorResponse } from "@/lib/http/session-errors";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ resource: "sessions", action: "view" }, async ({ session, params }) => {
  const service = getSessionService();
  try {
    await service.assertFacilitator(session.user, params.id, "view");
    const view = await service.consoleView(params.id);
    const rawAllowed = await service.assertFacilitator(session.user, params.id, "view", "responses").then(() => true, () => false);
    // Raw answers and who voted for what only where the matrix allows raw responses.
    return Response.json(rawAllowed ? view : { ...view, answers: [], teams: view.teams.map((t) => ({ ...t, voters: [] })) });
  } catch (e) {
    if (SessionError.is(e)) return sessionErrorResponse(e);
    throw e;
  }
});

import { route, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { eraseParticipant, PrivacyError } from "@/lib/privacy/erasure";
import { getSessionService } from "@/lib/session/runtime";

export const dynamic = "force-dynamic";

/** Erasure on request: the participant's answers, votes and name go; tallies are recomputed. */
export const DELETE = route<{ id: string }>({ resource: "responses", action: "delete" }, async ({ session, params }) => {
  try {
    const result = await eraseParticipant(getPrisma(), session.user, params.id);
    // The console and the participant's open page learn about it at once.
    getSessionService().participantRemoved(result.sessionId, result.participantId);
    return Response.json(result);
  } catch (e) {
    if (PrivacyError.is(e)) return jsonError(404, e.code, e.message);
    throw e;
  }
});

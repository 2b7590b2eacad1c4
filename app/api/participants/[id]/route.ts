import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { eraseParticipant } from "@/lib/privacy/erasure";
import { getSessionService } from "@/lib/session/runtime";

export const dynamic = "force-dynamic";

/** Erasure on request: the participant's answers, votes and name go; tallies are recomputed. */
export const DELETE = route<{ id: string }>({ resource: "responses", action: "delete" }, async ({ session, params }) => {
  const result = await eraseParticipant(getPrisma(), session.user, params.id);
  // The console and the participant's open page learn about it at once.
  getSessionService().participantRemoved(result.sessionId, result.participantId);
  return Response.json(result);
});

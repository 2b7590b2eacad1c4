import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { eraseParticipant } from "@/lib/privacy/erasure";
import { eraseDrillInvitee } from "@/lib/privacy/drill-data";
import { getSessionService } from "@/lib/session/runtime";

export const dynamic = "force-dynamic";

/**
 * Erasure on request: the participant's answers, votes and name go; tallies are recomputed.
 * The id may also be a drill invitation's: the invitee's invitation, run, answers and mail go.
 */
export const DELETE = route<{ id: string }>({ resource: "responses", action: "delete" }, async ({ session, params }) => {
  const prisma = getPrisma();
  if (await prisma.drillInvitation.findUnique({ where: { id: params.id }, select: { id: true } })) {
    return Response.json(await eraseDrillInvitee(prisma, session.user, params.id));
  }
  const result = await eraseParticipant(prisma, session.user, params.id);
  // The console and the participant's open page learn about it at once.
  getSessionService().participantRemoved(result.sessionId, result.participantId);
  return Response.json(result);
});

import { route, requireSessionAccess } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { sessionVisibility, voteAsSeen } from "@/lib/privacy/visibility";
import { withParticipant } from "@/lib/privacy/crypto/personal-fields";

export const dynamic = "force-dynamic";

/**
 * The raw answers and votes of one session, with who gave them. Scope rules apply: a
 * facilitator only for sessions they run or were granted, a manager only for named sessions;
 * who cast which vote only as the viewer's visibility allows (never in anonymous sessions).
 */
export const GET = route<{ id: string }>({ resource: "responses", action: "view" }, async ({ session, params, viaToken }) => {
  const visibility = sessionVisibility(session.user, await requireSessionAccess(session, params.id, "responses", "view"))!;
  const prisma = getPrisma();
  const [sealedAnswers, sealedVotes] = await Promise.all([
    prisma.response.findMany({
      where: { sessionId: params.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, sessionTeamId: true, nodeId: true, visit: true, questionId: true, text: true, value: true, createdAt: true, participant: { select: { id: true, displayName: true } } },
    }),
    prisma.vote.findMany({
      where: { sessionId: params.id },
      orderBy: { createdAt: "asc" },
      select: { sessionTeamId: true, nodeId: true, visit: true, optionId: true, createdAt: true, participant: { select: { id: true, displayName: true } } },
    }),
  ]);
  const [answers, votes] = [await withParticipant(prisma, sealedAnswers), await withParticipant(prisma, sealedVotes)];
  await audit(prisma, session.user, "view", "responses", params.id, { answers: answers.length, votes: votes.length, via: viaToken ? "api-token" : "web" });
  return Response.json({ sessionId: params.id, answers, votes: votes.map((v) => voteAsSeen(v, visibility)) }, { headers: { "cache-control": "no-store" } });
});

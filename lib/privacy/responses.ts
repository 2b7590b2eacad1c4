// One session's raw answers and votes with who gave them, unsealed (lib/privacy/crypto), for
// `GET /api/sessions/:id/responses`. The caller has checked the viewer may see raw responses
// (sessionRoute); who cast which vote is shown only as the viewer's visibility allows.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";
import { withParticipant } from "@/lib/privacy/crypto/personal-fields";
import { voteAsSeen, type SessionVisibility } from "@/lib/privacy/visibility";

const PARTICIPANT = { select: { id: true, displayName: true } } as const;

/** The answers and votes, audited as a view of raw responses. */
export async function readSessionResponses(prisma: PrismaClient, actor: AuditActor, sessionId: string, visibility: SessionVisibility, via: string) {
  const [sealedAnswers, sealedVotes] = await Promise.all([
    prisma.response.findMany({
      where: { sessionId },
      orderBy: { createdAt: "asc" },
      select: { id: true, sessionTeamId: true, nodeId: true, visit: true, questionId: true, text: true, value: true, createdAt: true, participant: PARTICIPANT },
    }),
    prisma.vote.findMany({
      where: { sessionId },
      orderBy: { createdAt: "asc" },
      select: { sessionTeamId: true, nodeId: true, visit: true, optionId: true, createdAt: true, participant: PARTICIPANT },
    }),
  ]);
  const [answers, votes] = [await withParticipant(prisma, sealedAnswers), await withParticipant(prisma, sealedVotes)];
  await audit(prisma, actor, "view", "responses", sessionId, { answers: answers.length, votes: votes.length, via });
  return { sessionId, answers, votes: votes.map((v) => voteAsSeen(v, visibility)) };
}

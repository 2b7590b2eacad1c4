// Deleting a session: its raw data (answers, votes, names, resume tokens, replay records)
// goes at once, as retention would delete it later. The session row, its aggregates and its
// append-only event log stay, so reports keep their history; an unfinished session is
// aborted first, so nobody can keep answering into it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";
import { purgeRawData, type RetentionCounts } from "@/lib/privacy/retention";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { shredDeletedKeys } from "@/lib/privacy/crypto/shred";

export type SessionDeletion = RetentionCounts & { sessionId: string; aborted: boolean };

export async function deleteSessionData(prisma: PrismaClient, actor: AuditActor, sessionId: string): Promise<SessionDeletion | null> {
  const keyring = keyringOf(prisma);
  const deleted = await prisma.$transaction(async (tx) => {
    const session = await tx.exerciseSession.findUnique({ where: { id: sessionId }, select: { status: true } });
    if (!session) return null;
    const aborted = session.status === "LOBBY" || session.status === "RUNNING" || session.status === "PAUSED";
    if (aborted) {
      await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "ABORTED", endedAt: new Date() } });
      await tx.sessionTeam.updateMany({ where: { sessionId }, data: { deadlineAt: null, timerRemainingMs: null } });
      await tx.sessionEvent.create({ data: { sessionId, type: "session.aborted", payload: { reason: "deleted" }, actorType: "id" in actor ? "user" : "system", actorId: "id" in actor ? actor.id : null } });
    }
    const counts = await purgeRawData(keyring, tx, sessionId);
    await audit(tx, actor, "delete", "session", sessionId, { reason: "deleted", aborted, ...counts });
    return { sessionId, aborted, ...counts };
  });
  if (deleted) await shredDeletedKeys(prisma);
  return deleted;
}

// Retention and erasure of a drill's rows (docs/privacy.md, "Drills"). A drill has no
// participant rows: who was asked lives in drill_invitations, what they answered in
// drill_runs and drill_answers. Retention follows the live sessions' clock (`retentionDays`
// after the drill ended: closed early, or its deadline): invitations go, runs lose every
// link to a person (token hash, invitation, account), answers lose their reasoning, and the
// session's data key (which sealed the tokens) is deleted. Kept, like a live session's
// decisions: each run's path, options, confidence and points, so the drill's report stands.
// Erasing one invitee deletes their invitation, their run with its answers, and their queued
// or sent mail of that drill.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";
import type { Keyring } from "@/lib/privacy/crypto/keyring";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { AAD, openText } from "@/lib/privacy/crypto/cipher";
import { RAW_DATA_TABLES, vacuumTables } from "@/lib/privacy/crypto/shred";
import { runHash } from "@/lib/drills/tokens";
import { DomainError } from "@/lib/errors/domain-error";
import type { Tx } from "@/lib/session/store";

export type DrillRetentionCounts = { drillInvitations: number; drillRuns: number; drillReasonings: number; dataKeys: number };

/** A run whose links to a person were removed has this prefix in place of its token hash (no token hashes to it). */
const PURGED_PREFIX = "purged:";

/** When a drill ended: closed early, or its deadline, whichever came first. */
const DRILL_END_SQL = "least(coalesce(d.closed_at, d.closes_at), d.closes_at)";

/** Drills that ended before `cutoff` and still hold invitations, linked runs or reasoning. */
export async function drillsToPurge(prisma: PrismaClient, cutoff: Date): Promise<Array<{ id: string; endedAt: Date }>> {
  return prisma.$queryRawUnsafe<Array<{ id: string; endedAt: Date }>>(
    `select d.session_id as id, ${DRILL_END_SQL} as "endedAt" from drills d
     where ${DRILL_END_SQL} < $1
       and (exists (select 1 from drill_invitations i where i.session_id = d.session_id)
         or exists (select 1 from drill_runs r where r.session_id = d.session_id and r.token_hash not like '${PURGED_PREFIX}%')
         or exists (select 1 from drill_answers a where a.session_id = d.session_id and a.reasoning is not null))
     order by 2`,
    cutoff,
  );
}

/** Deletes one drill's personal data inside the caller's transaction (which audits it and shreds keys after commit). */
export async function purgeDrillData(keyring: Keyring, tx: Tx, sessionId: string): Promise<DrillRetentionCounts> {
  const dataKeys = await keyring.deleteSessionKeys(tx, sessionId);
  const drillReasonings = (await tx.drillAnswer.updateMany({ where: { sessionId, reasoning: { not: null } }, data: { reasoning: null } })).count;
  const drillRuns = await tx.$executeRaw`
    update drill_runs set token_hash = ${PURGED_PREFIX} || id, invitation_id = null, user_id = null, deadline_at = null
    where session_id = ${sessionId} and token_hash not like ${PURGED_PREFIX + "%"}`;
  const drillInvitations = (await tx.drillInvitation.deleteMany({ where: { sessionId } })).count;
  return { drillInvitations, drillRuns, drillReasonings, dataKeys };
}

type DrillErasureResult = {
  invitationId: string;
  sessionId: string;
  /** How the person's run was found: through the invitation (named drill), the sealed token (anonymous, e-mail on), or not at all. */
  run: "deleted" | "not started" | "not linkable";
  answers: number;
  mails: number;
};

/** Tables whose rows drill retention and erasure delete or rewrite: vacuumed afterwards, so the old row versions go. */
const DRILL_DATA_TABLES = ["drill_invitations", "drill_runs", "drill_answers", "mail_outbox"] as const;

/** What retention vacuums after purging live sessions and drills. */
export const RETENTION_TABLES = [...RAW_DATA_TABLES, ...DRILL_DATA_TABLES] as const;

const NOT_FOUND = "no participant or drill invitation with this id; it may already have been erased or deleted under the retention policy";

/**
 * Erases one drill invitee: their run and its answers (so the drill's figures no longer count
 * them), their invitation (address, name, progress) and their mail of this drill not being
 * handed to the SMTP server at this moment. In an anonymous drill the run is found only
 * through the sealed token; once that is gone (closing note queued, or e-mail off) nothing
 * links the invitation to a run, and the run stays as anonymous as it was.
 */
export async function eraseDrillInvitee(prisma: PrismaClient, actor: AuditActor, invitationId: string): Promise<DrillErasureResult> {
  const keyring = keyringOf(prisma);
  const result = await prisma.$transaction(async (tx) => {
    // The row lock keeps a concurrent answer from this person's link waiting until we are done.
    const [row] = await tx.$queryRaw<Array<{ id: string; session_id: string; email: string; token_sealed: string | null; anonymous: boolean }>>`
      select i.id, i.session_id, i.email, i.token_sealed, s.anonymous from drill_invitations i
      join exercise_sessions s on s.id = i.session_id where i.id = ${invitationId} for update of i`;
    if (!row) throw new DomainError("PARTICIPANT_NOT_FOUND", NOT_FOUND);
    const runId = await runOf(keyring, tx, row);
    let answers = 0;
    if (runId) {
      answers = await tx.drillAnswer.count({ where: { runId } });
      await tx.drillRun.delete({ where: { id: runId } });
    }
    const mails = await tx.$executeRaw`
      delete from mail_outbox where scope = ${`drill:${row.session_id}`} and lower(to_address) = ${row.email.toLowerCase()} and status <> 'SENDING'`;
    await tx.drillInvitation.delete({ where: { id: row.id } });
    const run: DrillErasureResult["run"] = runId ? "deleted" : row.anonymous && !row.token_sealed ? "not linkable" : "not started";
    const result: DrillErasureResult = { invitationId: row.id, sessionId: row.session_id, run, answers, mails };
    await audit(tx, actor, "delete", "user", row.id, { kind: "drill-invitee", ...result });
    return result;
  });
  // No data key was deleted (the session's serves the others); the erased row versions are vacuumed away.
  await vacuumTables(prisma, DRILL_DATA_TABLES);
  return result;
}

async function runOf(keyring: Keyring, tx: Tx, row: { id: string; session_id: string; email: string; token_sealed: string | null; anonymous: boolean }): Promise<string | null> {
  if (!row.anonymous) {
    const byInvitation = await tx.drillRun.findUnique({ where: { invitationId: row.id }, select: { id: true } });
    return byInvitation?.id ?? null;
  }
  if (!row.token_sealed) return null;
  const token = openText(await keyring.sessionKey(row.session_id, tx), AAD.drillToken(row.id), row.token_sealed);
  const run = await tx.drillRun.findUnique({ where: { tokenHash: runHash(token) }, select: { id: true, sessionId: true } });
  return run && run.sessionId === row.session_id ? run.id : null;
}

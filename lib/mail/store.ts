// The mail worker's SQL over mail_outbox: claiming due rows with a lease (FOR UPDATE SKIP
// LOCKED, so several nodes never take the same row), the "handed over" and SENT marks
// (group-committed: several lanes' marks in one statement, never a wait for more), retries,
// and what a lapsed lease means: not handed over yet, send it again; handed over, the server
// may have it, so it becomes UNCONFIRMED and is not sent twice. Every change is fenced by
// the attempt number, so a worker whose lease was taken over changes nothing.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ClaimedRow = { id: string; kind: string; to_address: string; locale: string; vars: unknown; dedupe_key: string; message_id: string; scope: string | null; attempts: number; created_at: Date };

/** Takes up to `limit` due rows: queued and due, or sending with a lapsed lease that were never handed over. */
export async function claim(prisma: PrismaClient, limit: number, now: Date, leaseMs: number): Promise<ClaimedRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return prisma.$queryRaw<ClaimedRow[]>`
    update mail_outbox set status = 'SENDING', attempts = attempts + 1, lease_until = ${leaseUntil}, handed_over_at = null, updated_at = ${now}
    where id in (
      select id from mail_outbox
      where (status = 'QUEUED' and next_attempt_at <= ${now}) or (status = 'SENDING' and lease_until < ${now} and handed_over_at is null)
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id, kind, to_address, locale, vars, dedupe_key, message_id, scope, attempts, created_at`;
}

/** Rows whose sender died between handing the message over and hearing the answer. */
export async function sweepUnconfirmed(prisma: PrismaClient, now: Date): Promise<number> {
  return prisma.$executeRaw`
    update mail_outbox set status = 'UNCONFIRMED', lease_until = null, updated_at = ${now},
      last_error = 'the sending process stopped after handing the message to the server and before its answer; the server most likely accepted it, so it is not sent again'
    where status = 'SENDING' and lease_until < ${now} and handed_over_at is not null`;
}

/**
 * One statement per group of rows: while a statement runs, the next marks queue up and go
 * together as soon as it is done. `write` updates the given (id, attempt) pairs and returns
 * the ids it changed; each caller learns whether its row was still its own.
 */
function groupCommit(write: (ids: string[], attempts: number[], at: Date) => Promise<Array<{ id: string }>>, now: () => Date) {
  let pending: Array<{ row: ClaimedRow; done: (e: unknown, changed: boolean) => void }> = [];
  let running = false;
  const flush = async () => {
    running = true;
    while (pending.length) {
      const batch = pending;
      pending = [];
      try {
        const changed = new Set((await write(batch.map((b) => b.row.id), batch.map((b) => b.row.attempts), now())).map((r) => r.id));
        for (const b of batch) b.done(null, changed.has(b.row.id));
      } catch (e) {
        for (const b of batch) b.done(e, false);
      }
    }
    running = false;
  };
  return (row: ClaimedRow) =>
    new Promise<boolean>((resolve, reject) => {
      pending.push({ row, done: (e, changed) => (e ? reject(e) : resolve(changed)) });
      if (!running) void flush();
    });
}

/** Thrown at the hand-over when the row is no longer this worker's: the message is abandoned before its end. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`message ${id} was taken over by another worker after its lease lapsed; not sending it`);
  }
}

export function outboxMarks(prisma: PrismaClient, now: () => Date) {
  const handedOver = groupCommit(
    (ids, attempts, at) => prisma.$queryRaw<Array<{ id: string }>>`
      update mail_outbox m set handed_over_at = ${at}
      from (select unnest(${ids}::text[]) as id, unnest(${attempts}::int[]) as attempts) v
      where m.id = v.id and m.status = 'SENDING' and m.attempts = v.attempts and m.lease_until > ${at}
      returning m.id`,
    now,
  );
  return {
    /** Records the hand-over, or throws LeaseLostError when the claim is no longer valid. */
    async handedOver(row: ClaimedRow): Promise<void> {
      if (!(await handedOver(row))) throw new LeaseLostError(row.id);
    },
    sent: groupCommit(
      (ids, attempts, at) => prisma.$queryRaw<Array<{ id: string }>>`
        update mail_outbox m set status = 'SENT', sent_at = ${at}, lease_until = null, last_error = null, updated_at = ${at}
        from (select unnest(${ids}::text[]) as id, unnest(${attempts}::int[]) as attempts) v
        where m.id = v.id and m.status = 'SENDING' and m.attempts = v.attempts
        returning m.id`,
      now,
    ),
  };
}

export type FailedAttempt = { status: "QUEUED" | "FAILED" | "BOUNCED" | "UNCONFIRMED"; reason: string; nextAttemptAt: Date };

export async function recordFailure(prisma: PrismaClient, row: ClaimedRow, failure: FailedAttempt, now: Date): Promise<void> {
  await prisma.$executeRaw`
    update mail_outbox set status = ${failure.status}, next_attempt_at = ${failure.nextAttemptAt}, lease_until = null, handed_over_at = null, last_error = ${failure.reason}, updated_at = ${now}
    where id = ${row.id} and status = 'SENDING' and attempts = ${row.attempts}`;
}

/** Hands back claimed rows that were not tried (the worker is stopping), as if never claimed. */
export async function release(prisma: PrismaClient, rows: ClaimedRow[]): Promise<void> {
  for (const row of rows) {
    await prisma.$executeRaw`update mail_outbox set status = 'QUEUED', attempts = attempts - 1, lease_until = null where id = ${row.id} and status = 'SENDING' and attempts = ${row.attempts}`;
  }
}

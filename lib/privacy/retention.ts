// Retention: the raw data of a session (free-text and scale answers, who voted for what,
// participant names and resume tokens, command replay records) is deleted once the session
// ended more than `retentionDays` ago. The session's data keys go first (the names and
// answers were encrypted under them), and after the run the KEK is rotated and the tables
// vacuumed (lib/privacy/crypto/shred.ts). Sessions never ended and idle for more than
// `abandonedAfterDays` are first marked aborted, ending at their last activity. Aggregates stay: decisions with their tallies, team
// states and scores, facilitator notes, the session row and its append-only event log,
// whose payloads carry ids only.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";
import { getSettings, retentionDeadline } from "@/lib/privacy/settings";
import { runPeriodically } from "@/lib/jobs/periodic";
import { keyringOf, type Keyring } from "@/lib/privacy/crypto/keyring";
import { shredDeletedKeys } from "@/lib/privacy/crypto/shred";
import { LIVE_STATUSES } from "@/lib/session/lifecycle";
import { drillsToPurge, purgeDrillData, RETENTION_TABLES, type DrillRetentionCounts } from "@/lib/privacy/drill-data";

export type RetentionCounts = { responses: number; votes: number; participants: number; processedCommands: number; dataKeys: number };
/** What one run did; the last one is kept for the admin page. */
export type RetentionSummary = RetentionCounts & {
  at: string;
  actor: string;
  retentionDays: number;
  /** Unfinished sessions idle for longer than this were marked aborted. */
  abandonedAfterDays?: number;
  /** Sessions that ended before this moment had their raw data deleted. */
  cutoff: string;
  sessions: number;
  /** Unfinished sessions this run marked as aborted (their raw data follows the same clock). */
  abandoned?: number;
  /** Drills that ended before the cutoff and had their personal data removed (lib/privacy/drill-data.ts), and what went. */
  drills?: number;
} & Partial<Omit<DrillRetentionCounts, "dataKeys">>;
export type RetentionResult = RetentionSummary & { sessionIds: string[]; abortedSessionIds: string[] };

const LAST_RUN_KEY = "retention.lastRun";

export const SCHEDULE_ACTOR: AuditActor = { system: "retention schedule" };

function actorLabel(actor: AuditActor): string {
  return "id" in actor ? actor.email : actor.system;
}

/**
 * Deletes one session's raw data, its data keys first; the caller's transaction also
 * records why, and calls `shredDeletedKeys` once it has committed.
 */
export async function purgeRawData(keyring: Keyring, tx: Prisma.TransactionClient, sessionId: string): Promise<RetentionCounts> {
  const where = { sessionId };
  return {
    dataKeys: await keyring.deleteSessionKeys(tx, sessionId),
    responses: (await tx.response.deleteMany({ where })).count,
    votes: (await tx.vote.deleteMany({ where })).count,
    participants: (await tx.participant.deleteMany({ where })).count,
    processedCommands: (await tx.processedCommand.deleteMany({ where })).count,
  };
}

/**
 * Sessions left in the lobby, running or paused with no activity for more than
 * `abandonedAfterDays` count as aborted (live sessions only: a drill waits for its deadline): they are marked ABORTED with their last activity
 * as the end, so their raw data then follows the same retention clock as ended sessions.
 */
export async function abortAbandonedSessions(prisma: PrismaClient, now: Date, abandonedAfterDays: number, actor: AuditActor): Promise<string[]> {
  const idleSince = retentionDeadline(now, -abandonedAfterDays);
  const rows = await prisma.$queryRaw<Array<{ id: string; lastActivity: Date }>>`
    select s.id, greatest(s.created_at, coalesce(s.started_at, s.created_at), coalesce(max(e.created_at), s.created_at)) as "lastActivity"
    from exercise_sessions s left join session_events e on e.session_id = s.id
    where s.status in ('LOBBY', 'RUNNING', 'PAUSED') and s.mode = 'LIVE'
    group by s.id
    having greatest(s.created_at, coalesce(s.started_at, s.created_at), coalesce(max(e.created_at), s.created_at)) < ${idleSince}`;
  const aborted: string[] = [];
  for (const row of rows) {
    const done = await prisma.$transaction(async (tx) => {
      // Only if still unfinished: a facilitator may have ended it a moment ago.
      const r = await tx.exerciseSession.updateMany({ where: { id: row.id, status: { in: [...LIVE_STATUSES] } }, data: { status: "ABORTED", endedAt: row.lastActivity } });
      if (r.count === 0) return false;
      await tx.sessionEvent.create({ data: { sessionId: row.id, type: "session.aborted", payload: { reason: "abandoned", abandonedAfterDays, lastActivity: row.lastActivity.toISOString() }, actorType: "system", actorId: null } });
      await tx.sessionTeam.updateMany({ where: { sessionId: row.id }, data: { deadlineAt: null, timerRemainingMs: null } });
      await audit(tx, actor, "modify", "session", row.id, { reason: "abandoned", status: "ABORTED", abandonedAfterDays, lastActivity: row.lastActivity.toISOString() });
      return true;
    });
    if (done) aborted.push(row.id);
  }
  return aborted;
}

/** Ended sessions past the cutoff that still hold raw data. */
async function sessionsToPurge(prisma: PrismaClient, cutoff: Date) {
  const withRows = await prisma.exerciseSession.findMany({
    where: { endedAt: { lt: cutoff }, OR: [{ participants: { some: {} } }, { responses: { some: {} } }, { votes: { some: {} } }] },
    select: { id: true, endedAt: true },
  });
  // processed_commands has no foreign key to its session, so it is found with SQL.
  const withCommands = await prisma.$queryRaw<Array<{ id: string; endedAt: Date }>>`
    select distinct s.id, s.ended_at as "endedAt" from processed_commands pc
    join exercise_sessions s on s.id = pc.session_id
    where s.ended_at < ${cutoff}`;
  const byId = new Map([...withRows, ...withCommands].map((s) => [s.id, s.endedAt]));
  return [...byId.entries()].map(([id, endedAt]) => ({ id, endedAt: endedAt! })).sort((a, b) => a.endedAt.getTime() - b.endedAt.getTime());
}

/**
 * Deletes the raw data of every session that ended more than `retentionDays` before `now`.
 * Each session is purged in its own transaction together with its audit row, which also
 * marks the session as purged (see `retentionPurges`). Running it again deletes nothing.
 */
export async function runRetention(prisma: PrismaClient, now: Date, actor: AuditActor): Promise<RetentionResult> {
  const { retentionDays, abandonedAfterDays } = await getSettings(prisma);
  const aborted = await abortAbandonedSessions(prisma, now, abandonedAfterDays, actor);
  // A session is due once its deadline (end + retentionDays) has passed, i.e. it ended before now - retentionDays.
  const cutoff = retentionDeadline(now, -retentionDays);
  const totals: RetentionCounts = { responses: 0, votes: 0, participants: 0, processedCommands: 0, dataKeys: 0 };
  const keyring = keyringOf(prisma);
  const purged: string[] = [];
  for (const session of await sessionsToPurge(prisma, cutoff)) {
    const counts = await prisma.$transaction(async (tx) => {
      const c = await purgeRawData(keyring, tx, session.id);
      await audit(tx, actor, "delete", "responses", session.id, { reason: "retention", retentionDays, endedAt: session.endedAt.toISOString(), ...c });
      return c;
    });
    for (const k of Object.keys(totals) as Array<keyof RetentionCounts>) totals[k] += counts[k];
    purged.push(session.id);
  }
  const drills = { drills: 0, drillInvitations: 0, drillRuns: 0, drillReasonings: 0 };
  for (const drill of await drillsToPurge(prisma, cutoff)) {
    const counts = await prisma.$transaction(async (tx) => {
      const c = await purgeDrillData(keyring, tx, drill.id);
      await audit(tx, actor, "delete", "responses", drill.id, { reason: "retention", kind: "drill", retentionDays, endedAt: drill.endedAt.toISOString(), ...c });
      return c;
    });
    drills.drills++;
    drills.drillInvitations += counts.drillInvitations;
    drills.drillRuns += counts.drillRuns;
    drills.drillReasonings += counts.drillReasonings;
    totals.dataKeys += counts.dataKeys;
    purged.push(drill.id);
  }
  if (purged.length) await shredDeletedKeys(prisma, RETENTION_TABLES);
  const summary: RetentionSummary = { at: now.toISOString(), actor: actorLabel(actor), retentionDays, abandonedAfterDays, cutoff: cutoff.toISOString(), sessions: purged.length, abandoned: aborted.length, ...totals, ...drills };
  const value = summary as unknown as Prisma.InputJsonValue;
  await prisma.setting.upsert({ where: { key: LAST_RUN_KEY }, create: { key: LAST_RUN_KEY, value }, update: { value } });
  return { ...summary, sessionIds: purged, abortedSessionIds: aborted };
}

/** The last run's summary, for the admin page. */
export async function lastRetentionRun(prisma: Pick<PrismaClient, "setting">): Promise<RetentionSummary | null> {
  const row = await prisma.setting.findUnique({ where: { key: LAST_RUN_KEY } });
  return (row?.value as RetentionSummary | undefined) ?? null;
}

/** When retention deleted each session's raw data; sessions not purged are absent. */
export async function retentionPurges(prisma: Pick<PrismaClient, "auditLog">, sessionIds: readonly string[]): Promise<Map<string, Date>> {
  const rows = await prisma.auditLog.findMany({
    where: { action: "delete", resourceType: "responses", resourceId: { in: [...sessionIds] }, detail: { path: ["reason"], equals: "retention" } },
    select: { resourceId: true, at: true },
    orderBy: { at: "asc" },
  });
  return new Map(rows.map((r) => [r.resourceId!, r.at]));
}

/**
 * Runs retention inside the server process: first after `firstRunAfterMs`, then every
 * `intervalMs`. Runs never overlap; a failed run is logged and retried at the next tick.
 * Returns a function that stops the schedule.
 */
export function scheduleRetention(prisma: PrismaClient, intervalMs: number, firstRunAfterMs = 10_000): () => void {
  return runPeriodically({
    name: "retention run",
    intervalMs,
    firstRunAfterMs,
    run: async () => {
      const r = await runRetention(prisma, new Date(), SCHEDULE_ACTOR);
      if (r.sessions > 0) console.log(`retention: deleted raw data of ${r.sessions} session(s) that ended before ${r.cutoff}`);
    },
  });
}

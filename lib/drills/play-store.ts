// The drill play path's SQL, on the `pg` pool under the app's Prisma client
// (lib/db/connect.ts): a participant's action is one read of the run with its drill and one
// conditional write, each a single statement. Nothing holds a connection while JavaScript
// runs between statements, which on the embedded database (one connection at a time) is
// what let answers queue behind each other (docs/performance.md, "Drills").
//
// The write is optimistic: it applies only while the run still has the revision and sitting
// it was read with, and says whether it did; play.ts then reads again and decides anew.
// Timestamps are written and read as UTC, as Prisma stores them.
import type pg from "pg";
import type { EngineState } from "@/lib/scenario";
import { newId } from "@/lib/db/ids";

export type DrillRow = { sessionId: string; opensAt: Date; closesAt: Date; closedAt: Date | null; timerScale: number | null; title: string; anonymous: boolean; scenarioId: string };
export type RunRow = { id: string; sessionId: string; invitationId: string | null; state: unknown; revision: number; nodeEnteredAt: Date; deadlineAt: Date | null; finishedAt: Date | null };
export type RunWithDrill = { run: RunRow; drill: DrillRow };

const utc = (column: string) => `(${column} at time zone 'UTC') as ${column.split(".")[1]}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type ContextSqlRow = {
  id: string;
  session_id: string;
  invitation_id: string | null;
  state: unknown;
  revision: number;
  node_entered_at: Date;
  deadline_at: Date | null;
  finished_at: Date | null;
  opens_at: Date;
  closes_at: Date;
  closed_at: Date | null;
  timer_scale: number | null;
  title: string;
  anonymous: boolean;
  scenario_id: string;
};

type DrillSqlRow = Pick<ContextSqlRow, "session_id" | "opens_at" | "closes_at" | "closed_at" | "timer_scale" | "title" | "anonymous" | "scenario_id">;

const DRILL_COLUMNS = `${["d.opens_at", "d.closes_at", "d.closed_at"].map(utc).join(", ")}, d.timer_scale, s.title, s.anonymous, s.scenario_id`;

const CONTEXT_SQL = `
  select r.id, r.session_id, r.invitation_id, r.state, r.revision,
         ${["r.node_entered_at", "r.deadline_at", "r.finished_at"].map(utc).join(", ")}, ${DRILL_COLUMNS}
  from drill_runs r
  join drills d on d.session_id = r.session_id
  join exercise_sessions s on s.id = r.session_id`;

const drillFromSql = (row: DrillSqlRow): DrillRow => ({
  sessionId: row.session_id,
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  closedAt: row.closed_at,
  timerScale: row.timer_scale,
  title: row.title,
  anonymous: row.anonymous,
  scenarioId: row.scenario_id,
});

function contextFromSql(row: ContextSqlRow): RunWithDrill {
  return {
    run: { id: row.id, sessionId: row.session_id, invitationId: row.invitation_id, state: row.state, revision: row.revision, nodeEnteredAt: row.node_entered_at, deadlineAt: row.deadline_at, finishedAt: row.finished_at },
    drill: drillFromSql(row),
  };
}

/** The run whose token hashes to `tokenHash`, with its drill; null when no run has it. */
export async function runByTokenHash(pool: pg.Pool, tokenHash: string): Promise<RunWithDrill | null> {
  const { rows } = await pool.query<ContextSqlRow>(`${CONTEXT_SQL} where r.token_hash = $1`, [tokenHash]);
  return rows[0] ? contextFromSql(rows[0]) : null;
}

export async function runById(pool: pg.Pool, runId: string): Promise<RunWithDrill | null> {
  const { rows } = await pool.query<ContextSqlRow>(`${CONTEXT_SQL} where r.id = $1`, [runId]);
  return rows[0] ? contextFromSql(rows[0]) : null;
}

export type InvitationRow = { id: string; sessionId: string; email: string; teamId: string | null; openedAt: Date | null };
/** An invitation with its drill and, in a named drill, the run started from it (maybe signed in). */
export type InvitationWithDrill = { invitation: InvitationRow; drill: DrillRow; runId: string | null };

export async function invitationByTokenHash(pool: pg.Pool, tokenHash: string): Promise<InvitationWithDrill | null> {
  const { rows } = await pool.query<DrillSqlRow & { id: string; email: string; team_id: string | null; opened_at: Date | null; run_id: string | null }>(
    `select i.id, i.session_id, i.email, i.team_id, ${utc("i.opened_at")}, ${DRILL_COLUMNS},
            (select r.id from drill_runs r where r.invitation_id = i.id) as run_id
     from drill_invitations i
     join drills d on d.session_id = i.session_id
     join exercise_sessions s on s.id = i.session_id
     where i.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return { invitation: { id: row.id, sessionId: row.session_id, email: row.email, teamId: row.team_id, openedAt: row.opened_at }, drill: drillFromSql(row), runId: row.run_id };
}

/** The first open of an invitation's link. */
export async function markInvitationOpened(pool: pg.Pool, invitationId: string, at: Date): Promise<void> {
  await pool.query("update drill_invitations set opened_at = $2::timestamp where id = $1 and opened_at is null", [invitationId, iso(at)]);
}

export type NewRun = {
  sessionId: string;
  tokenHash: string;
  invitationId: string | null;
  userId: string | null;
  teamId: string | null;
  state: EngineState;
  now: Date;
  deadlineAt: Date | null;
  /** The invitation that records the start (startedAt, and openedAt if not yet), at this time. */
  invitation: { id: string; at: Date };
};

/**
 * Creates a run and records the start on its invitation, in one statement. False when a run
 * with the same token or invitation already exists (two tabs started at once): nothing is written.
 */
export async function createRun(pool: pg.Pool, r: NewRun): Promise<boolean> {
  const { rows } = await pool.query<{ id: string }>(
    `with run as (
       insert into drill_runs (id, session_id, token_hash, invitation_id, user_id, team_id, state, revision, node_entered_at, deadline_at, started_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, 0, $8::timestamp, $9::timestamp, $8::timestamp)
       on conflict do nothing
       returning id
     ), started as (
       update drill_invitations set started_at = $11::timestamp, opened_at = coalesce(opened_at, $11::timestamp)
       where id = $10 and exists (select 1 from run)
       returning id
     )
     select id from run`,
    [newId(), r.sessionId, r.tokenHash, r.invitationId, r.userId, r.teamId, JSON.stringify(r.state), iso(r.now), iso(r.deadlineAt), r.invitation.id, iso(r.invitation.at)],
  );
  return rows.length > 0;
}

/** Which invitation a finished run marks finished: by the token's invitation hash, the run's invitation, or the signed-in invitee's address. */
export type InvitationMatch = { tokenHash: string | null; id: string | null; sessionId: string | null; email: string | null };

export type DecisionRecord = {
  nodeId: string;
  visit: number;
  optionId: string;
  confidence: number | null;
  reasoning: string | null;
  points: object;
  bestPoints: object;
  idempotencyKey: string;
};

export type RunStep = {
  run: RunRow;
  state: EngineState;
  now: Date;
  deadlineAt: Date | null;
  /** Set when the run reached an end: the invitation's finishedAt (to the day in anonymous drills). */
  finishedAt: Date | null;
  invitation: InvitationMatch;
  decision: DecisionRecord | null;
};

/**
 * Stores an engine step, the decision it records (if any) and, at the end, the invitation's
 * progress, in one statement, provided the run still has the revision and sitting it was
 * read with. Returns the run as written, or null when it had moved on meanwhile.
 */
export async function writeRunStep(pool: pg.Pool, s: RunStep): Promise<RunRow | null> {
  const d = s.decision;
  const { rows } = await pool.query<{ id: string }>(
    `with moved as (
       update drill_runs
       set state = $3::jsonb, revision = revision + 1, node_entered_at = $4::timestamp, deadline_at = $5::timestamp, finished_at = $6::timestamp
       where id = $1 and revision = $2 and node_entered_at = $7::timestamp
       returning id, session_id
     ), answer as (
       insert into drill_answers (id, run_id, session_id, node_id, visit, option_id, confidence, reasoning, points, best_points, entered_at, answered_at, idempotency_key)
       select $8::text, moved.id, moved.session_id, $9::text, $10::int, $11::text, $12::int, $13::text, $14::jsonb, $15::jsonb, $7::timestamp, $4::timestamp, $16::text
       from moved where $8::text is not null
       returning id
     ), finished as (
       update drill_invitations
       set finished_at = $17::timestamp
       where $17::timestamp is not null and finished_at is null and exists (select 1 from moved)
         and (token_hash = $18 or id = $19 or (session_id = $20 and email = $21))
       returning id
     )
     select id from moved`,
    [
      s.run.id,
      s.run.revision,
      JSON.stringify(s.state),
      iso(s.now),
      iso(s.deadlineAt),
      s.state.status === "ended" ? iso(s.now) : null,
      iso(s.run.nodeEnteredAt),
      d ? newId() : null,
      d?.nodeId ?? null,
      d?.visit ?? null,
      d?.optionId ?? null,
      d?.confidence ?? null,
      d?.reasoning ?? null,
      d ? JSON.stringify(d.points) : null,
      d ? JSON.stringify(d.bestPoints) : null,
      d?.idempotencyKey ?? null,
      iso(s.finishedAt),
      s.invitation.tokenHash,
      s.invitation.id,
      s.invitation.sessionId,
      s.invitation.email,
    ],
  );
  if (!rows.length) return null;
  return { ...s.run, state: s.state, revision: s.run.revision + 1, nodeEnteredAt: s.now, deadlineAt: s.deadlineAt, finishedAt: s.state.status === "ended" ? s.now : null };
}

/** A new sitting re-arms the current decision's timer from `now`, unless the run moved on meanwhile (then null). */
export async function rearmRun(pool: pg.Pool, run: RunRow, deadlineAt: Date | null, now: Date): Promise<RunRow | null> {
  const { rowCount } = await pool.query("update drill_runs set deadline_at = $3::timestamp, node_entered_at = $4::timestamp where id = $1 and revision = $2", [run.id, run.revision, iso(deadlineAt), iso(now)]);
  return rowCount ? { ...run, deadlineAt, nodeEnteredAt: now } : null;
}

/** The run's recorded decisions, for the personal result. */
export async function runAnswers(pool: pg.Pool, runId: string): Promise<Array<{ nodeId: string; visit: number; confidence: number | null; reasoning: string | null }>> {
  const { rows } = await pool.query<{ node_id: string; visit: number; confidence: number | null; reasoning: string | null }>(
    "select node_id, visit, confidence, reasoning from drill_answers where run_id = $1",
    [runId],
  );
  return rows.map((r) => ({ nodeId: r.node_id, visit: r.visit, confidence: r.confidence, reasoning: r.reasoning }));
}

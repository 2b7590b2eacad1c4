// The live path's SQL: each statement with the row type it reads and the mapper to the
// shape the service uses, plus the two writes every command makes (its idempotency record
// and its append-only event). Hot paths (joins, votes, facilitator commands, views) use
// plain SQL: the Prisma 6 client compiles every model query on the main thread (1–3 ms
// each, see docs/performance.md), which a live session with thousands of people cannot afford.
import crypto from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario, type TScenario } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { OVER_STATUSES } from "@/lib/session/lifecycle";
import { SCOPE_COLUMNS, scopeFromRow, type LoadedSessionScope, type ScopeRow } from "@/lib/auth/session-scope";

export type Tx = Prisma.TransactionClient;
export type Db = Tx | PrismaClient;
export type Actor = { type: string; id?: string | null };

// ---------------------------------------------------------------- sessions

export type SessionRow = Prisma.ExerciseSessionGetPayload<object>;

type SessionSqlRow = {
  id: string;
  title: string;
  scenario_id: string;
  facilitator_id: string | null;
  join_code: string;
  status: string;
  anonymous: boolean;
  self_assign: boolean;
  locale: string;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  join_expires_at: Date | null;
  mode: string;
};

function sessionFromSql(row: SessionSqlRow): SessionRow {
  return {
    id: row.id,
    title: row.title,
    scenarioId: row.scenario_id,
    facilitatorId: row.facilitator_id,
    joinCode: row.join_code,
    status: row.status as SessionRow["status"],
    anonymous: row.anonymous,
    selfAssign: row.self_assign,
    locale: row.locale,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    joinExpiresAt: row.join_expires_at,
    mode: row.mode as SessionRow["mode"],
  };
}

const SESSION_COLUMNS = Prisma.sql`s.id, s.title, s.scenario_id, s.facilitator_id, s.join_code, s.status::text as status, s.anonymous, s.self_assign, s.locale,
  s.created_at, s.started_at, s.ended_at, s.join_expires_at, s.mode::text as mode`;

/** A session's row; SESSION_NOT_FOUND when there is none. Who may reach it is lib/auth/session-scope.ts's. */
export async function readSession(prisma: PrismaClient, sessionId: string): Promise<SessionRow> {
  const [row] = await prisma.$queryRaw<SessionSqlRow[]>`select ${SESSION_COLUMNS} from exercise_sessions s where s.id = ${sessionId}`;
  if (!row) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  return sessionFromSql(row);
}

/**
 * A session's row and its access scope in one statement: a facilitator's live command reads
 * both, and one round trip less is what the room's screens wait for after each click.
 * SESSION_NOT_FOUND when there is none; the caller decides access (assertSessionAccess).
 */
export async function readScopedSession(prisma: PrismaClient, sessionId: string): Promise<{ session: SessionRow; scope: LoadedSessionScope }> {
  const [row] = await prisma.$queryRaw<Array<SessionSqlRow & ScopeRow>>`select ${SESSION_COLUMNS}, ${SCOPE_COLUMNS} from exercise_sessions s where s.id = ${sessionId}`;
  if (!row) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  return { session: sessionFromSql(row), scope: scopeFromRow(sessionId, row) };
}

/** SQL list of the statuses of a session that is over, for `status not in (...)`. */
export const OVER_SQL = Prisma.raw(OVER_STATUSES.map((s) => `'${s}'`).join(", "));

// ---------------------------------------------------------------- teams

export type TeamRow = {
  id: string;
  session?: { status: string };
  sessionId: string;
  name: string;
  position: number;
  state: unknown;
  nodeEnteredAt: Date | null;
  deadlineAt: Date | null;
  timerRemainingMs: number | null;
  revision: number;
  /** The revealed vote distribution (lib/session/reveal.ts), as stored; null when hidden. */
  reveal?: unknown;
};

export type TeamSqlRow = {
  id: string;
  session_id: string;
  name: string;
  position: number;
  state: unknown;
  node_entered_at: Date | null;
  deadline_at: Date | null;
  timer_remaining_ms: number | null;
  revision: number;
  reveal: unknown;
};

/** The columns TeamSqlRow holds, from `session_teams` aliased `t`. */
export const TEAM_COLUMNS = Prisma.raw("t.id, t.session_id, t.name, t.position, t.state, t.node_entered_at, t.deadline_at, t.timer_remaining_ms, t.revision, t.reveal");

export function teamFromSql(row: TeamSqlRow): TeamRow {
  return {
    id: row.id,
    sessionId: row.session_id,
    name: row.name,
    position: Number(row.position),
    state: typeof row.state === "string" ? JSON.parse(row.state) : row.state,
    nodeEnteredAt: row.node_entered_at,
    deadlineAt: row.deadline_at,
    timerRemainingMs: row.timer_remaining_ms === null ? null : Number(row.timer_remaining_ms),
    revision: Number(row.revision),
    reveal: typeof row.reveal === "string" ? JSON.parse(row.reveal) : row.reveal,
  };
}

/** Locks a team's row for the rest of the transaction and reads it, with its session's status, in one statement. */
export async function lockTeam(tx: Tx, teamId: string): Promise<TeamRow & { session: { status: string } }> {
  const [row] = await tx.$queryRaw<Array<TeamSqlRow & { status: string }>>`
    select ${TEAM_COLUMNS}, s.status::text as status
    from session_teams t join exercise_sessions s on s.id = t.session_id
    where t.id = ${teamId}
    for update of t`;
  if (!row) throw new DomainError("TEAM_NOT_FOUND", `team ${teamId} does not exist`);
  return { ...teamFromSql(row), session: { status: row.status } };
}

/** A session's teams in their order. */
export async function sessionTeams(db: Db, sessionId: string): Promise<TeamRow[]> {
  return (await db.$queryRaw<TeamSqlRow[]>`
    select ${TEAM_COLUMNS} from session_teams t where t.session_id = ${sessionId} order by t.position, t.id`).map(teamFromSql);
}

/** The method of a team's last locked decision. */
export async function lastMethod(db: Db, teamId: string): Promise<string | null> {
  const [d] = await db.$queryRaw<Array<{ method: string }>>`select method from decisions where session_team_id = ${teamId} order by decided_at desc limit 1`;
  return d?.method ?? null;
}

/** Each team's most recent locked decision with its recorded tally, in one statement for the whole session. */
export async function lastDecisions(db: Db, sessionId: string): Promise<Map<string, { nodeId: string; visit: number; optionId: string; tally: unknown }>> {
  const rows = await db.$queryRaw<Array<{ team_id: string; node_id: string; visit: number; option_id: string; tally: unknown }>>`
    select distinct on (session_team_id) session_team_id as team_id, node_id, visit, option_id, tally
    from decisions where session_id = ${sessionId} order by session_team_id, decided_at desc`;
  return new Map(rows.map((r) => [r.team_id, { nodeId: r.node_id, visit: Number(r.visit), optionId: r.option_id, tally: r.tally }]));
}

/** The votes of a team at one visit of a decision, with each voter's role. */
export async function decisionVotes(db: Db, teamId: string, nodeId: string, visit: number) {
  const rows = await db.$queryRaw<Array<{ participant_id: string; option_id: string; role_id: string | null; display_name: string }>>`
    select v.participant_id, v.option_id, p.role_id, p.display_name
    from votes v join participants p on p.id = v.participant_id
    where v.session_team_id = ${teamId} and v.node_id = ${nodeId} and v.visit = ${visit}`;
  return rows.map((v) => ({ participantId: v.participant_id, optionId: v.option_id, roleId: v.role_id, displayName: v.display_name }));
}

/** The roles held by a team's members (decision rights: lib/session/decision-rights.ts). */
export async function teamRoleIds(db: Db, teamId: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<Array<{ role_id: string }>>`
    select distinct role_id from participants where session_team_id = ${teamId} and role_id is not null`;
  return new Set(rows.map((r) => r.role_id));
}

/** Sessions that have a decision timer running. */
export async function sessionsWithTimers(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.sessionTeam.findMany({
    where: { deadlineAt: { not: null }, session: { status: "RUNNING" } },
    select: { sessionId: true },
    distinct: ["sessionId"],
  });
  return rows.map((r) => r.sessionId);
}

/** Teams whose decision timer runs in a running session, in one session or all. */
export async function teamsWithTimers(prisma: PrismaClient, sessionId?: string): Promise<Array<{ id: string; sessionId: string; state: unknown; deadlineAt: Date | null }>> {
  return prisma.sessionTeam.findMany({
    where: { ...(sessionId ? { sessionId } : {}), deadlineAt: { not: null }, session: { status: "RUNNING" } },
    select: { id: true, sessionId: true, state: true, deadlineAt: true },
  });
}

// ---------------------------------------------------------------- participants

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type ParticipantSqlRow = { id: string; session_id: string; team_id: string | null; role_id: string | null; display_name: string };

export async function readParticipant(prisma: PrismaClient, participantId: string): Promise<ParticipantSqlRow | undefined> {
  const [p] = await prisma.$queryRaw<ParticipantSqlRow[]>`
    select id, session_id, session_team_id as team_id, role_id, display_name from participants where id = ${participantId}`;
  return p;
}

export async function participantIdByToken(prisma: PrismaClient, token: string): Promise<string | null> {
  const [p] = await prisma.$queryRaw<Array<{ id: string }>>`select id from participants where token_hash = ${hashToken(token)}`;
  return p?.id ?? null;
}

// ---------------------------------------------------------------- scenarios

/** Scenarios parsed once per process. */
export class ScenarioCache {
  private scenarios = new Map<string, TScenario>();

  constructor(private readonly prisma: PrismaClient) {}

  /** Inside a transaction, pass its `tx`: a query on the outer client would wait for it. */
  async get(scenarioId: string, db: Db = this.prisma): Promise<TScenario> {
    return this.cached(scenarioId, async () => (await db.scenario.findUnique({ where: { id: scenarioId }, select: { document: true } }))?.document);
  }

  /** `read` fetches the stored document when it is not cached yet. */
  async cached(scenarioId: string, read: () => Promise<unknown>): Promise<TScenario> {
    const cached = this.scenarios.get(scenarioId);
    if (cached) return cached;
    const document = await read();
    if (document === undefined || document === null) throw new DomainError("SCENARIO_NOT_FOUND", `scenario ${scenarioId} does not exist`);
    const scenario = ZScenario.parse(document);
    this.scenarios.set(scenarioId, scenario);
    return scenario;
  }
}

// ---------------------------------------------------------------- replay records and events

/** The stored result of a command already carried out under `key`, if any. */
export async function processed<T>(prisma: PrismaClient, key: string): Promise<{ result: T } | null> {
  const [row] = await prisma.$queryRaw<Array<{ result: T }>>`select result from processed_commands where key = ${key}`;
  return row ?? null;
}

/**
 * Runs `work` in a transaction that also records its result under `key`; a retry with the
 * same key returns the stored result with `replayed: true` and runs nothing.
 */
export async function idempotent<T>(prisma: PrismaClient, key: string, sessionId: string, work: (tx: Tx) => Promise<T>): Promise<{ result: T; replayed: boolean }> {
  const done = await processed<T>(prisma, key);
  if (done) return { result: done.result, replayed: true };
  try {
    const result = await prisma.$transaction(async (tx) => {
      const value = await work(tx);
      await tx.$executeRaw`insert into processed_commands (key, session_id, result, created_at) values (${key}, ${sessionId}, ${JSON.stringify(value ?? null)}::jsonb, now())`;
      return value;
    });
    return { result, replayed: false };
  } catch (e) {
    // A concurrent retry with the same key committed first: return its result.
    const again = await processed<T>(prisma, key);
    if (again) return { result: again.result, replayed: true };
    throw e;
  }
}

/** Appends one event to the session's log. */
export async function event(tx: Tx, sessionId: string, type: string, payload: object, actor: Actor, sessionTeamId?: string | null): Promise<void> {
  await tx.$executeRaw`
    insert into session_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at)
    values (${sessionId}, ${sessionTeamId ?? null}, ${type}, ${JSON.stringify(payload)}::jsonb, ${actor.type}, ${actor.id ?? null}, now())`;
}

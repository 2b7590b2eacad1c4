// The session service: every change to a live exercise goes through here. Transitions
// run through the scenario engine on the server; each write commits to the database
// (with an append-only event) before it is acknowledged; retried commands with the same
// idempotency key return the stored result instead of acting twice.
import crypto from "node:crypto";
import { z } from "zod";
import { ZPersonName } from "@/lib/security/text";
import { logError } from "@/lib/log/logger";
import { maxSessionParticipants, ParticipantCap } from "@/lib/session/participant-cap";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import {
  applyEvent,
  bestPoints,
  currentNode,
  describeOptions,
  startScenario,
  TEAM_VOTE,
  TIMEOUT_CHOICE,
  ZScenario,
  type EngineEvent,
  type EngineState,
  type TDecisionNode,
  type TScenario,
} from "@/lib/scenario";
import { canAccessSession, type Action } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit/log";
import type { SessionUser } from "@/lib/auth/types";
import { formatJoinCode, generateJoinCode, normalizeJoinCode } from "@/lib/session/join-code";
import { generatePseudonym } from "@/lib/session/pseudonyms";
import { KeyedMutex } from "@/lib/session/mutex";
import { VoteBatcher } from "@/lib/session/vote-batcher";
import { newId } from "@/lib/db/ids";
import { poolOf } from "@/lib/db/connect";
import { tallyVotes, type Tally } from "@/lib/session/tally";
import { resolveSessionTeams, TeamError, ZSessionTeamChoice } from "@/lib/teams/service";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { nameIndex } from "@/lib/privacy/crypto/cipher";
import { readAnswers, readDisplayName, readDisplayNames, sealAnswer, sealDisplayName, withAnswers } from "@/lib/privacy/crypto/personal-fields";
import { lastDecisionView, nodeView, type ConsoleView, type ParticipantView, type TeamView } from "@/lib/session/views";

export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** JSON pointer of the offending field, for input errors. */
    readonly path?: string,
  ) {
    super(message);
    this.name = "SessionError";
  }

  /**
   * The custom server and Next's route bundles each compile this module, so the class
   * behind a thrown error may differ from the one in scope: recognise it by shape.
   */
  static is(e: unknown): e is SessionError {
    return e instanceof Error && e.name === "SessionError" && typeof (e as SessionError).code === "string";
  }
}

type Tx = Prisma.TransactionClient;

/** A join code stops working 30 days after the session was created, or when it ends. */
export const JOIN_CODE_TTL_MS = 30 * 86_400_000;

export const LIMITS = { displayName: 40, teamName: 60, teams: 50, answerText: 4000, noteText: 4000, title: 120, reason: 500 } as const;

// ---------------------------------------------------------------- input schemas

const ZId = z.string().min(1).max(64);
export const ZCreateSession = z.strictObject({
  scenarioId: ZId,
  title: z.string().trim().min(1).max(LIMITS.title).optional(),
  /** Organisation teams: `{ teamId }` of a listed team, or a name (a new team is added when none has it). */
  teams: z
    .array(ZSessionTeamChoice)
    .min(1, "at least one team is needed")
    .max(LIMITS.teams)
    .superRefine((choices, ctx) => {
      const seen = new Set<string>();
      choices.forEach((c, i) => {
        const k = typeof c === "string" ? `name:${c.toLowerCase()}` : `id:${c.teamId}`;
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: "team names must be different" });
        seen.add(k);
      });
    }),
  anonymous: z.boolean().default(false),
  selfAssign: z.boolean().default(true),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).optional(),
});
export type CreateSessionInput = z.input<typeof ZCreateSession>;

export const ZJoin = z.strictObject({
  code: z.string().min(1).max(32),
  /** Makes a retried join safe: the same key returns the same participant (with a fresh token). */
  key: z.string().min(8).max(100).optional(),
  displayName: ZPersonName(LIMITS.displayName).optional(),
  teamId: ZId.optional(),
  roleId: ZId.optional(),
});
export const ZVote = z.strictObject({ nodeId: ZId, visit: z.number().int().min(1).max(10_000), optionId: ZId });
export const ZAnswer = z
  .strictObject({
    nodeId: ZId,
    visit: z.number().int().min(1).max(10_000),
    questionId: ZId,
    text: z.string().max(LIMITS.answerText).optional(),
    value: z.number().int().min(1).max(5).optional(),
  })
  .refine((a) => (a.text === undefined) !== (a.value === undefined), "send either text or value");
export const ZChooseTeam = z.strictObject({ teamId: ZId, roleId: ZId.nullable().optional() });

export const ZCommand = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  z.strictObject({ type: z.literal("end") }),
  z.strictObject({ type: z.literal("advance"), teamId: ZId }),
  z.strictObject({ type: z.literal("lock"), teamId: ZId, optionId: ZId.optional(), reason: z.string().trim().max(LIMITS.reason).optional() }),
  z.strictObject({ type: z.literal("note"), teamId: ZId.optional(), text: z.string().trim().min(1).max(LIMITS.noteText) }),
  z.strictObject({ type: z.literal("assign"), participantId: ZId, teamId: ZId.nullable(), roleId: ZId.nullable().optional() }),
]);
export type Command = z.infer<typeof ZCommand>;

// ---------------------------------------------------------------- collaborators

/** Told after each commit what changed, so the realtime layer can push new views. */
export interface SessionPublisher {
  /** `view` is the team's view as the committed transaction left it; without it, the publisher reads it. */
  teamChanged(sessionId: string, teamId: string, view?: TeamView): void;
  sessionChanged(sessionId: string): void;
  consoleChanged(sessionId: string): void;
  participantChanged(sessionId: string, participantId: string): void;
  /** A participant's data was erased: tell their open page and close its connection. */
  participantErased?(sessionId: string, participantId: string): void;
}

/** Runs `fire` at `at`; the service re-checks everything when it fires. */
export interface TimerHost {
  schedule(teamId: string, at: Date, fire: () => void): void;
  cancel(teamId: string): void;
}

/** Whether this process arms a session's timers (always, unless several nodes share it). */
export type TimerOwnership = (sessionId: string) => boolean;

export class InProcessTimers implements TimerHost {
  private timers = new Map<string, NodeJS.Timeout>();
  schedule(teamId: string, at: Date, fire: () => void) {
    this.cancel(teamId);
    const delay = Math.max(0, at.getTime() - Date.now());
    // setTimeout caps at ~24.8 days; decision timers are minutes long.
    this.timers.set(teamId, setTimeout(() => {
      this.timers.delete(teamId);
      fire();
    }, Math.min(delay, 2_000_000_000)));
  }
  cancel(teamId: string) {
    const t = this.timers.get(teamId);
    if (t) clearTimeout(t);
    this.timers.delete(teamId);
  }
  cancelAll() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

const NOOP_PUBLISHER: SessionPublisher = { teamChanged() {}, sessionChanged() {}, consoleChanged() {}, participantChanged() {} };

export type ParticipantIdentity = { id: string; sessionId: string; sessionTeamId: string | null; roleId: string | null; displayName: string };

type TeamRow = {
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
};

type SessionRow = Prisma.ExerciseSessionGetPayload<{ include: { grants: { select: { userId: true } } } }>;

/**
 * Hot paths (joins, votes, facilitator commands, views) read and write with plain SQL:
 * the Prisma 6 client compiles every model query on the main thread (1–3 ms each, see
 * docs/performance.md), which a live session with thousands of people cannot afford.
 */
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
  grant_user_ids: string[];
};

/** How long joins share one read of the session behind a join code. */
const JOIN_LOOKUP_TTL_MS = 1_000;

type JoinLookup = {
  id: string;
  status: string;
  anonymous: boolean;
  selfAssign: boolean;
  joinExpiresAt: Date | null;
  scenarioId: string;
  teams: Array<{ id: string }>;
};

type TeamSqlRow = {
  id: string;
  session_id: string;
  name: string;
  position: number;
  state: unknown;
  node_entered_at: Date | null;
  deadline_at: Date | null;
  timer_remaining_ms: number | null;
  revision: number;
};

/** The columns TeamSqlRow holds, from `session_teams` aliased `t`. */
const TEAM_COLUMNS = Prisma.raw("t.id, t.session_id, t.name, t.position, t.state, t.node_entered_at, t.deadline_at, t.timer_remaining_ms, t.revision");

function teamFromSql(row: TeamSqlRow): TeamRow {
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
  };
}

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

function asState(value: unknown): EngineState | null {
  return value && typeof value === "object" ? (value as EngineState) : null;
}

function visitOf(state: EngineState): number {
  return state.visits[state.nodeId] ?? 1;
}

// ---------------------------------------------------------------- the service

export class SessionService {
  private scenarios = new Map<string, TScenario>();
  private mutex = new KeyedMutex();
  private readonly participantCap: ParticipantCap;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly publish: SessionPublisher = NOOP_PUBLISHER,
    private readonly timers: TimerHost = new InProcessTimers(),
    private readonly publicUrl: () => string = () => process.env.READYROOM_PUBLIC_URL ?? "http://localhost:3000",
  ) {
    this.participantCap = new ParticipantCap(prisma);
    this.votes = new VoteBatcher(
      () => poolOf(prisma),
      (id, client) => this.cachedScenario(id, async () => (await client.query<{ document: unknown }>("select document from scenarios where id = $1", [id])).rows[0]?.document),
      (code, message) => new SessionError(code, message),
      (sessionIds) => {
        for (const id of sessionIds) this.publish.consoleChanged(id);
      },
    );
  }

  private ownsTimers: TimerOwnership = () => true;
  private readonly votes: VoteBatcher;
  /** What is armed here, per team, so re-arming the same deadline is a no-op. */
  private armed = new Map<string, { sessionId: string; signature: string }>();

  /** With several nodes, only the session's owner arms its timers (see lib/realtime/cluster.ts). */
  setTimerOwnership(owns: TimerOwnership): void {
    this.ownsTimers = owns;
  }

  // ---------------------------------------------------------------- helpers

  /** Inside a transaction, pass its `tx`: a query on the outer client would wait for it. */
  async scenarioFor(scenarioId: string, db: Tx | PrismaClient = this.prisma): Promise<TScenario> {
    return this.cachedScenario(scenarioId, async () => (await db.scenario.findUnique({ where: { id: scenarioId } }))?.document);
  }

  /** A scenario parsed once per process; `read` fetches its stored document when it is not cached yet. */
  private async cachedScenario(scenarioId: string, read: () => Promise<unknown>): Promise<TScenario> {
    const cached = this.scenarios.get(scenarioId);
    if (cached) return cached;
    const document = await read();
    if (document === undefined || document === null) throw new SessionError("SCENARIO_NOT_FOUND", `scenario ${scenarioId} does not exist`);
    const scenario = ZScenario.parse(document);
    this.scenarios.set(scenarioId, scenario);
    return scenario;
  }

  private async sessionRow(sessionId: string): Promise<SessionRow> {
    const [row] = await this.prisma.$queryRaw<SessionSqlRow[]>`
      select s.id, s.title, s.scenario_id, s.facilitator_id, s.join_code, s.status::text as status, s.anonymous, s.self_assign, s.locale,
             s.created_at, s.started_at, s.ended_at, s.join_expires_at,
             coalesce((select array_agg(g.user_id) from session_grants g where g.session_id = s.id), '{}') as grant_user_ids
      from exercise_sessions s where s.id = ${sessionId}`;
    if (!row) throw new SessionError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
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
      grants: row.grant_user_ids.map((userId) => ({ userId })),
    };
  }

  /** Facilitator access to one session, decided by the permission matrix and its scope rules. */
  async assertFacilitator(user: SessionUser, sessionId: string, action: Action = "modify", resource: "sessions" | "responses" = "sessions") {
    const s = await this.sessionRow(sessionId);
    const scope = { facilitatorId: s.facilitatorId, grantedUserIds: s.grants.map((g) => g.userId), anonymous: s.anonymous };
    if (!canAccessSession(user, resource, action, scope)) {
      throw new SessionError("FORBIDDEN", `you may not ${action} this session; ask its facilitator to grant you access`);
    }
    return s;
  }

  /** Records in the audit trail that a user opened a session's live data. */
  async auditView(user: SessionUser, sessionId: string): Promise<void> {
    await audit(this.prisma, user, "view", "session", sessionId, { via: "console" });
  }

  /** The stored result of a command already carried out under `key`, if any. */
  private async processed<T>(key: string): Promise<{ result: T } | null> {
    const [row] = await this.prisma.$queryRaw<Array<{ result: T }>>`select result from processed_commands where key = ${key}`;
    return row ?? null;
  }

  private async idempotent<T>(key: string, sessionId: string, work: (tx: Tx) => Promise<T>): Promise<{ result: T; replayed: boolean }> {
    const done = await this.processed<T>(key);
    if (done) return { result: done.result, replayed: true };
    try {
      const result = await this.prisma.$transaction(async (tx) => {
        const value = await work(tx);
        await tx.$executeRaw`insert into processed_commands (key, session_id, result, created_at) values (${key}, ${sessionId}, ${JSON.stringify(value ?? null)}::jsonb, now())`;
        return value;
      });
      return { result, replayed: false };
    } catch (e) {
      // A concurrent retry with the same key committed first: return its result.
      const again = await this.processed<T>(key);
      if (again) return { result: again.result, replayed: true };
      throw e;
    }
  }

  private async event(tx: Tx, sessionId: string, type: string, payload: object, actor: { type: string; id?: string | null }, sessionTeamId?: string | null): Promise<void> {
    await tx.$executeRaw`
      insert into session_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at)
      values (${sessionId}, ${sessionTeamId ?? null}, ${type}, ${JSON.stringify(payload)}::jsonb, ${actor.type}, ${actor.id ?? null}, now())`;
  }

  /** Locks a team's row for the rest of the transaction and reads it, with its session's status, in one statement. */
  private async lockTeam(tx: Tx, teamId: string): Promise<TeamRow & { session: { status: string } }> {
    const [row] = await tx.$queryRaw<Array<TeamSqlRow & { status: string }>>`
      select ${TEAM_COLUMNS}, s.status::text as status
      from session_teams t join exercise_sessions s on s.id = t.session_id
      where t.id = ${teamId}
      for update of t`;
    if (!row) throw new SessionError("TEAM_NOT_FOUND", `team ${teamId} does not exist`);
    return { ...teamFromSql(row), session: { status: row.status } };
  }

  /** Where a team's new state rests and when its timer (if any) runs out. */
  private timing(scenario: TScenario, state: EngineState, now: Date) {
    const node = currentNode(scenario, state);
    const limit = node?.type === "decision" && state.status === "running" ? node.timeLimitSeconds : undefined;
    return { nodeEnteredAt: now, deadlineAt: limit ? new Date(now.getTime() + limit * 1000) : null };
  }

  private scheduleTimer(teamId: string, deadlineAt: Date | null, nodeId: string, visit: number, sessionId?: string) {
    const armedFor = this.armed.get(teamId)?.sessionId;
    const session = sessionId ?? armedFor;
    if (!deadlineAt || (session && !this.ownsTimers(session))) {
      this.timers.cancel(teamId);
      this.armed.delete(teamId);
      return;
    }
    const signature = `${deadlineAt.getTime()}:${nodeId}:${visit}`;
    if (this.armed.get(teamId)?.signature === signature) return;
    this.armed.set(teamId, { sessionId: session ?? "", signature });
    this.timers.schedule(teamId, deadlineAt, () => {
      this.armed.delete(teamId);
      void this.fireTimer(teamId, nodeId, visit).catch((e: unknown) => logError(`timer for team ${teamId} failed`, e));
    });
  }

  /** Sessions that have a decision timer running, for timer ownership across nodes. */
  async sessionsWithTimers(): Promise<string[]> {
    const rows = await this.prisma.sessionTeam.findMany({
      where: { deadlineAt: { not: null }, session: { status: "RUNNING" } },
      select: { sessionId: true },
      distinct: ["sessionId"],
    });
    return rows.map((r) => r.sessionId);
  }

  /** Arms every running timer of one session from the database (idempotent). */
  async armTimers(sessionId: string): Promise<void> {
    const teams = await this.prisma.sessionTeam.findMany({ where: { sessionId, deadlineAt: { not: null }, session: { status: "RUNNING" } } });
    for (const team of teams) {
      const state = asState(team.state);
      if (state) this.scheduleTimer(team.id, team.deadlineAt, state.nodeId, visitOf(state), sessionId);
    }
  }

  disarmTimers(sessionId: string): void {
    for (const [teamId, armed] of this.armed) {
      if (armed.sessionId !== sessionId) continue;
      this.timers.cancel(teamId);
      this.armed.delete(teamId);
    }
  }

  // ---------------------------------------------------------------- creating and joining

  async createSession(user: SessionUser, raw: unknown) {
    const input = ZCreateSession.parse(raw);
    const scenarioRow = await this.prisma.scenario.findUnique({ where: { id: input.scenarioId } });
    if (!scenarioRow) throw new SessionError("SCENARIO_NOT_FOUND", `scenario ${input.scenarioId} does not exist`);
    const scenario = await this.scenarioFor(scenarioRow.id);
    for (let attempt = 0; ; attempt++) {
      const joinCode = generateJoinCode();
      try {
        const session = await this.prisma.$transaction(async (tx) => {
          const s = await tx.exerciseSession.create({
            data: {
              title: input.title ?? scenario.title,
              scenarioId: scenarioRow.id,
              facilitatorId: user.id,
              joinCode,
              anonymous: input.anonymous,
              selfAssign: input.selfAssign,
              locale: input.locale ?? scenario.locale.slice(0, 2),
              joinExpiresAt: new Date(Date.now() + JOIN_CODE_TTL_MS),
            },
          });
          const teams = await resolveSessionTeams(tx, user, input.teams);
          for (const [position, team] of teams.entries()) {
            await tx.sessionTeam.create({ data: { sessionId: s.id, teamId: team.teamId, name: team.name, position } });
          }
          await this.event(
            tx,
            s.id,
            "session.created",
            { scenarioId: scenarioRow.id, contentHash: scenarioRow.contentHash, teams: teams.map((t) => t.name), teamIds: teams.map((t) => t.teamId), anonymous: input.anonymous },
            { type: "user", id: user.id },
          );
          return s;
        });
        return { id: session.id, joinCode: formatJoinCode(joinCode), joinUrl: `${this.publicUrl()}/join?code=${formatJoinCode(joinCode)}` };
      } catch (e) {
        if (attempt < 3 && String((e as Error).message).includes("join_code")) continue;
        if (TeamError.is(e)) throw new SessionError(e.code, e.message, e.path);
        throw e;
      }
    }
  }

  /**
   * The session behind a join code, shared by the joins of the next second: a whole
   * company joining at the start of a drill reads the same row thousands of times. The
   * insert in joinSession re-checks status and expiry itself, so a shared read never lets
   * anyone into a session that has just ended.
   */
  private joinLookups = new Map<string, { until: number; session: Promise<JoinLookup | null> }>();

  private lookupJoinCode(code: string, fresh = false): Promise<JoinLookup | null> {
    const now = Date.now();
    const cached = this.joinLookups.get(code);
    if (cached && cached.until > now && !fresh) return cached.session;
    if (this.joinLookups.size > 1000) for (const [k, v] of this.joinLookups) if (v.until <= now) this.joinLookups.delete(k);
    const session = this.prisma.exerciseSession.findUnique({
      where: { joinCode: code },
      select: { id: true, status: true, anonymous: true, selfAssign: true, joinExpiresAt: true, scenarioId: true, teams: { select: { id: true }, orderBy: { position: "asc" } } },
    });
    this.joinLookups.set(code, { until: now + JOIN_LOOKUP_TTL_MS, session });
    session.catch(() => this.joinLookups.delete(code));
    return session;
  }

  async joinSession(raw: unknown): Promise<{ token: string; participantId: string; sessionId: string }> {
    const input = ZJoin.parse(raw);
    const code = normalizeJoinCode(input.code);
    if (!code) throw new SessionError("JOIN_CODE_INVALID", "a join code has 8 letters and digits, like ABCD-EFGH");
    const takesJoins = (s: JoinLookup | null) => !!s && s.status !== "ENDED" && s.status !== "ABORTED" && !(s.joinExpiresAt && s.joinExpiresAt < new Date());
    let session = await this.lookupJoinCode(code);
    // A refusal, or a team added in the last second, is checked against a fresh read.
    if (!takesJoins(session) || (input.teamId && !session!.teams.some((t) => t.id === input.teamId))) session = await this.lookupJoinCode(code, true);
    const refuse = (s: JoinLookup | null): never => {
      if (!s) throw new SessionError("JOIN_CODE_UNKNOWN", "no session uses this code; check it with your facilitator");
      if (s.status === "ENDED" || s.status === "ABORTED") throw new SessionError("SESSION_ENDED", "this session has ended");
      if (s.joinExpiresAt && s.joinExpiresAt < new Date()) throw new SessionError("JOIN_CODE_EXPIRED", "this join code has expired; ask for a new one");
      throw new SessionError("JOIN_FAILED", "could not join the session; try again");
    };
    if (!takesJoins(session)) refuse(session);
    const open = session!;
    const scenario = await this.scenarioFor(open.scenarioId);

    let teamId: string | null = null;
    let roleId: string | null = null;
    if (open.selfAssign) {
      if (input.teamId) {
        if (!open.teams.some((t) => t.id === input.teamId)) throw new SessionError("TEAM_NOT_FOUND", "that team is not part of this session");
        teamId = input.teamId;
      }
      if (input.roleId) {
        if (!scenario.roles.some((r) => r.id === input.roleId)) throw new SessionError("ROLE_NOT_FOUND", `role "${input.roleId}" is not in this scenario`);
        roleId = input.roleId;
      }
    }
    if (!teamId && open.teams.length === 1) teamId = open.teams[0].id;

    if (!open.anonymous && !input.displayName) throw new SessionError("DISPLAY_NAME_REQUIRED", "enter the name your team will see");
    if (!(await this.participantCap.hasRoom(open.id))) throw new SessionError("SESSION_FULL", `this session has reached its limit of ${maxSessionParticipants()} participants`);
    const token = crypto.randomBytes(32).toString("base64url");
    const joinKey = input.key ? `join:${open.id}:${input.key}` : null;
    if (joinKey) {
      // A retry of a join whose answer was lost: the same participant, with a new token
      // (only the hash of the first one was stored).
      const done = await this.prisma.processedCommand.findUnique({ where: { key: joinKey } });
      const participantId = (done?.result as { participantId?: string } | undefined)?.participantId;
      if (participantId) {
        const rotated = await this.prisma.participant.updateMany({ where: { id: participantId }, data: { tokenHash: hashToken(token) } });
        if (rotated.count) return { token, participantId, sessionId: open.id };
      }
    }
    // Personal fields are encrypted at this boundary (lib/privacy/crypto): the name under
    // a new participant key, indexed under the session key; both keys are cached.
    const keyring = keyringOf(this.prisma);
    const sessionKey = await keyring.sessionKey(open.id);
    for (let attempt = 0; attempt < 20; attempt++) {
      const displayName = open.anonymous ? generatePseudonym() : input.displayName!;
      const id = newId();
      const pkey = keyring.newParticipantKey(id);
      const sealedName = sealDisplayName(pkey.key, id, displayName);
      // One statement: the participant, its "participant.joined" event and the join's
      // idempotency record, written only while the session still takes joins. A name
      // already taken in the session inserts nothing (the unique index decides, so two
      // people joining at once with one name cannot both get it).
      const [row] = await this.prisma.$queryRaw<Array<{ open: boolean; joined: string | null }>>`
        with s as (
          select id from exercise_sessions
          where id = ${open.id} and status not in ('ENDED', 'ABORTED') and (join_expires_at is null or join_expires_at > now())
        ), p as (
          insert into participants (id, session_id, session_team_id, display_name, name_index, role_id, token_hash, joined_at)
          select ${id}, s.id, ${teamId}, ${sealedName}, ${nameIndex(sessionKey, displayName)}, ${roleId}, ${hashToken(token)}, now() from s
          on conflict (session_id, name_index) do nothing
          returning id
        ), dk as (
          insert into data_keys (session_id, participant_id, kek_id, wrapped)
          select ${open.id}, p.id, ${pkey.kekId}, ${pkey.wrapped} from p
          returning 1
        ), e as (
          insert into session_events (session_id, session_team_id, type, payload, actor_type, actor_id, created_at)
          select ${open.id}, ${teamId}, 'participant.joined', ${JSON.stringify({ participantId: id, teamId, roleId })}::jsonb, 'participant', p.id, now() from p
          returning 1
        ), k as (
          insert into processed_commands (key, session_id, result, created_at)
          select ${joinKey}::text, ${open.id}, ${JSON.stringify({ participantId: id })}::jsonb, now() from p where ${joinKey}::text is not null
          on conflict (key) do nothing
          returning 1
        )
        select exists (select 1 from s) as open, (select id from p) as joined`;
      if (!row?.open) refuse(await this.lookupJoinCode(code, true));
      if (row.joined) {
        keyring.remember(row.joined, pkey.key);
        this.publish.consoleChanged(open.id);
        return { token, participantId: row.joined, sessionId: open.id };
      }
      if (!open.anonymous) throw new SessionError("DUPLICATE_NAME", `someone in this session already uses the name "${displayName}"; add an initial or pick another`);
    }
    throw new SessionError("JOIN_FAILED", "could not find a free pseudonym; try again");
  }

  async participantByToken(token: string): Promise<ParticipantIdentity> {
    if (typeof token !== "string" || token.length < 20 || token.length > 100) throw new SessionError("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code");
    const p = await this.prisma.participant.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true } });
    if (!p) throw new SessionError("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code");
    return this.participantIdentity(p.id);
  }

  async participantIdentity(participantId: string): Promise<ParticipantIdentity> {
    const [p] = await this.prisma.$queryRaw<Array<{ id: string; session_id: string; team_id: string | null; role_id: string | null; display_name: string }>>`
      select id, session_id, session_team_id as team_id, role_id, display_name from participants where id = ${participantId}`;
    if (!p) throw new SessionError("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code");
    return { id: p.id, sessionId: p.session_id, sessionTeamId: p.team_id, roleId: p.role_id, displayName: await readDisplayName(this.prisma, p.id, p.display_name) };
  }

  async chooseTeam(participant: ParticipantIdentity, raw: unknown, key: string) {
    const input = ZChooseTeam.parse(raw);
    const session = await this.sessionRow(participant.sessionId);
    if (!session.selfAssign) throw new SessionError("ASSIGNED_BY_FACILITATOR", "your facilitator assigns teams and roles in this session");
    return this.assign(participant.sessionId, participant.id, input.teamId, input.roleId ?? null, key, { type: "participant", id: participant.id });
  }

  private async assign(sessionId: string, participantId: string, teamId: string | null, roleId: string | null, key: string, actor: { type: string; id?: string | null }) {
    const session = await this.sessionRow(sessionId);
    if (session.status === "ENDED" || session.status === "ABORTED") throw new SessionError("SESSION_ENDED", "this session has ended");
    const scenario = await this.scenarioFor(session.scenarioId);
    if (roleId && !scenario.roles.some((r) => r.id === roleId)) throw new SessionError("ROLE_NOT_FOUND", `role "${roleId}" is not in this scenario`);
    const { result } = await this.idempotent(`assign:${participantId}:${key}`, sessionId, async (tx) => {
      if (teamId) {
        const team = await tx.sessionTeam.findUnique({ where: { id: teamId } });
        if (!team || team.sessionId !== sessionId) throw new SessionError("TEAM_NOT_FOUND", "that team is not part of this session");
      }
      const p = await tx.participant.findUnique({ where: { id: participantId } });
      if (!p || p.sessionId !== sessionId) throw new SessionError("PARTICIPANT_UNKNOWN", "that participant is not in this session");
      await tx.participant.update({ where: { id: participantId }, data: { sessionTeamId: teamId, roleId } });
      await this.event(tx, sessionId, "participant.assigned", { participantId, teamId, roleId }, actor, teamId);
      return { participantId, teamId, roleId };
    });
    this.publish.participantChanged(sessionId, participantId);
    this.publish.consoleChanged(sessionId);
    return result;
  }

  // ---------------------------------------------------------------- votes and answers

  /** Records a vote; acknowledged after the micro-batch it joined has committed. */
  async castVote(participant: Pick<ParticipantIdentity, "id">, raw: unknown, key: string) {
    const input = ZVote.parse(raw);
    return this.votes.submit({ participantId: participant.id, key, ...input });
  }

  async submitAnswer(participant: ParticipantIdentity, raw: unknown, key: string) {
    const input = ZAnswer.parse(raw);
    const teamId = participant.sessionTeamId;
    if (!teamId) throw new SessionError("NO_TEAM", "join a team before answering");
    const session = await this.sessionRow(participant.sessionId);
    if (session.status === "ENDED" || session.status === "ABORTED" || session.status === "LOBBY") throw new SessionError("SESSION_NOT_RUNNING", "the session is not running");
    const scenario = await this.scenarioFor(session.scenarioId);
    const node = scenario.nodes.find((n) => n.id === input.nodeId);
    const question = node?.type === "inject" ? node.questions?.find((q) => q.id === input.questionId) : undefined;
    if (!question) throw new SessionError("UNKNOWN_QUESTION", `inject "${input.nodeId}" has no question "${input.questionId}"`);
    if (question.roles && participant.roleId && !question.roles.includes(participant.roleId)) throw new SessionError("NOT_YOUR_QUESTION", "this question is for another role");
    if (question.kind === "scale" && input.value === undefined) throw new SessionError("INVALID_INPUT", "this question takes a value from 1 to 5");
    if (question.kind === "text" && input.text === undefined) throw new SessionError("INVALID_INPUT", "this question takes a text answer");
    const { result } = await this.idempotent(`answer:${participant.id}:${key}`, session.id, async (tx) => {
      const team = await tx.sessionTeam.findUnique({ where: { id: teamId } });
      const state = asState(team?.state);
      const visit = state?.visits[input.nodeId] ?? 0;
      if (!state || visit < 1) throw new SessionError("NOT_REACHED", "your team has not reached this inject");
      if (visit !== input.visit) throw new SessionError("STALE_VISIT", "your team has moved on from this inject");
      const where = { participantId_nodeId_visit_questionId: { participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId } };
      const text = input.text === undefined ? null : sealAnswer(await keyringOf(this.prisma).ensureParticipantKey(tx, session.id, participant.id), participant.id, input.text);
      const data = { text, value: input.value ?? null, idempotencyKey: `${participant.id}:${key}` };
      const saved = await tx.response.upsert({
        where,
        create: { sessionId: session.id, sessionTeamId: teamId, participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId, ...data },
        update: data,
      });
      await this.event(tx, session.id, "answer.submitted", { responseId: saved.id, participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId }, { type: "participant", id: participant.id }, teamId);
      return { responseId: saved.id, nodeId: input.nodeId, visit, questionId: input.questionId };
    });
    this.publish.consoleChanged(session.id);
    return result;
  }

  // ---------------------------------------------------------------- facilitator commands

  async command(user: SessionUser, sessionId: string, raw: unknown, key: string) {
    const cmd = ZCommand.parse(raw);
    const session = await this.assertFacilitator(user, sessionId);
    const actor = { type: "user", id: user.id };
    if (cmd.type === "assign") return this.assign(sessionId, cmd.participantId, cmd.teamId, cmd.roleId ?? null, key, actor);
    if (cmd.type === "note") {
      const { result } = await this.idempotent(`note:${sessionId}:${key}`, sessionId, async (tx) => {
        let nodeId: string | null = null;
        if (cmd.teamId) {
          const team = await tx.sessionTeam.findUnique({ where: { id: cmd.teamId } });
          if (!team || team.sessionId !== sessionId) throw new SessionError("TEAM_NOT_FOUND", "that team is not part of this session");
          nodeId = asState(team.state)?.nodeId ?? null;
        }
        const note = await tx.note.create({ data: { sessionId, sessionTeamId: cmd.teamId ?? null, nodeId, text: cmd.text, authorId: user.id } });
        await this.event(tx, sessionId, "note.added", { noteId: note.id, nodeId }, actor, cmd.teamId);
        return { noteId: note.id };
      });
      this.publish.consoleChanged(sessionId);
      return result;
    }
    if (cmd.type === "advance" || cmd.type === "lock") {
      return this.teamCommand(session, cmd, key, actor);
    }
    return this.sessionCommand(session, cmd, key, actor);
  }

  /** `session` was read just before, for the permission check; the transaction re-reads what it changes under a lock. */
  private async sessionCommand(session: SessionRow, cmd: Extract<Command, { type: "start" | "pause" | "resume" | "end" }>, key: string, actor: { type: string; id: string }) {
    const sessionId = session.id;
    const scenario = await this.scenarioFor(session.scenarioId);
    const allowed: Record<typeof cmd.type, string[]> = { start: ["LOBBY"], pause: ["RUNNING"], resume: ["PAUSED"], end: ["LOBBY", "RUNNING", "PAUSED"] };
    const { result, replayed } = await this.mutex.run(`session:${sessionId}`, () =>
      this.idempotent(`cmd:${sessionId}:${key}`, sessionId, async (tx) => {
        await tx.$queryRaw`select id from exercise_sessions where id = ${sessionId} for update`;
        const current = await tx.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: true } });
        if (!allowed[cmd.type].includes(current.status)) {
          throw new SessionError("INVALID_STATE", `cannot ${cmd.type} a session that is ${current.status.toLowerCase()}`);
        }
        const now = new Date();
        const schedule: Array<{ teamId: string; deadlineAt: Date | null; nodeId: string; visit: number }> = [];
        if (cmd.type === "start") {
          for (const team of current.teams) {
            const state = startScenario(scenario);
            const timing = this.timing(scenario, state, now);
            await tx.sessionTeam.update({ where: { id: team.id }, data: { state: state as object, ...timing, timerRemainingMs: null, revision: { increment: 1 } } });
            await this.event(tx, sessionId, "team.entered", { nodeId: state.nodeId, visit: visitOf(state) }, actor, team.id);
            schedule.push({ teamId: team.id, deadlineAt: timing.deadlineAt, nodeId: state.nodeId, visit: visitOf(state) });
          }
          await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "RUNNING", startedAt: now } });
        } else if (cmd.type === "pause") {
          for (const team of current.teams) {
            if (!team.deadlineAt) continue;
            await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null, timerRemainingMs: Math.max(0, team.deadlineAt.getTime() - now.getTime()) } });
          }
          await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "PAUSED" } });
        } else if (cmd.type === "resume") {
          for (const team of current.teams) {
            if (team.timerRemainingMs === null) continue;
            const deadlineAt = new Date(now.getTime() + team.timerRemainingMs);
            await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt, timerRemainingMs: null } });
            const state = asState(team.state);
            if (state) schedule.push({ teamId: team.id, deadlineAt, nodeId: state.nodeId, visit: visitOf(state) });
          }
          await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "RUNNING" } });
        } else {
          for (const team of current.teams) await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null, timerRemainingMs: null } });
          await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "ENDED", endedAt: now } });
        }
        // Every team's view changes with the session's phase.
        if (cmd.type !== "start") await tx.sessionTeam.updateMany({ where: { sessionId }, data: { revision: { increment: 1 } } });
        await this.event(tx, sessionId, `session.${cmd.type === "end" ? "ended" : cmd.type === "start" ? "started" : cmd.type === "pause" ? "paused" : "resumed"}`, {}, actor);
        return { status: cmd.type === "end" ? "ENDED" : cmd.type === "pause" ? "PAUSED" : "RUNNING", teamIds: current.teams.map((t) => t.id), schedule: schedule.map((s) => ({ ...s, deadlineAt: s.deadlineAt?.toISOString() ?? null })) };
      }),
    );
    if (!replayed) {
      if (cmd.type === "pause" || cmd.type === "end") {
        for (const id of result.teamIds) {
          this.timers.cancel(id);
          this.armed.delete(id);
        }
      }
      for (const s of result.schedule) this.scheduleTimer(s.teamId, s.deadlineAt ? new Date(s.deadlineAt) : null, s.nodeId, s.visit, sessionId);
    }
    this.publish.sessionChanged(sessionId);
    return { status: result.status };
  }

  private async teamCommand(session: SessionRow, cmd: Extract<Command, { type: "advance" | "lock" }>, key: string, actor: { type: string; id: string }) {
    const sessionId = session.id;
    if (session.status !== "RUNNING") throw new SessionError("SESSION_NOT_RUNNING", `the session is ${session.status.toLowerCase()}; start or resume it first`);
    const scenario = await this.scenarioFor(session.scenarioId);
    // The view the transaction leaves behind is pushed as it is, without reading it again.
    let view: TeamView | undefined;
    const { result, replayed } = await this.mutex.run(cmd.teamId, () =>
      this.idempotent(`cmd:${sessionId}:${key}`, sessionId, async (tx) => {
        const team = await this.lockTeam(tx, cmd.teamId);
        if (team.sessionId !== sessionId) throw new SessionError("TEAM_NOT_FOUND", "that team is not part of this session");
        const state = asState(team.state);
        if (!state) throw new SessionError("INVALID_STATE", "the team has not started");
        if (cmd.type === "advance") {
          const moved = await this.transition(tx, scenario, team, state, { type: "advance" }, actor, null);
          view = moved.view;
          return moved.rest;
        }
        const node = currentNode(scenario, state);
        if (node?.type !== "decision") throw new SessionError("NOT_AT_DECISION", `the team is at "${state.nodeId}", not at a decision`);
        const visit = visitOf(state);
        const tally = await this.tally(tx, team.id, node, state, visit);
        let optionId = cmd.optionId;
        let method: string = tally.method;
        if (optionId) {
          if (tally.winner === optionId) method = tally.method;
          else if (tally.tied.includes(optionId)) method = "tie-break";
          else if (tally.counted === 0) method = "facilitator";
          else method = "override";
        } else if (tally.winner) {
          optionId = tally.winner;
        } else if (tally.tied.length) {
          throw new SessionError("TIE", `the vote is tied between ${tally.tied.join(", ")}; choose one to break the tie`);
        } else {
          throw new SessionError("NO_VOTES", node.decidedBy && node.decidedBy !== TEAM_VOTE ? `nobody in role "${node.decidedBy}" has voted; choose an option for the team` : "nobody has voted yet; choose an option for the team");
        }
        const locked = await this.transition(tx, scenario, team, state, { type: "choose", optionId }, actor, { method, tally, reason: cmd.reason ?? null });
        view = locked.view;
        return locked.rest;
      }),
    );
    if (!replayed) this.scheduleTimer(cmd.teamId, result.deadlineAt ? new Date(result.deadlineAt) : null, result.nodeId, result.visit, sessionId);
    this.publish.teamChanged(sessionId, cmd.teamId, replayed ? undefined : view);
    this.publish.consoleChanged(sessionId);
    return result;
  }

  private async tally(tx: Tx, teamId: string, node: TDecisionNode, state: EngineState, visit: number): Promise<Tally> {
    const votes = await tx.$queryRaw<Array<{ participant_id: string; option_id: string; role_id: string | null }>>`
      select v.participant_id, v.option_id, p.role_id from votes v join participants p on p.id = v.participant_id
      where v.session_team_id = ${teamId} and v.node_id = ${node.id} and v.visit = ${visit}`;
    const scenarioOptions = node.options.map((o) => o.id);
    return tallyVotes(votes.map((v) => ({ participantId: v.participant_id, optionId: v.option_id, roleId: v.role_id })), node.decidedBy ?? TEAM_VOTE, scenarioOptions);
  }

  /** Applies one engine event to a locked team row and records it; returns where the team now rests. */
  private async transition(
    tx: Tx,
    scenario: TScenario,
    team: TeamRow & { session: { status: string } },
    state: EngineState,
    event: EngineEvent,
    actor: { type: string; id?: string | null },
    decision: { method: string; tally: Tally | null; reason: string | null } | null,
  ) {
    const result = applyEvent(scenario, state, event);
    if (!result.ok) throw new SessionError(result.error.code, result.error.message);
    const now = new Date();
    const next = result.state;
    const timing = this.timing(scenario, next, now);
    if (decision) {
      const node = currentNode(scenario, state) as TDecisionNode;
      const made = next.history.slice(state.history.length).find((h) => h.event === "choose" || h.event === "timeout");
      await tx.decision.create({
        data: {
          sessionId: team.sessionId,
          sessionTeamId: team.id,
          nodeId: node.id,
          visit: visitOf(state),
          optionId: event.type === "choose" ? event.optionId : TIMEOUT_CHOICE,
          method: decision.method,
          tally: (decision.tally ? { counts: decision.tally.counts, counted: decision.tally.counted, total: decision.tally.total } : {}) as object,
          points: (made && "points" in made ? made.points : {}) as object,
          bestPoints: (made && "best" in made ? made.best : bestPoints(node, state)) as object,
          reason: decision.reason,
          enteredAt: team.nodeEnteredAt ?? now,
          decidedById: actor.type === "user" ? (actor.id ?? null) : null,
        },
      });
    }
    await tx.$executeRaw`
      update session_teams
      set state = ${JSON.stringify(next)}::jsonb, node_entered_at = ${timing.nodeEnteredAt}, deadline_at = ${timing.deadlineAt}, timer_remaining_ms = null, revision = revision + 1
      where id = ${team.id}`;
    await this.event(tx, team.sessionId, decision ? "decision.locked" : "team.advanced", {
      from: state.nodeId,
      to: next.nodeId,
      visit: visitOf(next),
      ...(event.type === "choose" ? { optionId: event.optionId } : {}),
      ...(decision ? { method: decision.method, reason: decision.reason } : {}),
    }, actor, team.id);
    // The last decision's method: this one's, or (after an inject that followed it) the stored one.
    const method = decision ? decision.method : lastDecisionView(scenario, next, null) ? await this.lastMethod(team.id, tx) : null;
    const view = this.teamView(team.session, { ...team, state: next, ...timing, timerRemainingMs: null, revision: team.revision + 1 }, scenario, method);
    return { rest: { nodeId: next.nodeId, visit: visitOf(next), status: next.status, deadlineAt: timing.deadlineAt?.toISOString() ?? null }, view };
  }

  /** A decision timer ran out. Safe to call more than once: only the first call acts. */
  async fireTimer(teamId: string, nodeId: string, visit: number): Promise<"fired" | "stale"> {
    const outcome = await this.mutex.run(teamId, async () => {
      const team0 = await this.prisma.sessionTeam.findUnique({ where: { id: teamId }, include: { session: true } });
      if (!team0) return { kind: "stale" as const };
      const scenario = await this.scenarioFor(team0.session.scenarioId);
      return this.prisma.$transaction(async (tx) => {
        const team = await this.lockTeam(tx, teamId);
        const session = await tx.exerciseSession.findUniqueOrThrow({ where: { id: team.sessionId } });
        const state = asState(team.state);
        if (session.status !== "RUNNING" || !state || !team.deadlineAt || state.nodeId !== nodeId || visitOf(state) !== visit) return { kind: "stale" as const };
        if (team.deadlineAt.getTime() > Date.now() + 50) return { kind: "early" as const, deadlineAt: team.deadlineAt };
        const node = currentNode(scenario, state);
        if (node?.type !== "decision") return { kind: "stale" as const };
        const system = { type: "system", id: null };
        await this.event(tx, team.sessionId, "timer.fired", { nodeId, visit }, system, team.id);
        if (node.onTimeout) {
          const r = await this.transition(tx, scenario, team, state, { type: "timeout" }, system, { method: "timeout", tally: await this.tally(tx, team.id, node, state, visit), reason: null });
          return { kind: "fired" as const, sessionId: team.sessionId, next: r.rest, view: r.view };
        }
        const tally = await this.tally(tx, team.id, node, state, visit);
        if (tally.winner) {
          const r = await this.transition(tx, scenario, team, state, { type: "choose", optionId: tally.winner }, system, { method: `${tally.method}-at-timeout`, tally, reason: null });
          return { kind: "fired" as const, sessionId: team.sessionId, next: r.rest, view: r.view };
        }
        // No fallback and no clear vote: time is up, and the facilitator decides.
        await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null } });
        return { kind: "fired" as const, sessionId: team.sessionId, next: null, view: undefined };
      });
    });
    if (outcome.kind === "early") {
      this.scheduleTimer(teamId, outcome.deadlineAt, nodeId, visit);
      return "stale";
    }
    if (outcome.kind === "stale") return "stale";
    if (outcome.next) this.scheduleTimer(teamId, outcome.next.deadlineAt ? new Date(outcome.next.deadlineAt) : null, outcome.next.nodeId, outcome.next.visit, outcome.sessionId);
    this.publish.teamChanged(outcome.sessionId, teamId, outcome.view);
    this.publish.consoleChanged(outcome.sessionId);
    return "fired";
  }

  /** After a restart: re-arm every running decision timer from the database. */
  async recoverTimers(): Promise<number> {
    const teams = await this.prisma.sessionTeam.findMany({ where: { deadlineAt: { not: null }, session: { status: "RUNNING" } } });
    for (const team of teams) {
      const state = asState(team.state);
      if (state) this.scheduleTimer(team.id, team.deadlineAt, state.nodeId, visitOf(state), team.sessionId);
    }
    return teams.length;
  }

  // ---------------------------------------------------------------- views

  teamView(session: { status: string }, team: TeamRow, scenario: TScenario, lastMethod: string | null): TeamView {
    const state = asState(team.state);
    const phase = session.status === "ENDED" || session.status === "ABORTED" ? "ended" : session.status === "PAUSED" ? "paused" : state ? "running" : "lobby";
    return {
      id: team.id,
      name: team.name,
      revision: team.revision,
      phase,
      node: state ? nodeView(scenario, state) : null,
      visit: state ? visitOf(state) : 0,
      deadlineAt: team.deadlineAt?.toISOString() ?? null,
      remainingMs: team.timerRemainingMs,
      lastDecision: state ? lastDecisionView(scenario, state, lastMethod) : null,
    };
  }

  private async lastMethod(teamId: string, db: Tx | PrismaClient = this.prisma): Promise<string | null> {
    const [d] = await db.$queryRaw<Array<{ method: string }>>`select method from decisions where session_team_id = ${teamId} order by decided_at desc limit 1`;
    return d?.method ?? null;
  }

  /** After a participant's data was erased: tell them, and refresh every view of the session. */
  participantRemoved(sessionId: string, participantId?: string): void {
    if (participantId) this.publish.participantErased?.(sessionId, participantId);
    this.publish.sessionChanged(sessionId);
  }

  /** Who must hear about a session-wide change: its teams, and participants not yet in one. */
  async sessionAudience(sessionId: string): Promise<{ teamIds: string[]; unassignedParticipantIds: string[] }> {
    const [teams, unassigned] = await Promise.all([
      this.prisma.sessionTeam.findMany({ where: { sessionId }, select: { id: true } }),
      this.prisma.participant.findMany({ where: { sessionId, sessionTeamId: null }, select: { id: true } }),
    ]);
    return { teamIds: teams.map((t) => t.id), unassignedParticipantIds: unassigned.map((p) => p.id) };
  }

  /** What the join form needs before someone joins: anonymity, and teams and roles to pick. */
  async joinInfo(sessionId: string) {
    const session = await this.prisma.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: { orderBy: { position: "asc" }, select: { id: true, name: true } } } });
    const scenario = await this.scenarioFor(session.scenarioId);
    return {
      id: session.id,
      title: session.title,
      anonymous: session.anonymous,
      selfAssign: session.selfAssign,
      locale: session.locale,
      scenarioLocale: scenario.locale,
      teams: session.teams,
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name })),
    };
  }

  /** The team-wide view pushed to everyone in a team (no personal data). */
  async teamBroadcastView(teamId: string): Promise<TeamView & { sessionId: string }> {
    const [row] = await this.prisma.$queryRaw<Array<TeamSqlRow & { status: string; scenario_id: string }>>`
      select ${TEAM_COLUMNS}, s.status::text as status, s.scenario_id
      from session_teams t join exercise_sessions s on s.id = t.session_id where t.id = ${teamId}`;
    if (!row) throw new SessionError("TEAM_NOT_FOUND", `team ${teamId} does not exist`);
    const scenario = await this.scenarioFor(row.scenario_id);
    return { sessionId: row.session_id, ...this.teamView({ status: row.status }, teamFromSql(row), scenario, await this.lastMethod(row.id)) };
  }

  async participantView(participantId: string): Promise<ParticipantView> {
    const [p] = await this.prisma.$queryRaw<
      Array<{ id: string; display_name: string; team_id: string | null; role_id: string | null; session_id: string; title: string; status: string; anonymous: boolean; self_assign: boolean; locale: string; scenario_id: string; scenario_title: string; scenario_locale: string }>
    >`select p.id, p.display_name, p.session_team_id as team_id, p.role_id,
             s.id as session_id, s.title, s.status::text as status, s.anonymous, s.self_assign, s.locale, s.scenario_id,
             sc.title as scenario_title, sc.locale as scenario_locale
      from participants p join exercise_sessions s on s.id = p.session_id join scenarios sc on sc.id = s.scenario_id
      where p.id = ${participantId}`;
    if (!p) throw new SessionError("PARTICIPANT_UNKNOWN", "your place in the session was not found; join again with the code");
    const teams = (await this.prisma.$queryRaw<TeamSqlRow[]>`
      select ${TEAM_COLUMNS} from session_teams t where t.session_id = ${p.session_id} order by t.position, t.id`).map(teamFromSql);
    const scenario = await this.scenarioFor(p.scenario_id);
    const team = teams.find((t) => t.id === p.team_id) ?? null;
    const teamView = team ? this.teamView({ status: p.status }, team, scenario, await this.lastMethod(team.id)) : null;
    let myVote: string | null = null;
    const myAnswers: Record<string, { text: string | null; value: number | null }> = {};
    if (teamView?.node) {
      if (teamView.node.type === "decision") {
        const [v] = await this.prisma.$queryRaw<Array<{ option_id: string }>>`
          select option_id from votes where participant_id = ${p.id} and node_id = ${teamView.node.id} and visit = ${teamView.visit}`;
        myVote = v?.option_id ?? null;
      }
      const answers = await this.prisma.$queryRaw<Array<{ question_id: string; text: string | null; value: number | null }>>`
        select question_id, text, value from responses where participant_id = ${p.id} and node_id = ${teamView.node.id} and visit = ${teamView.visit}`;
      const texts = await readAnswers(this.prisma, answers.map((a) => ({ participantId: p.id, text: a.text })));
      answers.forEach((a, i) => (myAnswers[a.question_id] = { text: texts[i], value: a.value === null ? null : Number(a.value) }));
    }
    return {
      session: { id: p.session_id, title: p.title, status: p.status, anonymous: p.anonymous, selfAssign: p.self_assign, locale: p.locale, scenarioTitle: p.scenario_title, scenarioLocale: p.scenario_locale },
      me: { id: p.id, displayName: await readDisplayName(this.prisma, p.id, p.display_name), teamId: p.team_id, roleId: p.role_id },
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name, description: r.description ?? null })),
      team: teamView,
      myVote,
      myAnswers,
      serverTime: new Date().toISOString(),
    };
  }

  async consoleView(sessionId: string, connected: (participantId: string) => boolean = () => false): Promise<ConsoleView> {
    const [row] = await this.prisma.$queryRaw<
      Array<{ id: string; title: string; status: string; anonymous: boolean; self_assign: boolean; locale: string; join_code: string; scenario_id: string; scenario_title: string; content_hash: string; started_at: Date | null; ended_at: Date | null }>
    >`select s.id, s.title, s.status::text as status, s.anonymous, s.self_assign, s.locale, s.join_code, s.scenario_id, s.started_at, s.ended_at,
             sc.title as scenario_title, sc.content_hash
      from exercise_sessions s join scenarios sc on sc.id = s.scenario_id where s.id = ${sessionId}`;
    if (!row) throw new SessionError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
    const session = { status: row.status };
    const sessionTeams = (await this.prisma.$queryRaw<TeamSqlRow[]>`
      select ${TEAM_COLUMNS} from session_teams t where t.session_id = ${sessionId} order by t.position, t.id`).map(teamFromSql);
    // The roster and the open decisions' votes are the parts that grow with the session
    // (thousands of rows in a company-wide drill): read as plain rows, not model objects.
    const participants = await this.prisma.$queryRaw<Array<{ id: string; display_name: string; team_id: string | null; role_id: string | null }>>`
      select id, display_name, session_team_id as team_id, role_id from participants where session_id = ${sessionId} order by joined_at, id`;
    const scenario = await this.scenarioFor(row.scenario_id);
    const names = await readDisplayNames(this.prisma, participants.map((p) => ({ id: p.id, displayName: p.display_name })));
    const members = new Map<string, number>();
    for (const p of participants) if (p.team_id) members.set(p.team_id, (members.get(p.team_id) ?? 0) + 1);
    const teams = [];
    for (const team of sessionTeams) {
      const state = asState(team.state);
      const node = state ? currentNode(scenario, state) : undefined;
      let tally: Tally | null = null;
      let voters: Array<{ participantId: string; displayName: string; optionId: string }> = [];
      if (state && node?.type === "decision") {
        const votes = await this.prisma.$queryRaw<Array<{ participant_id: string; option_id: string; role_id: string | null; display_name: string }>>`
          select v.participant_id, v.option_id, p.role_id, p.display_name
          from votes v join participants p on p.id = v.participant_id
          where v.session_team_id = ${team.id} and v.node_id = ${node.id} and v.visit = ${visitOf(state)}`;
        tally = tallyVotes(votes.map((v) => ({ participantId: v.participant_id, optionId: v.option_id, roleId: v.role_id })), node.decidedBy ?? TEAM_VOTE, node.options.map((o) => o.id));
        voters = votes.map((v) => ({ participantId: v.participant_id, displayName: names.get(v.participant_id) ?? "—", optionId: v.option_id }));
      }
      teams.push({
        ...this.teamView(session, team, scenario, await this.lastMethod(team.id)),
        scores: state?.scores ?? {},
        outcome: state?.outcome ?? null,
        members: members.get(team.id) ?? 0,
        tally,
        voters: row.anonymous ? [] : voters,
      });
    }
    const answers = await this.prisma.$queryRaw<Array<{ id: string; team_id: string; participant_id: string; node_id: string; question_id: string; text: string | null; value: number | null; updated_at: Date }>>`
      select id, session_team_id as team_id, participant_id, node_id, question_id, text, value, updated_at
      from responses where session_id = ${sessionId} order by updated_at desc limit 200`;
    const answerTexts = await readAnswers(this.prisma, answers.map((a) => ({ participantId: a.participant_id, text: a.text })));
    const notes = await this.prisma.$queryRaw<Array<{ id: string; team_id: string | null; node_id: string | null; text: string; created_at: Date }>>`
      select id, session_team_id as team_id, node_id, text, created_at from notes where session_id = ${sessionId} order by created_at desc limit 200`;
    const questionText = new Map<string, string>();
    for (const n of scenario.nodes) if (n.type === "inject") for (const q of n.questions ?? []) questionText.set(`${n.id}/${q.id}`, q.text);
    return {
      session: {
        id: row.id,
        title: row.title,
        status: row.status,
        anonymous: row.anonymous,
        selfAssign: row.self_assign,
        locale: row.locale,
        joinCode: formatJoinCode(row.join_code),
        joinUrl: `${this.publicUrl()}/join?code=${formatJoinCode(row.join_code)}`,
        scenarioTitle: row.scenario_title,
        scenarioLocale: scenario.locale,
        contentHash: row.content_hash,
        startedAt: row.started_at?.toISOString() ?? null,
        endedAt: row.ended_at?.toISOString() ?? null,
      },
      roles: scenario.roles.map((r) => ({ id: r.id, name: r.name })),
      capabilities: scenario.capabilities.map((c) => ({ id: c.id, name: c.name })),
      teams,
      roster: participants.map((p) => ({ id: p.id, displayName: names.get(p.id) ?? "—", teamId: p.team_id, roleId: p.role_id, connected: connected(p.id) })),
      answers: answers.map((a, i) => ({
        id: a.id,
        teamId: a.team_id,
        participant: names.get(a.participant_id) ?? "—",
        nodeId: a.node_id,
        question: questionText.get(`${a.node_id}/${a.question_id}`) ?? a.question_id,
        text: answerTexts[i],
        value: a.value === null ? null : Number(a.value),
        at: a.updated_at.toISOString(),
      })),
      notes: notes.map((n) => ({ id: n.id, teamId: n.team_id, nodeId: n.node_id, text: n.text, at: n.created_at.toISOString() })),
      serverTime: new Date().toISOString(),
    };
  }

  /** Everything a team did, for the results API and the admin CLI. */
  async results(sessionId: string) {
    const session = await this.prisma.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: { orderBy: { position: "asc" } }, scenario: true } });
    const scenario = await this.scenarioFor(session.scenarioId);
    const [decisions, votes, sealedResponses, participants] = await Promise.all([
      this.prisma.decision.findMany({ where: { sessionId }, orderBy: { decidedAt: "asc" } }),
      this.prisma.vote.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
      this.prisma.response.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } }),
      this.prisma.participant.findMany({ where: { sessionId } }),
    ]);
    const name = await readDisplayNames(this.prisma, participants);
    const responses = await withAnswers(this.prisma, sealedResponses);
    return {
      session: { id: session.id, title: session.title, status: session.status, anonymous: session.anonymous, startedAt: session.startedAt, endedAt: session.endedAt },
      scenario: { id: session.scenarioId, slug: session.scenario.slug, title: scenario.title, contentHash: session.scenario.contentHash },
      teams: session.teams.map((team) => {
        const state = asState(team.state);
        return {
          id: team.id,
          name: team.name,
          path: state?.history.filter((h) => h.event === "enter").map((h) => h.nodeId) ?? [],
          currentNode: state?.nodeId ?? null,
          outcome: state?.outcome ?? null,
          scores: state?.scores ?? {},
          decisions: decisions.filter((d) => d.sessionTeamId === team.id).map((d) => ({ nodeId: d.nodeId, visit: d.visit, optionId: d.optionId, method: d.method, tally: d.tally, points: d.points, bestPoints: d.bestPoints, reason: d.reason, enteredAt: d.enteredAt, decidedAt: d.decidedAt })),
          votes: votes.filter((v) => v.sessionTeamId === team.id).map((v) => ({ participant: name.get(v.participantId), nodeId: v.nodeId, visit: v.visit, optionId: v.optionId, at: v.updatedAt })),
          answers: responses.filter((r) => r.sessionTeamId === team.id).map((r) => ({ participant: name.get(r.participantId), nodeId: r.nodeId, visit: r.visit, questionId: r.questionId, text: r.text, value: r.value, at: r.updatedAt })),
        };
      }),
    };
  }
}

// Participants: joining by code, finding one's place again by token, choosing a team and
// role, and answering an inject's questions. Personal fields are encrypted at this
// boundary (lib/privacy/crypto).
import crypto from "node:crypto";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { AAD, nameIndex, openText, sealText } from "@/lib/privacy/crypto/cipher";
import { readDisplayName, sealAnswer, sealDisplayName } from "@/lib/privacy/crypto/personal-fields";
import { newId } from "@/lib/db/ids";
import { normalizeJoinCode } from "@/lib/session/join-code";
import { generatePseudonym } from "@/lib/session/pseudonyms";
import { maxSessionParticipants, ParticipantCap } from "@/lib/session/participant-cap";
import { DomainError } from "@/lib/errors/domain-error";
import { ZAnswer, ZChooseTeam, ZJoin } from "@/lib/session/inputs";
import { asState, isOver, takesAnswers } from "@/lib/session/lifecycle";
import { refuseDrill } from "@/lib/session/live-only";
import { event, hashToken, idempotent, OVER_SQL, participantIdByToken, processed, readParticipant, readSession, type Actor } from "@/lib/session/store";
import type { ParticipantIdentity, SessionContext } from "@/lib/session/context";

/** How long joins share one read of the session behind a join code. */
const JOIN_LOOKUP_TTL_MS = 1_000;

type JoinLookup = {
  id: string;
  status: string;
  anonymous: boolean;
  selfAssign: boolean;
  /** The session's language: pseudonyms are made in it. */
  locale: string;
  joinExpiresAt: Date | null;
  scenarioId: string;
  mode: string;
  teams: Array<{ id: string }>;
};

/** What a join answers; a retry with the same key gets the same answer. */
export type Joined = { token: string; participantId: string; sessionId: string };

/** The idempotency record of a join: the participant, and its resume token sealed under the participant's key. */
type JoinRecord = { participantId?: string; token?: string };

const UNKNOWN = "your place in the session was not found; join again with the code";

export class Participants {
  private readonly cap: ParticipantCap;
  /**
   * The session behind a join code, shared by the joins of the next second: a whole
   * company joining at the start of a drill reads the same row thousands of times. The
   * insert in `join` re-checks status and expiry itself, so a shared read never lets
   * anyone into a session that has just ended.
   */
  private joinLookups = new Map<string, { until: number; session: Promise<JoinLookup | null> }>();

  constructor(private readonly ctx: SessionContext) {
    this.cap = new ParticipantCap(ctx.prisma);
  }

  private lookupJoinCode(code: string, fresh = false): Promise<JoinLookup | null> {
    const now = Date.now();
    const cached = this.joinLookups.get(code);
    if (cached && cached.until > now && !fresh) return cached.session;
    if (this.joinLookups.size > 1000) for (const [k, v] of this.joinLookups) if (v.until <= now) this.joinLookups.delete(k);
    const session = this.ctx.prisma.exerciseSession.findUnique({
      where: { joinCode: code },
      select: { id: true, status: true, anonymous: true, selfAssign: true, locale: true, joinExpiresAt: true, scenarioId: true, mode: true, teams: { select: { id: true }, orderBy: { position: "asc" } } },
    });
    this.joinLookups.set(code, { until: now + JOIN_LOOKUP_TTL_MS, session });
    session.catch(() => this.joinLookups.delete(code));
    return session;
  }

  async join(raw: unknown): Promise<Joined> {
    const { prisma, publish } = this.ctx;
    const input = ZJoin.parse(raw);
    const code = normalizeJoinCode(input.code);
    if (!code) throw new DomainError("JOIN_CODE_INVALID", "a join code has 8 letters and digits, like ABCD-EFGH");
    const takesJoins = (s: JoinLookup | null) => !!s && s.mode !== "DRILL" && !isOver(s.status) && !(s.joinExpiresAt && s.joinExpiresAt < new Date());
    let session = await this.lookupJoinCode(code);
    // A refusal, or a team added in the last second, is checked against a fresh read.
    if (!takesJoins(session) || (input.teamId && !session!.teams.some((t) => t.id === input.teamId))) session = await this.lookupJoinCode(code, true);
    const refuse = (s: JoinLookup | null): never => {
      if (!s) throw new DomainError("JOIN_CODE_UNKNOWN", "no session uses this code; check it with your facilitator");
      refuseDrill(s, "joining by code");
      if (isOver(s.status)) throw new DomainError("SESSION_ENDED", "this session has ended");
      if (s.joinExpiresAt && s.joinExpiresAt < new Date()) throw new DomainError("JOIN_CODE_EXPIRED", "this join code has expired; ask for a new one");
      throw new DomainError("JOIN_FAILED", "could not join the session; try again");
    };
    if (!takesJoins(session)) refuse(session);
    const open = session!;
    const scenario = await this.ctx.scenarios.get(open.scenarioId);

    let teamId: string | null = null;
    let roleId: string | null = null;
    if (open.selfAssign) {
      if (input.teamId) {
        if (!open.teams.some((t) => t.id === input.teamId)) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
        teamId = input.teamId;
      }
      if (input.roleId) {
        if (!scenario.roles.some((r) => r.id === input.roleId)) throw new DomainError("ROLE_NOT_FOUND", `role "${input.roleId}" is not in this scenario`);
        roleId = input.roleId;
      }
    }
    if (!teamId && open.teams.length === 1) teamId = open.teams[0].id;

    if (!open.anonymous && !input.displayName) throw new DomainError("DISPLAY_NAME_REQUIRED", "enter the name your team will see");
    const joinKey = input.key ? `join:${open.id}:${input.key}` : null;
    if (joinKey) {
      // A retry of a join whose answer was lost: the stored answer, same participant and token.
      const replay = await this.storedJoin(joinKey, open.id);
      if (replay) return replay;
    }
    if (!(await this.cap.hasRoom(open.id))) throw new DomainError("SESSION_FULL", `this session has reached its limit of ${maxSessionParticipants()} participants`);
    const token = crypto.randomBytes(32).toString("base64url");
    // The name is sealed under a new participant key and indexed under the session key; both keys are cached.
    const keyring = keyringOf(prisma);
    const sessionKey = await keyring.sessionKey(open.id);
    for (let attempt = 0; attempt < 20; attempt++) {
      const displayName = open.anonymous ? generatePseudonym(open.locale) : input.displayName!;
      const id = newId();
      const pkey = keyring.newParticipantKey(id);
      const sealedName = sealDisplayName(pkey.key, id, displayName);
      const record: JoinRecord = { participantId: id, token: sealText(pkey.key, AAD.joinToken(id), token) };
      // One statement: the participant, its "participant.joined" event and the join's
      // idempotency record, written only while the session still takes joins. A name
      // already taken in the session inserts nothing (the unique index decides, so two
      // people joining at once with one name cannot both get it).
      const [row] = await prisma.$queryRaw<Array<{ open: boolean; joined: string | null }>>`
        with s as (
          select id from exercise_sessions
          where id = ${open.id} and status not in (${OVER_SQL}) and (join_expires_at is null or join_expires_at > now())
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
          select ${joinKey}::text, ${open.id}, ${JSON.stringify(record)}::jsonb, now() from p where ${joinKey}::text is not null
          on conflict (key) do nothing
          returning 1
        )
        select exists (select 1 from s) as open, (select id from p) as joined`;
      if (!row?.open) refuse(await this.lookupJoinCode(code, true));
      if (row.joined) {
        keyring.remember(row.joined, pkey.key);
        publish.consoleChanged(open.id);
        return { token, participantId: row.joined, sessionId: open.id };
      }
      if (!open.anonymous) throw new DomainError("DUPLICATE_NAME", `someone in this session already uses the name "${displayName}"; add an initial or pick another`);
    }
    throw new DomainError("JOIN_FAILED", "could not find a free pseudonym; try again");
  }

  /** The answer of a join already made under `joinKey`, or null when there is none (or its participant is gone). */
  private async storedJoin(joinKey: string, sessionId: string): Promise<Joined | null> {
    const { prisma } = this.ctx;
    const done = await processed<JoinRecord>(prisma, joinKey);
    const participantId = done?.result?.participantId;
    if (!participantId) return null;
    const key = done.result.token ? await keyringOf(prisma).participantKey(participantId) : undefined;
    if (key && done.result.token) {
      const token = openText(key, AAD.joinToken(participantId), done.result.token);
      if ((await participantIdByToken(prisma, token)) === participantId) return { token, participantId, sessionId };
      return null;
    }
    // A record without a token: the same participant, with a new token (only the hash of the first one was stored).
    const token = crypto.randomBytes(32).toString("base64url");
    const rotated = await prisma.participant.updateMany({ where: { id: participantId }, data: { tokenHash: hashToken(token) } });
    return rotated.count ? { token, participantId, sessionId } : null;
  }

  async byToken(token: string): Promise<ParticipantIdentity> {
    if (typeof token !== "string" || token.length < 20 || token.length > 100) throw new DomainError("PARTICIPANT_UNKNOWN", UNKNOWN);
    const id = await participantIdByToken(this.ctx.prisma, token);
    if (!id) throw new DomainError("PARTICIPANT_UNKNOWN", UNKNOWN);
    return this.identity(id);
  }

  async identity(participantId: string): Promise<ParticipantIdentity> {
    const p = await readParticipant(this.ctx.prisma, participantId);
    if (!p) throw new DomainError("PARTICIPANT_UNKNOWN", UNKNOWN);
    return { id: p.id, sessionId: p.session_id, sessionTeamId: p.team_id, roleId: p.role_id, displayName: await readDisplayName(this.ctx.prisma, p.id, p.display_name) };
  }

  async chooseTeam(participant: ParticipantIdentity, raw: unknown, key: string) {
    const input = ZChooseTeam.parse(raw);
    const session = await readSession(this.ctx.prisma, participant.sessionId);
    if (!session.selfAssign) throw new DomainError("ASSIGNED_BY_FACILITATOR", "your facilitator assigns teams and roles in this session");
    return assign(this.ctx, participant.sessionId, participant.id, input.teamId, input.roleId ?? null, key, { type: "participant", id: participant.id });
  }

  async submitAnswer(participant: ParticipantIdentity, raw: unknown, key: string) {
    const { prisma } = this.ctx;
    const input = ZAnswer.parse(raw);
    const teamId = participant.sessionTeamId;
    if (!teamId) throw new DomainError("NO_TEAM", "join a team before answering");
    const session = await readSession(prisma, participant.sessionId);
    if (!takesAnswers(session.status)) throw new DomainError("SESSION_NOT_RUNNING", "the session is not running");
    const scenario = await this.ctx.scenarios.get(session.scenarioId);
    const node = scenario.nodes.find((n) => n.id === input.nodeId);
    const question = node?.type === "inject" ? node.questions?.find((q) => q.id === input.questionId) : undefined;
    if (!question) throw new DomainError("UNKNOWN_QUESTION", `inject "${input.nodeId}" has no question "${input.questionId}"`);
    if (question.roles && participant.roleId && !question.roles.includes(participant.roleId)) throw new DomainError("NOT_YOUR_QUESTION", "this question is for another role");
    if (question.kind === "scale" && input.value === undefined) throw new DomainError("INVALID_INPUT", "this question takes a value from 1 to 5");
    if (question.kind === "text" && input.text === undefined) throw new DomainError("INVALID_INPUT", "this question takes a text answer");
    const { result } = await idempotent(prisma, `answer:${participant.id}:${key}`, session.id, async (tx) => {
      const team = await tx.sessionTeam.findUnique({ where: { id: teamId } });
      const state = asState(team?.state);
      const visit = state?.visits[input.nodeId] ?? 0;
      if (!state || visit < 1) throw new DomainError("NOT_REACHED", "your team has not reached this inject");
      if (visit !== input.visit) throw new DomainError("STALE_VISIT", "your team has moved on from this inject");
      const where = { participantId_nodeId_visit_questionId: { participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId } };
      const text = input.text === undefined ? null : sealAnswer(await keyringOf(prisma).ensureParticipantKey(tx, session.id, participant.id), participant.id, input.text);
      const data = { text, value: input.value ?? null, idempotencyKey: `${participant.id}:${key}` };
      const saved = await tx.response.upsert({
        where,
        create: { sessionId: session.id, sessionTeamId: teamId, participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId, ...data },
        update: data,
      });
      await event(tx, session.id, "answer.submitted", { responseId: saved.id, participantId: participant.id, nodeId: input.nodeId, visit, questionId: input.questionId }, { type: "participant", id: participant.id }, teamId);
      return { responseId: saved.id, nodeId: input.nodeId, visit, questionId: input.questionId };
    });
    this.ctx.publish.consoleChanged(session.id);
    return result;
  }
}

/** Puts a participant in a team and role (or none): by themselves when the session lets them, or by the facilitator. */
export async function assign(ctx: SessionContext, sessionId: string, participantId: string, teamId: string | null, roleId: string | null, key: string, actor: Actor) {
  const session = await readSession(ctx.prisma, sessionId);
  if (isOver(session.status)) throw new DomainError("SESSION_ENDED", "this session has ended");
  const scenario = await ctx.scenarios.get(session.scenarioId);
  if (roleId && !scenario.roles.some((r) => r.id === roleId)) throw new DomainError("ROLE_NOT_FOUND", `role "${roleId}" is not in this scenario`);
  const { result } = await idempotent(ctx.prisma, `assign:${participantId}:${key}`, sessionId, async (tx) => {
    if (teamId) {
      const team = await tx.sessionTeam.findUnique({ where: { id: teamId } });
      if (!team || team.sessionId !== sessionId) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
    }
    const p = await tx.participant.findUnique({ where: { id: participantId } });
    if (!p || p.sessionId !== sessionId) throw new DomainError("PARTICIPANT_UNKNOWN", "that participant is not in this session");
    await tx.participant.update({ where: { id: participantId }, data: { sessionTeamId: teamId, roleId } });
    await event(tx, sessionId, "participant.assigned", { participantId, teamId, roleId }, actor, teamId);
    return { participantId, teamId, roleId };
  });
  ctx.publish.participantChanged(sessionId, participantId);
  ctx.publish.consoleChanged(sessionId);
  return result;
}

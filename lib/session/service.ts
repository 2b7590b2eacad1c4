// The session service: every change to a live exercise goes through here. A thin facade
// over the parts of lib/session (see the README's Layout): inputs.ts (schemas),
// lifecycle.ts (pure rules), store.ts (SQL, replay records, events), timers.ts, join.ts
// (participants), facilitator.ts (commands and timers firing), read-models.ts (views).
// Transitions run through the scenario engine on the server; each write commits to the
// database (with an append-only event) before it is acknowledged; retried commands with
// the same idempotency key return the stored result instead of acting twice.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TScenario } from "@/lib/scenario";
import { assertSessionAccess, type LoadedSessionScope } from "@/lib/auth/session-scope";
import { SharedReads } from "@/lib/session/shared-read";
import { audit } from "@/lib/audit/log";
import type { SignedInUser } from "@/lib/auth/types";
import { poolOf } from "@/lib/db/connect";
import { KeyedMutex } from "@/lib/session/mutex";
import { VoteBatcher } from "@/lib/session/vote-batcher";
import { AdvanceBatcher } from "@/lib/session/advance-batcher";
import { DomainError } from "@/lib/errors/domain-error";
import { ZVote } from "@/lib/session/inputs";
import { NOOP_PUBLISHER, type ParticipantIdentity, type SessionContext, type SessionPublisher } from "@/lib/session/context";
import { readScopedSession, ScenarioCache, sessionsWithTimers, type Db, type SessionRow } from "@/lib/session/store";
import { refuseDrill } from "@/lib/session/live-only";
import { InProcessTimers, TeamTimers, type TimerHost, type TimerOwnership } from "@/lib/session/timers";
import { Participants } from "@/lib/session/join";
import { command, createSession, fireTimer } from "@/lib/session/facilitator";
import { ReadModels } from "@/lib/session/read-models";
import type { ConsoleView, ParticipantView, TeamView } from "@/lib/session/views";
import { ClockTimers } from "@/lib/session/clock-timers";
import { LiveClocks, withClockRefresh } from "@/lib/session/clocks";
import { runningSessionsWithClocks } from "@/lib/session/clock-store";
import type { TeamClocks } from "@/lib/session/clock-views";

export { ZCreateSession } from "@/lib/session/inputs";
export { InProcessTimers, type TimerHost, type TimerOwnership } from "@/lib/session/timers";
export type { ParticipantIdentity, SessionPublisher } from "@/lib/session/context";

export class SessionService {
  private readonly ctx: SessionContext;
  private readonly participants: Participants;
  private readonly reads: ReadModels;
  private readonly votes: VoteBatcher;
  private readonly clocks: LiveClocks;
  /** A facilitator command's read of its session and scope, shared by the commands sent together. */
  private readonly scopedSessions: SharedReads<{ session: SessionRow; scope: LoadedSessionScope }>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly publish: SessionPublisher = NOOP_PUBLISHER,
    timers: TimerHost = new InProcessTimers(),
    publicUrl: () => string = () => process.env.READYROOM_PUBLIC_URL ?? "http://localhost:3000",
  ) {
    const scenarios = new ScenarioCache(prisma);
    this.ctx = {
      prisma,
      publish: withClockRefresh(publish, () => this.clocks),
      scenarios,
      mutex: new KeyedMutex(),
      advances: new AdvanceBatcher(() => poolOf(prisma)),
      publicUrl,
      timers: new TeamTimers(timers, (teamId, nodeId, visit) => this.fireTimer(teamId, nodeId, visit)),
    };
    this.scopedSessions = new SharedReads((sessionId) => readScopedSession(prisma, sessionId));
    this.clocks = new LiveClocks(this.ctx, new ClockTimers(timers, (sessionId, teamId) => this.clocks.refresh(sessionId, teamId)));
    this.participants = new Participants(this.ctx);
    this.reads = new ReadModels(this.ctx);
    this.votes = new VoteBatcher(
      () => poolOf(prisma),
      (id, client) => scenarios.cached(id, async () => (await client.query<{ document: unknown }>("select document from scenarios where id = $1", [id])).rows[0]?.document),
      (code, message) => new DomainError(code, message),
      (tallies) => {
        for (const [id, teams] of tallies) {
          this.publish.talliesChanged?.(id, teams);
          this.publish.consoleChanged(id);
        }
      },
    );
  }

  // ---------------------------------------------------------------- access and scenarios

  /** Inside a transaction, pass its `tx`: a query on the outer client would wait for it. */
  scenarioFor(scenarioId: string, db?: Db): Promise<TScenario> {
    return this.ctx.scenarios.get(scenarioId, db);
  }

  /** Records in the audit trail that a user opened a session's live data. */
  async auditView(user: SignedInUser, sessionId: string): Promise<void> {
    await audit(this.prisma, user, "view", "session", sessionId, { via: "console" });
  }

  // ---------------------------------------------------------------- timers

  /** With several nodes, only the session's owner arms its timers (see lib/realtime/cluster.ts). */
  setTimerOwnership(owns: TimerOwnership): void {
    this.ctx.timers.setOwnership(owns);
    this.clocks.setOwnership(owns);
  }

  /** Sessions that have a decision timer or a regulatory clock running, for timer ownership across nodes. */
  async sessionsWithTimers(): Promise<string[]> {
    const [decisions, clocks] = await Promise.all([sessionsWithTimers(this.prisma), runningSessionsWithClocks(this.prisma)]);
    return [...new Set([...decisions, ...clocks])];
  }

  /** Arms every running timer of one session from the database (idempotent). */
  async armTimers(sessionId: string): Promise<void> {
    await this.ctx.timers.armFromDatabase(this.prisma, sessionId);
    await this.clocks.armFromDatabase(sessionId);
  }

  /** After a restart: re-arm every running decision timer from the database (the count), and the regulatory clocks. */
  async recoverTimers(): Promise<number> {
    const decisions = await this.ctx.timers.armFromDatabase(this.prisma);
    await this.clocks.armFromDatabase();
    return decisions;
  }

  disarmTimers(sessionId: string): void {
    this.ctx.timers.disarm(sessionId);
    this.clocks.disarm(sessionId);
  }

  /** A decision timer ran out. Safe to call more than once: only the first call acts. */
  fireTimer(teamId: string, nodeId: string, visit: number): Promise<"fired" | "stale"> {
    return fireTimer(this.ctx, teamId, nodeId, visit);
  }

  // ---------------------------------------------------------------- facilitator

  createSession(user: SignedInUser, raw: unknown) {
    return createSession(this.ctx, user, raw);
  }

  /** A facilitator's command, from someone who may run this session (the permission matrix's scope rules). */
  async command(user: SignedInUser, sessionId: string, raw: unknown, key: string) {
    const { session, scope } = await this.scopedSessions.get(sessionId);
    assertSessionAccess(user, scope, "sessions", "modify");
    refuseDrill(session, "a live session's commands");
    return command(this.ctx, user, session, raw, key);
  }

  // ---------------------------------------------------------------- participants

  joinSession(raw: unknown): Promise<{ token: string; participantId: string; sessionId: string }> {
    return this.participants.join(raw);
  }

  participantByToken(token: string): Promise<ParticipantIdentity> {
    return this.participants.byToken(token);
  }

  participantIdentity(participantId: string): Promise<ParticipantIdentity> {
    return this.participants.identity(participantId);
  }

  chooseTeam(participant: ParticipantIdentity, raw: unknown, key: string) {
    return this.participants.chooseTeam(participant, raw, key);
  }

  /** Records a vote; acknowledged after the micro-batch it joined has committed. */
  async castVote(participant: Pick<ParticipantIdentity, "id">, raw: unknown, key: string) {
    const input = ZVote.parse(raw);
    return this.votes.submit({ participantId: participant.id, key, ...input });
  }

  submitAnswer(participant: ParticipantIdentity, raw: unknown, key: string) {
    return this.participants.submitAnswer(participant, raw, key);
  }

  /** After a participant's data was erased: tell them, and refresh every view of the session. */
  participantRemoved(sessionId: string, participantId?: string): void {
    if (participantId) this.publish.participantErased?.(sessionId, participantId);
    this.publish.sessionChanged(sessionId);
  }

  // ---------------------------------------------------------------- regulatory clocks and notices

  clocksForParticipant(participant: ParticipantIdentity): Promise<TeamClocks | null> {
    return this.clocks.forParticipant(participant);
  }

  clocksForConsole(user: SignedInUser, sessionId: string): Promise<TeamClocks[]> {
    return this.clocks.forConsole(user, sessionId);
  }

  editNotice(participant: ParticipantIdentity, raw: unknown, key: string) {
    return this.clocks.editDraft(participant, raw, key);
  }

  submitNotice(participant: ParticipantIdentity, raw: unknown, key: string) {
    return this.clocks.submit(participant, raw, key);
  }

  /** A clock started or stopped by hand, or a verdict on a notice. */
  clockCommand(user: SignedInUser, sessionId: string, raw: unknown, key: string) {
    return this.clocks.command(user, sessionId, raw, key);
  }

  // ---------------------------------------------------------------- views

  sessionAudience(sessionId: string) {
    return this.reads.sessionAudience(sessionId);
  }

  joinInfo(sessionId: string) {
    return this.reads.joinInfo(sessionId);
  }

  teamBroadcastView(teamId: string): Promise<TeamView & { sessionId: string }> {
    return this.reads.teamBroadcastView(teamId);
  }

  participantView(participantId: string): Promise<ParticipantView> {
    return this.reads.participantView(participantId);
  }

  consoleView(sessionId: string, connected?: (participantId: string) => boolean): Promise<ConsoleView> {
    return this.reads.consoleView(sessionId, connected);
  }

  results(sessionId: string) {
    return this.reads.results(sessionId);
  }
}

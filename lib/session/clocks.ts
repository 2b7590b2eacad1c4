// Regulatory clocks in a running session: the team's shared notice drafts (last write per
// field wins, each field remembers who wrote it), notice submissions (only by the task's
// submitter role when someone in the team holds it), and the facilitator's manual clock
// starts and stops and verdicts on notices. Every write commits with its event in the session
// log before it is acknowledged. Story time comes from lib/scoring/story-time.ts plus the
// session's real running time (from its own start/pause/resume events) times the scenario's
// compression factor, so it is exact after a pause, a restart or on another node; a clock
// running out in real time wakes a ClockTimers timer, and `refresh` records the breach once.
import type { SignedInUser } from "@/lib/auth/types";
import { assertSessionAccess, requireSessionScope } from "@/lib/auth/session-scope";
import { DomainError } from "@/lib/errors/domain-error";
import { readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import type { TScenario } from "@/lib/scenario";
import type { ParticipantIdentity, SessionContext, SessionPublisher } from "@/lib/session/context";
import { logError } from "@/lib/log/logger";
import { ZClockCommand, ZNoticeEdit, ZNoticeSubmit } from "@/lib/session/clock-inputs";
import { loadClockRows, recordClockEvent, runningSessionsWithClocks, writeDraftField, type SessionClockRows } from "@/lib/session/clock-store";
import type { ClockTimers } from "@/lib/session/clock-timers";
import type { TimerOwnership } from "@/lib/session/timers";
import { buildTeamClocks, judgeClocks, runningMs, storyNowOf, type TeamClocks } from "@/lib/session/clock-views";
import { asState, isOver } from "@/lib/session/lifecycle";
import { refuseDrill } from "@/lib/session/live-only";
import { event, idempotent, readScopedSession, readSession, type Actor, type SessionRow } from "@/lib/session/store";

type Judged = { view: TeamClocks; storyNow: number; breachedUnrecorded: Array<{ clockId: string; deadlineAt: number }>; nextDueStory: number | null };

const RUNNING = new Set(["running", "warning"]);

export class LiveClocks {
  private readonly hasClocks = new Map<string, boolean>();

  constructor(
    private readonly ctx: SessionContext,
    private readonly timers: ClockTimers,
  ) {}

  // ---------------------------------------------------------------- reading

  /** Whether the session's scenario declares clocks (a session's scenario never changes). */
  async declaresClocks(sessionId: string): Promise<boolean> {
    const known = this.hasClocks.get(sessionId);
    if (known !== undefined) return known;
    const session = await readSession(this.ctx.prisma, sessionId);
    const has = (await this.ctx.scenarios.get(session.scenarioId)).clocks.length > 0;
    this.hasClocks.set(sessionId, has);
    return has;
  }

  /** Every team's clocks (or one team's) as they stand now. */
  async views(sessionId: string, teamId?: string): Promise<TeamClocks[]> {
    return (await this.judge(sessionId, teamId)).map((j) => j.view);
  }

  /** The participant's team's clocks, or null before they have a team or when the scenario has none. */
  async forParticipant(p: ParticipantIdentity): Promise<TeamClocks | null> {
    if (!p.sessionTeamId || !(await this.declaresClocks(p.sessionId))) return null;
    return (await this.views(p.sessionId, p.sessionTeamId))[0] ?? null;
  }

  /** The console's view of every team's clocks, for a user who may see the session. */
  async forConsole(user: SignedInUser, sessionId: string): Promise<TeamClocks[]> {
    await requireSessionScope(user, sessionId, "sessions", "view", this.ctx.prisma);
    return (await this.declaresClocks(sessionId)) ? this.views(sessionId) : [];
  }

  private async judge(sessionId: string, teamId?: string): Promise<Judged[]> {
    const session = await readSession(this.ctx.prisma, sessionId);
    const scenario = await this.ctx.scenarios.get(session.scenarioId);
    const rows = await loadClockRows(this.ctx.prisma, sessionId, teamId);
    const named = new Set([...rows.drafts.flatMap((d) => Object.values(d.fields).map((f) => f.by)), ...rows.notices.map((n) => n.submittedBy)]);
    const names = await readDisplayNames(this.ctx.prisma, rows.members.filter((m) => named.has(m.id)));
    const now = new Date();
    const runMs = runningMs(rows.runEvents, now.getTime());
    return rows.teams.map((team) => judgeTeam(scenario, session, team, rows, runMs, now, names));
  }

  // ---------------------------------------------------------------- participants

  async editDraft(p: ParticipantIdentity, raw: unknown, key: string) {
    const input = ZNoticeEdit.parse(raw);
    const { session, scenario, teamId } = await this.participantContext(p);
    if (isOver(session.status)) throw new DomainError("SESSION_ENDED", "the session is over; notices can no longer change");
    const task = notificationTask(scenario, input.taskId);
    if (!task.fields.some((f) => f.id === input.fieldId)) throw new DomainError("UNKNOWN_FIELD", `the notice "${task.title}" has no field "${input.fieldId}"`, "/fieldId");
    const { result } = await idempotent(this.ctx.prisma, `notice-edit:${p.sessionId}:${key}`, p.sessionId, async (tx) => {
      const revision = await writeDraftField(tx, { sessionId: p.sessionId, teamId, taskId: task.id, fieldId: input.fieldId, field: { value: input.value, by: p.id, at: new Date().toISOString() } });
      await event(tx, p.sessionId, "notice.edited", { taskId: task.id, fieldId: input.fieldId, revision }, { type: "participant", id: p.id }, teamId);
      return { taskId: task.id, fieldId: input.fieldId, revision };
    });
    this.refreshLater(p.sessionId, teamId);
    return result;
  }

  async submit(p: ParticipantIdentity, raw: unknown, key: string) {
    const input = ZNoticeSubmit.parse(raw);
    const { session, scenario, teamId } = await this.participantContext(p);
    if (session.status !== "RUNNING") throw new DomainError("SESSION_NOT_RUNNING", `the session is ${session.status.toLowerCase()}; notices are sent while it runs`);
    const task = notificationTask(scenario, input.taskId);
    const { result } = await this.ctx.mutex.run(`clocks:${teamId}`, async () => {
      const [judged] = await this.judge(p.sessionId, teamId);
      const live = judged.view.tasks.find((t) => t.id === task.id)!;
      if (!live.open) throw new DomainError("NOTICE_NOT_OPEN", `"${task.title}" cannot be sent yet: its clock has not started`, "/taskId");
      if (live.submitterHeld && p.roleId !== task.submitter) {
        const role = scenario.roles.find((r) => r.id === task.submitter)?.name ?? task.submitter;
        throw new DomainError("NOT_SUBMITTER", `only the team's ${role} may send "${task.title}"; fill in the fields and ask them to send it`);
      }
      const fields = Object.fromEntries(live.fields.filter((f) => f.value.trim() !== "").map((f) => [f.id, f.value]));
      return idempotent(this.ctx.prisma, `notice-submit:${p.sessionId}:${key}`, p.sessionId, async (tx) => {
        const storyAt = new Date(judged.storyNow);
        const id = crypto.randomUUID();
        await tx.$executeRaw`
          insert into notices (id, session_id, session_team_id, task_id, fields, story_at, submitted_by, status, created_at)
          values (${id}, ${p.sessionId}, ${teamId}, ${task.id}, ${JSON.stringify(fields)}::jsonb, ${storyAt}, ${p.id}, 'pending', now())`;
        await event(tx, p.sessionId, "notice.submitted", { noticeId: id, taskId: task.id, storyAt: storyAt.toISOString(), fields: Object.keys(fields) }, { type: "participant", id: p.id }, teamId);
        return { noticeId: id, taskId: task.id, storyAt: storyAt.toISOString() };
      });
    });
    this.refreshLater(p.sessionId, teamId);
    return result;
  }

  private async participantContext(p: ParticipantIdentity) {
    if (!p.sessionTeamId) throw new DomainError("NO_TEAM", "choose a team first");
    const session = await readSession(this.ctx.prisma, p.sessionId);
    return { session, scenario: await this.ctx.scenarios.get(session.scenarioId), teamId: p.sessionTeamId };
  }

  // ---------------------------------------------------------------- facilitator

  /** A clock start or stop by hand, or a verdict on a notice, from someone who may run the session. */
  async command(user: SignedInUser, sessionId: string, raw: unknown, key: string): Promise<{ clocks: TeamClocks }> {
    const cmd = ZClockCommand.parse(raw);
    const { session, scope } = await readScopedSession(this.ctx.prisma, sessionId);
    assertSessionAccess(user, scope, "sessions", "modify");
    refuseDrill(session, "a regulatory clock command");
    const scenario = await this.ctx.scenarios.get(session.scenarioId);
    const actor: Actor = { type: "user", id: user.id };
    let teamId: string;
    if (cmd.type === "notice-verdict") {
      const [notice] = await this.ctx.prisma.$queryRaw<Array<{ team_id: string }>>`select session_team_id as team_id from notices where id = ${cmd.noticeId} and session_id = ${sessionId}`;
      if (!notice) throw new DomainError("NOTICE_NOT_FOUND", `no notice of this session has the id ${cmd.noticeId}`, "/command/noticeId");
      teamId = notice.team_id;
      await idempotent(this.ctx.prisma, `clock-cmd:${sessionId}:${key}`, sessionId, async (tx) => {
        await tx.$executeRaw`update notices set status = ${cmd.verdict}, verdict_at = now() where id = ${cmd.noticeId}`;
        await event(tx, sessionId, `notice.${cmd.verdict}`, { noticeId: cmd.noticeId }, actor, teamId);
        return { noticeId: cmd.noticeId };
      });
    } else {
      teamId = cmd.teamId;
      if (session.status !== "RUNNING" && session.status !== "PAUSED") throw new DomainError("SESSION_NOT_RUNNING", `the session is ${session.status.toLowerCase()}; clocks run while it is running or paused`);
      if (!scenario.clocks.some((c) => c.id === cmd.clockId)) throw new DomainError("UNKNOWN_CLOCK", `the scenario has no clock "${cmd.clockId}"`, "/command/clockId");
      await this.ctx.mutex.run(`clocks:${teamId}`, async () => {
        const [judged] = await this.judge(sessionId, teamId);
        if (!judged) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session", "/command/teamId");
        const status = judged.view.clocks.find((c) => c.id === cmd.clockId)!.status;
        const starting = cmd.type === "clock-start";
        if (starting ? status !== "not-started" : !(RUNNING.has(status) || status === "breached")) {
          throw new DomainError("CLOCK_STATE", starting ? `the clock "${cmd.clockId}" is already ${status}` : `the clock "${cmd.clockId}" is ${status}; only a started clock can be stopped`, "/command/clockId");
        }
        await idempotent(this.ctx.prisma, `clock-cmd:${sessionId}:${key}`, sessionId, async (tx) => {
          const storyAt = new Date(judged.storyNow);
          await recordClockEvent(tx, { sessionId, teamId, clockId: cmd.clockId, action: starting ? "start" : "stop", storyAt, actorId: user.id });
          await event(tx, sessionId, starting ? "clock.started" : "clock.stopped", { clockId: cmd.clockId, storyAt: storyAt.toISOString(), manual: true }, actor, teamId);
          return { clockId: cmd.clockId };
        });
      });
    }
    const [clocks] = await this.refresh(sessionId, teamId);
    return { clocks };
  }

  // ---------------------------------------------------------------- breaches and timers

  /**
   * Judges the clocks again: records each newly breached clock once (a `clock.breached` event),
   * arms the timer of the next clock to run out, and pushes the new views. Safe to call any
   * number of times, from any node.
   */
  async refresh(sessionId: string, teamId?: string): Promise<TeamClocks[]> {
    if (!(await this.declaresClocks(sessionId))) return [];
    let judged = await this.judge(sessionId, teamId);
    const due = judged.filter((j) => j.breachedUnrecorded.length > 0);
    if (due.length > 0) {
      await this.ctx.prisma.$transaction(async (tx) => {
        for (const j of due) {
          for (const b of j.breachedUnrecorded) {
            const first = await recordClockEvent(tx, { sessionId, teamId: j.view.teamId, clockId: b.clockId, action: "breach", storyAt: new Date(b.deadlineAt), actorId: null });
            if (first) await event(tx, sessionId, "clock.breached", { clockId: b.clockId, deadlineAt: new Date(b.deadlineAt).toISOString() }, { type: "system", id: null }, j.view.teamId);
          }
        }
      });
      judged = await this.judge(sessionId, teamId);
    }
    const now = Date.now();
    for (const j of judged) {
      const compression = j.view.compression;
      const at = j.view.running && compression && j.nextDueStory !== null ? now + (j.nextDueStory - j.storyNow) / compression : null;
      this.timers.schedule(sessionId, j.view.teamId, at);
      this.ctx.publish.clocksChanged?.(j.view);
    }
    return judged.map((j) => j.view);
  }

  /** Refreshes without waiting: the write was acknowledged; its push follows. */
  private refreshLater(sessionId: string, teamId: string): void {
    void this.refresh(sessionId, teamId).catch((e: unknown) => logError(`clocks of team ${teamId} failed to refresh`, e));
  }

  /** After a restart (all running sessions) or a takeover (one): breaches missed while down are recorded once, timers re-armed. */
  async armFromDatabase(sessionId?: string): Promise<number> {
    const sessions = await runningSessionsWithClocks(this.ctx.prisma, sessionId);
    for (const id of sessions) await this.refresh(id);
    return sessions.length;
  }

  disarm(sessionId: string): void {
    this.timers.disarm(sessionId);
  }

  setOwnership(owns: TimerOwnership): void {
    this.timers.setOwnership(owns);
  }
}

function notificationTask(scenario: TScenario, taskId: string) {
  const task = scenario.tasks.find((t) => t.id === taskId);
  if (!task || task.kind !== "notification") throw new DomainError("UNKNOWN_TASK", `the scenario has no notification task "${taskId}"`, "/taskId");
  return task;
}

function judgeTeam(scenario: TScenario, session: SessionRow, team: SessionClockRows["teams"][number], rows: SessionClockRows, runMs: number, now: Date, names: ReadonlyMap<string, string>): Judged {
  const state = asState(team.state);
  const history = state?.history ?? [];
  // Story time starts with the session: before it, nothing has happened in the story.
  const story = storyNowOf(scenario, history, state ? runMs : 0);
  const manual = rows.manual.filter((m) => m.teamId === team.id);
  const notices = rows.notices.filter((n) => n.teamId === team.id);
  const inputs = { scenario, history, storyNow: story.now, events: state ? story.events : [], manual, notices, ended: isOver(session.status) || state?.status === "ended" };
  const results = judgeClocks(inputs);
  const recorded = new Set(rows.breaches.filter((b) => b.teamId === team.id).map((b) => b.clockId));
  const view = buildTeamClocks({
    ...inputs,
    sessionId: session.id,
    team,
    running: session.status === "RUNNING" && state?.status !== "ended",
    serverTime: now,
    drafts: rows.drafts.filter((d) => d.teamId === team.id),
    roles: new Set(rows.members.filter((m) => m.teamId === team.id && m.roleId).map((m) => m.roleId!)),
    names,
  });
  const running = results.filter((r) => RUNNING.has(r.status) && r.deadlineAt !== null);
  return {
    view,
    storyNow: story.now,
    breachedUnrecorded: results.filter((r) => r.status === "breached" && !recorded.has(r.clockId)).map((r) => ({ clockId: r.clockId, deadlineAt: r.deadlineAt! })),
    nextDueStory: running.length ? Math.min(...running.map((r) => r.deadlineAt!)) : null,
  };
}

/**
 * The publisher the session's parts report to, with the clocks judged again after every team
 * or session change (a step moves story time; a pause stops it), so breaches are recorded and
 * timers armed on the path every change already takes.
 */
export function withClockRefresh(publish: SessionPublisher, clocks: () => LiveClocks): SessionPublisher {
  const refresh = (sessionId: string, teamId?: string) => {
    void clocks().refresh(sessionId, teamId).catch((e: unknown) => logError(`clocks of session ${sessionId} failed to refresh`, e));
  };
  return {
    teamChanged(sessionId, teamId, view) {
      publish.teamChanged(sessionId, teamId, view);
      refresh(sessionId, teamId);
    },
    sessionChanged(sessionId) {
      publish.sessionChanged(sessionId);
      refresh(sessionId);
    },
    consoleChanged: (sessionId) => publish.consoleChanged(sessionId),
    talliesChanged: (sessionId, tallies) => publish.talliesChanged?.(sessionId, tallies),
    participantChanged: (sessionId, participantId) => publish.participantChanged(sessionId, participantId),
    participantErased: (sessionId, participantId) => publish.participantErased?.(sessionId, participantId),
    clocksChanged: (view) => publish.clocksChanged?.(view),
  };
}

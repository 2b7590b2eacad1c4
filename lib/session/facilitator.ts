// The facilitator's side of a live session: creating it, the session-wide commands
// (start, pause, resume, end: the transition table in lib/session/lifecycle.ts), the team
// commands (advance, lock; extend in time-limit.ts), notes and assignments, and a decision timer running out.
// Transitions run through the scenario engine; each write commits with its event before
// it is acknowledged, and a command retried with the same key acts not at all.
import { resolveSessionTeams } from "@/lib/teams/service";
import {
  applyEvent,
  bestPoints,
  currentNode,
  startScenario,
  TIMEOUT_CHOICE,
  type EngineEvent,
  type EngineState,
  type TDecisionNode,
  type TScenario,
} from "@/lib/scenario";
import type { SignedInUser } from "@/lib/auth/types";
import { formatJoinCode, generateJoinCode } from "@/lib/session/join-code";
import { tallyVotes, type Tally } from "@/lib/session/tally";
import { decidersOf, lockRights, type LockRights } from "@/lib/session/decision-rights";
import { DomainError } from "@/lib/errors/domain-error";
import { ZCommand, ZCreateSession, type Command } from "@/lib/session/inputs";
import { asState, canTransition, JOIN_CODE_TTL_MS, TRANSITIONS, visitOf, type SessionCommandType } from "@/lib/session/lifecycle";
import { decisionVotes, event, idempotent, lockTeam, teamRoleIds, type Actor, type SessionRow, type TeamRow, type Tx } from "@/lib/session/store";
import { assign } from "@/lib/session/join";
import { extendTime } from "@/lib/session/time-limit";
import { revealVotes } from "@/lib/session/reveal";
import { teamView, type TeamView } from "@/lib/session/views";
import type { SessionContext } from "@/lib/session/context";
import { timing } from "@/lib/session/timing";

export async function createSession(ctx: SessionContext, user: SignedInUser, raw: unknown) {
  const { prisma } = ctx;
  const input = ZCreateSession.parse(raw);
  const scenarioRow = await prisma.scenario.findUnique({ where: { id: input.scenarioId } });
  if (!scenarioRow) throw new DomainError("SCENARIO_NOT_FOUND", `scenario ${input.scenarioId} does not exist`);
  const scenario = await ctx.scenarios.get(scenarioRow.id);
  for (let attempt = 0; ; attempt++) {
    const joinCode = generateJoinCode();
    try {
      const session = await prisma.$transaction(async (tx) => {
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
        await event(
          tx,
          s.id,
          "session.created",
          { scenarioId: scenarioRow.id, contentHash: scenarioRow.contentHash, teams: teams.map((t) => t.name), teamIds: teams.map((t) => t.teamId), anonymous: input.anonymous },
          { type: "user", id: user.id },
        );
        return s;
      });
      return { id: session.id, joinCode: formatJoinCode(joinCode), joinUrl: `${ctx.publicUrl()}/join?code=${formatJoinCode(joinCode)}` };
    } catch (e) {
      if (attempt < 3 && String((e as Error).message).includes("join_code")) continue;
      throw e;
    }
  }
}

/** A facilitator's command; `session` was read for the permission check just before. */
export async function command(ctx: SessionContext, user: SignedInUser, session: SessionRow, raw: unknown, key: string) {
  const cmd = ZCommand.parse(raw);
  const sessionId = session.id;
  const actor = { type: "user", id: user.id };
  if (cmd.type === "assign") return assign(ctx, sessionId, cmd.participantId, cmd.teamId, cmd.roleId ?? null, key, actor);
  if (cmd.type === "note") {
    const { result } = await idempotent(ctx.prisma, `note:${sessionId}:${key}`, sessionId, async (tx) => {
      let nodeId: string | null = null;
      if (cmd.teamId) {
        const team = await tx.sessionTeam.findUnique({ where: { id: cmd.teamId } });
        if (!team || team.sessionId !== sessionId) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
        nodeId = asState(team.state)?.nodeId ?? null;
      }
      const note = await tx.note.create({ data: { sessionId, sessionTeamId: cmd.teamId ?? null, nodeId, text: cmd.text, authorId: user.id } });
      await event(tx, sessionId, "note.added", { noteId: note.id, nodeId }, actor, cmd.teamId);
      return { noteId: note.id };
    });
    ctx.publish.consoleChanged(sessionId);
    return result;
  }
  if (cmd.type === "extend") return extendTime(ctx, session, cmd.teamId, cmd.seconds, key, actor);
  if (cmd.type === "reveal") return revealVotes(ctx, session, cmd.teamId, cmd.show, key, actor);
  if (cmd.type === "advance" || cmd.type === "lock") return teamCommand(ctx, session, cmd, key, actor);
  return sessionCommand(ctx, session, cmd, key, actor);
}

/** The transaction re-reads what it changes under a lock. */
async function sessionCommand(ctx: SessionContext, session: SessionRow, cmd: { type: SessionCommandType }, key: string, actor: Actor) {
  const sessionId = session.id;
  const scenario = await ctx.scenarios.get(session.scenarioId);
  const transition = TRANSITIONS[cmd.type];
  const { result, replayed } = await ctx.mutex.run(`session:${sessionId}`, () =>
    idempotent(ctx.prisma, `cmd:${sessionId}:${key}`, sessionId, async (tx) => {
      await tx.$queryRaw`select id from exercise_sessions where id = ${sessionId} for update`;
      const current = await tx.exerciseSession.findUniqueOrThrow({ where: { id: sessionId }, include: { teams: true } });
      if (!canTransition(cmd.type, current.status)) {
        throw new DomainError("INVALID_STATE", `cannot ${cmd.type} a session that is ${current.status.toLowerCase()}`);
      }
      const now = new Date();
      const schedule: Array<{ teamId: string; deadlineAt: Date | null; nodeId: string; visit: number }> = [];
      if (cmd.type === "start") {
        for (const team of current.teams) {
          const state = startScenario(scenario);
          const times = timing(scenario, state, now);
          await tx.sessionTeam.update({ where: { id: team.id }, data: { state: state as object, ...times, timerRemainingMs: null, revision: { increment: 1 } } });
          await event(tx, sessionId, "team.entered", { nodeId: state.nodeId, visit: visitOf(state) }, actor, team.id);
          schedule.push({ teamId: team.id, deadlineAt: times.deadlineAt, nodeId: state.nodeId, visit: visitOf(state) });
        }
        await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: transition.to, startedAt: now } });
      } else if (cmd.type === "pause") {
        for (const team of current.teams) {
          if (!team.deadlineAt) continue;
          await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null, timerRemainingMs: Math.max(0, team.deadlineAt.getTime() - now.getTime()) } });
        }
        await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: transition.to } });
      } else if (cmd.type === "resume") {
        for (const team of current.teams) {
          if (team.timerRemainingMs === null) continue;
          const deadlineAt = new Date(now.getTime() + team.timerRemainingMs);
          await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt, timerRemainingMs: null } });
          const state = asState(team.state);
          if (state) schedule.push({ teamId: team.id, deadlineAt, nodeId: state.nodeId, visit: visitOf(state) });
        }
        await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: transition.to } });
      } else {
        for (const team of current.teams) await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null, timerRemainingMs: null } });
        await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: transition.to, endedAt: now } });
      }
      // Every team's view changes with the session's phase.
      if (cmd.type !== "start") await tx.sessionTeam.updateMany({ where: { sessionId }, data: { revision: { increment: 1 } } });
      await event(tx, sessionId, transition.event, {}, actor);
      return { status: transition.to, teamIds: current.teams.map((t) => t.id), schedule: schedule.map((s) => ({ ...s, deadlineAt: s.deadlineAt?.toISOString() ?? null })) };
    }),
  );
  if (!replayed) {
    if (cmd.type === "pause" || cmd.type === "end") for (const id of result.teamIds) ctx.timers.cancel(id);
    for (const s of result.schedule) ctx.timers.schedule(s.teamId, s.deadlineAt ? new Date(s.deadlineAt) : null, s.nodeId, s.visit, sessionId);
  }
  ctx.publish.sessionChanged(sessionId);
  return { status: result.status };
}

async function teamCommand(ctx: SessionContext, session: SessionRow, cmd: Extract<Command, { type: "advance" | "lock" }>, key: string, actor: Actor) {
  const sessionId = session.id;
  if (session.status !== "RUNNING") throw new DomainError("SESSION_NOT_RUNNING", `the session is ${session.status.toLowerCase()}; start or resume it first`);
  const scenario = await ctx.scenarios.get(session.scenarioId);
  // The view the transaction leaves behind is pushed as it is, without reading it again.
  let view: TeamView | undefined;
  // Advances commit in groups (lib/session/advance-batcher.ts); a lock runs alone.
  const { result, replayed } = await ctx.mutex.run(cmd.teamId, async () => {
    if (cmd.type === "advance") {
      const advanced = await ctx.advances.submit({ sessionId, teamId: cmd.teamId, key: `cmd:${sessionId}:${key}`, actor, scenario });
      view = advanced.view;
      return advanced;
    }
    return idempotent(ctx.prisma, `cmd:${sessionId}:${key}`, sessionId, async (tx) => {
      const team = await lockTeam(tx, cmd.teamId);
      if (team.sessionId !== sessionId) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
      const state = asState(team.state);
      if (!state) throw new DomainError("INVALID_STATE", "the team has not started");
      const node = currentNode(scenario, state);
      if (node?.type !== "decision") throw new DomainError("NOT_AT_DECISION", `the team is at "${state.nodeId}", not at a decision`);
      const visit = visitOf(state);
      const counted = await tally(tx, team.id, node, visit);
      let optionId = cmd.optionId;
      let method: string = counted.method;
      if (optionId) {
        if (counted.winner === optionId) method = counted.method;
        else if (counted.tied.includes(optionId)) method = "tie-break";
        else if (counted.counted === 0) method = "facilitator";
        else method = "override";
      } else if (counted.winner) {
        optionId = counted.winner;
      } else if (counted.tied.length) {
        throw new DomainError("TIE", `the vote is tied between ${counted.tied.join(", ")}; choose one to break the tie`);
      } else {
        throw new DomainError("NO_VOTES", counted.method === "role" ? `nobody in role "${counted.deciders.join('" or "')}" has voted; choose an option for the team` : "nobody has voted yet; choose an option for the team");
      }
      const locked = await transition(ctx, tx, scenario, team, state, { type: "choose", optionId }, actor, { method, tally: counted, reason: cmd.reason ?? null, rights: counted.rightsOf(optionId) });
      view = locked.view;
      return locked.rest;
    });
  });
  // A replay acts not at all: the first run already armed the timer and pushed this revision.
  if (replayed) return result;
  ctx.timers.schedule(cmd.teamId, result.deadlineAt ? new Date(result.deadlineAt) : null, result.nodeId, result.visit, sessionId);
  ctx.publish.teamChanged(sessionId, cmd.teamId, view);
  ctx.publish.consoleChanged(sessionId);
  return result;
}

/** The decision's tally by who decides (owner roles held in the team, else `decidedBy`), and what a lock on an option records about decision rights. */
async function tally(tx: Tx, teamId: string, node: TDecisionNode, visit: number): Promise<Tally & { deciders: string[]; rightsOf: (optionId: string) => LockRights | null }> {
  const [votes, held] = await Promise.all([decisionVotes(tx, teamId, node.id, visit), teamRoleIds(tx, teamId)]);
  const options = node.options.map((o) => o.id);
  const deciders = decidersOf(node, held);
  return { ...tallyVotes(votes, deciders, options), deciders: typeof deciders === "string" ? [deciders] : deciders, rightsOf: (optionId) => lockRights(node, held, votes, optionId, options) };
}

/** Applies a decision (a lock or a timeout) to a locked team row and records it; returns where the team now rests. Advances: lib/session/advance-batcher.ts. */
async function transition(
  ctx: SessionContext,
  tx: Tx,
  scenario: TScenario,
  team: TeamRow & { session: { status: string } },
  state: EngineState,
  engineEvent: EngineEvent,
  actor: Actor,
  decision: { method: string; tally: Tally | null; reason: string | null; rights: LockRights | null },
) {
  const result = applyEvent(scenario, state, engineEvent);
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  const now = new Date();
  const next = result.state;
  const times = timing(scenario, next, now);
  const rights = decision.rights;
  const node = currentNode(scenario, state) as TDecisionNode;
    const made = next.history.slice(state.history.length).find((h) => h.event === "choose" || h.event === "timeout");
    await tx.decision.create({
      data: {
        sessionId: team.sessionId,
        sessionTeamId: team.id,
        nodeId: node.id,
        visit: visitOf(state),
        optionId: engineEvent.type === "choose" ? engineEvent.optionId : TIMEOUT_CHOICE,
        method: decision.method,
        tally: (decision.tally ? { counts: decision.tally.counts, counted: decision.tally.counted, total: decision.tally.total, ...(rights ? { rights } : {}) } : {}) as object,
        points: (made && "points" in made ? made.points : {}) as object,
        bestPoints: (made && "best" in made ? made.best : bestPoints(node, state)) as object,
        reason: decision.reason,
        enteredAt: team.nodeEnteredAt ?? now,
        decidedById: actor.type === "user" ? (actor.id ?? null) : null,
      },
    });
  await tx.$executeRaw`
    update session_teams
    set state = ${JSON.stringify(next)}::jsonb, node_entered_at = ${times.nodeEnteredAt}, deadline_at = ${times.deadlineAt}, timer_remaining_ms = null, revision = revision + 1
    where id = ${team.id}`;
  await event(tx, team.sessionId, "decision.locked", {
    from: state.nodeId,
    to: next.nodeId,
    visit: visitOf(next),
    ...(engineEvent.type === "choose" ? { optionId: engineEvent.optionId } : {}),
    method: decision.method,
    reason: decision.reason,
    ...(rights ? { rights } : {}),
  }, actor, team.id);
  const view = teamView(team.session, { ...team, state: next, ...times, timerRemainingMs: null, revision: team.revision + 1 }, scenario, decision.method);
  return { rest: { nodeId: next.nodeId, visit: visitOf(next), status: next.status, deadlineAt: times.deadlineAt?.toISOString() ?? null }, view };
}

/** A decision timer ran out. Safe to call more than once: only the first call acts. */
export async function fireTimer(ctx: SessionContext, teamId: string, nodeId: string, visit: number): Promise<"fired" | "stale"> {
  const { prisma } = ctx;
  const outcome = await ctx.mutex.run(teamId, async () => {
    const team0 = await prisma.sessionTeam.findUnique({ where: { id: teamId }, include: { session: true } });
    if (!team0) return { kind: "stale" as const };
    const scenario = await ctx.scenarios.get(team0.session.scenarioId);
    return prisma.$transaction(async (tx) => {
      const team = await lockTeam(tx, teamId);
      const session = await tx.exerciseSession.findUniqueOrThrow({ where: { id: team.sessionId } });
      const state = asState(team.state);
      if (session.status !== "RUNNING" || !state || !team.deadlineAt || state.nodeId !== nodeId || visitOf(state) !== visit) return { kind: "stale" as const };
      if (team.deadlineAt.getTime() > Date.now() + 50) return { kind: "early" as const, deadlineAt: team.deadlineAt };
      const node = currentNode(scenario, state);
      if (node?.type !== "decision") return { kind: "stale" as const };
      const system = { type: "system", id: null };
      await event(tx, team.sessionId, "timer.fired", { nodeId, visit }, system, team.id);
      if (node.onTimeout) {
        const r = await transition(ctx, tx, scenario, team, state, { type: "timeout" }, system, { method: "timeout", tally: await tally(tx, team.id, node, visit), reason: null, rights: null });
        return { kind: "fired" as const, sessionId: team.sessionId, next: r.rest, view: r.view };
      }
      const counted = await tally(tx, team.id, node, visit);
      if (counted.winner) {
        const r = await transition(ctx, tx, scenario, team, state, { type: "choose", optionId: counted.winner }, system, { method: `${counted.method}-at-timeout`, tally: counted, reason: null, rights: counted.rightsOf(counted.winner) });
        return { kind: "fired" as const, sessionId: team.sessionId, next: r.rest, view: r.view };
      }
      // No fallback and no clear vote: time is up, and the facilitator decides.
      await tx.sessionTeam.update({ where: { id: team.id }, data: { deadlineAt: null } });
      return { kind: "fired" as const, sessionId: team.sessionId, next: null, view: undefined };
    });
  });
  if (outcome.kind === "early") {
    ctx.timers.schedule(teamId, outcome.deadlineAt, nodeId, visit);
    return "stale";
  }
  if (outcome.kind === "stale") return "stale";
  if (outcome.next) ctx.timers.schedule(teamId, outcome.next.deadlineAt ? new Date(outcome.next.deadlineAt) : null, outcome.next.nodeId, outcome.next.visit, outcome.sessionId);
  ctx.publish.teamChanged(outcome.sessionId, teamId, outcome.view);
  ctx.publish.consoleChanged(outcome.sessionId);
  return "fired";
}

// Extending a decision's time limit while it runs: the facilitator's "+1 min" for a team
// that needs longer (a screen-reader user, a slow connection, a hard call). A decision
// timer is the one time limit participants face, and no score depends on speed, so
// extending it changes nothing but the deadline. The rule is pure (`extendedTimer`); the
// command locks the team, records `timer.extended`, re-arms the timer and pushes the view.
import { currentNode } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { asState, visitOf } from "@/lib/session/lifecycle";
import { event, idempotent, lockTeam, type Actor, type SessionRow } from "@/lib/session/store";
import type { SessionContext } from "@/lib/session/context";

/** A decision's time left never grows past this (a typo in a script cannot freeze a room). */
export const MAX_REMAINING_MS = 60 * 60_000;

type Timer = { deadlineAt: Date | null; remainingMs: number | null };

/**
 * The timer after adding `seconds`: a running deadline moves later, a paused timer keeps
 * more time, and a timer that already ran out (the facilitator was left to decide)
 * starts again from now. Null when the decision has no time limit at all.
 */
export function extendedTimer(timer: Timer, hasTimeLimit: boolean, sessionStatus: string, seconds: number, now: Date): Timer | null {
  if (!hasTimeLimit) return null;
  const add = seconds * 1000;
  if (sessionStatus === "PAUSED") return { deadlineAt: null, remainingMs: Math.min(MAX_REMAINING_MS, (timer.remainingMs ?? 0) + add) };
  const left = timer.deadlineAt ? Math.max(0, timer.deadlineAt.getTime() - now.getTime()) : 0;
  return { deadlineAt: new Date(now.getTime() + Math.min(MAX_REMAINING_MS, left + add)), remainingMs: null };
}

/** The `extend` command: adds `seconds` to the team's current decision timer. */
export async function extendTime(ctx: SessionContext, session: SessionRow, teamId: string, seconds: number, key: string, actor: Actor) {
  const sessionId = session.id;
  if (session.status !== "RUNNING" && session.status !== "PAUSED") {
    throw new DomainError("SESSION_NOT_RUNNING", `the session is ${session.status.toLowerCase()}; only a running or paused decision's time can be extended`);
  }
  const scenario = await ctx.scenarios.get(session.scenarioId);
  const { result, replayed } = await ctx.mutex.run(teamId, () =>
    idempotent(ctx.prisma, `cmd:${sessionId}:${key}`, sessionId, async (tx) => {
      const team = await lockTeam(tx, teamId);
      if (team.sessionId !== sessionId) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
      const state = asState(team.state);
      const node = state ? currentNode(scenario, state) : undefined;
      if (!state || node?.type !== "decision") throw new DomainError("NOT_AT_DECISION", `the team is not at a decision; only a decision's time can be extended`);
      const now = new Date();
      const next = extendedTimer({ deadlineAt: team.deadlineAt, remainingMs: team.timerRemainingMs }, !!node.timeLimitSeconds, team.session.status, seconds, now);
      if (!next) throw new DomainError("NO_TIME_LIMIT", `the decision "${node.id}" has no time limit to extend`);
      await tx.$executeRaw`
        update session_teams set deadline_at = ${next.deadlineAt}, timer_remaining_ms = ${next.remainingMs}, revision = revision + 1 where id = ${team.id}`;
      await event(tx, sessionId, "timer.extended", { nodeId: node.id, visit: visitOf(state), seconds }, actor, team.id);
      return { nodeId: node.id, visit: visitOf(state), deadlineAt: next.deadlineAt?.toISOString() ?? null, remainingMs: next.remainingMs };
    }),
  );
  if (replayed) return result;
  if (result.deadlineAt) ctx.timers.schedule(teamId, new Date(result.deadlineAt), result.nodeId, result.visit, sessionId);
  ctx.publish.teamChanged(sessionId, teamId);
  ctx.publish.consoleChanged(sessionId);
  return result;
}

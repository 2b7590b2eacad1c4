// Revealing how a team voted: after a lock, the facilitator shows the team's vote
// distribution on the present screen, and the same reveal reaches every member's device
// (issue 17: results on the projector are also readable on the device). The reveal is
// redacted once, for the whole room (below k votes it is withheld), and stored on the team
// with the number of decisions it had locked, so it lapses when the team locks another.
import { DomainError } from "@/lib/errors/domain-error";
import { getSettings } from "@/lib/privacy/settings";
import { suppressSmallGroup } from "@/lib/privacy/suppression";
import { asState } from "@/lib/session/lifecycle";
import { event, idempotent, lockTeam, type Actor, type SessionRow } from "@/lib/session/store";
import { choicesMade, decisionReveal, type DecisionReveal, type RoomReveal, type StoredReveal } from "@/lib/session/views";
import type { SessionContext } from "@/lib/session/context";

/** The reveal as the whole room may see it: the distribution, or withheld below k votes. */
export function roomReveal(reveal: DecisionReveal, minGroupSize: number): RoomReveal {
  const shown = suppressSmallGroup(reveal.total, minGroupSize, reveal);
  return shown.suppressed ? { decision: null, withheld: shown } : { decision: shown.value, withheld: null };
}

/** The `reveal` command: shows (or hides) the team's last locked decision's votes to the room and the team's devices. */
export async function revealVotes(ctx: SessionContext, session: SessionRow, teamId: string, show: boolean, key: string, actor: Actor) {
  const sessionId = session.id;
  const scenario = await ctx.scenarios.get(session.scenarioId);
  const { minGroupSize } = await getSettings(ctx.prisma);
  const { result, replayed } = await ctx.mutex.run(teamId, () =>
    idempotent(ctx.prisma, `cmd:${sessionId}:${key}`, sessionId, async (tx) => {
      const team = await lockTeam(tx, teamId);
      if (team.sessionId !== sessionId) throw new DomainError("TEAM_NOT_FOUND", "that team is not part of this session");
      const state = asState(team.state);
      let stored: StoredReveal | null = null;
      if (show) {
        const [last] = await tx.$queryRaw<Array<{ node_id: string; visit: number; option_id: string; tally: unknown }>>`
          select node_id, visit, option_id, tally from decisions where session_team_id = ${team.id} order by decided_at desc limit 1`;
        const reveal = state && last ? decisionReveal(scenario, { nodeId: last.node_id, visit: Number(last.visit), optionId: last.option_id, tally: last.tally }) : null;
        if (!state || !reveal) throw new DomainError("NOTHING_TO_REVEAL", "the team has no locked decision with votes to reveal yet; lock a decision first");
        stored = { choices: choicesMade(state), shown: roomReveal(reveal, minGroupSize) };
      }
      await tx.$executeRaw`update session_teams set reveal = ${stored ? JSON.stringify(stored) : null}::jsonb, revision = revision + 1 where id = ${team.id}`;
      const about = stored?.shown.decision ?? null;
      await event(tx, sessionId, show ? "votes.revealed" : "votes.hidden", about ? { nodeId: about.nodeId, visit: about.visit } : {}, actor, team.id);
      return { teamId: team.id, revealed: show };
    }),
  );
  if (replayed) return result;
  ctx.publish.teamChanged(sessionId, teamId);
  ctx.publish.consoleChanged(sessionId);
  return result;
}

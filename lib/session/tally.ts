// Who decides: a team's majority, or the votes of the role(s) a decision names (its
// `decidedBy`, or its owner roles held in the team: lib/session/decision-rights.ts). Pure.
import { TEAM_VOTE } from "@/lib/scenario";

export type CastVote = { participantId: string; optionId: string; roleId: string | null };

export type Tally = {
  counts: Record<string, number>;
  /** Votes that count for the decision (all, or only the deciding role's). */
  counted: number;
  total: number;
  winner: string | null;
  /** Options tied for first place, when there is a tie. */
  tied: string[];
  method: "majority" | "role";
};

export function tallyVotes(votes: readonly CastVote[], decidedBy: string | readonly string[], availableOptions: readonly string[]): Tally {
  const counts: Record<string, number> = {};
  for (const id of availableOptions) counts[id] = 0;
  for (const v of votes) if (v.optionId in counts) counts[v.optionId]++;
  const roles = typeof decidedBy === "string" ? (decidedBy === TEAM_VOTE ? null : [decidedBy]) : decidedBy;
  const byRole = roles !== null;
  const decisive = roles ? votes.filter((v) => v.roleId !== null && roles.includes(v.roleId) && v.optionId in counts) : votes.filter((v) => v.optionId in counts);
  const decisiveCounts = new Map<string, number>();
  for (const v of decisive) decisiveCounts.set(v.optionId, (decisiveCounts.get(v.optionId) ?? 0) + 1);
  let top = 0;
  for (const n of decisiveCounts.values()) top = Math.max(top, n);
  const leaders = [...decisiveCounts.entries()].filter(([, n]) => n === top && n > 0).map(([id]) => id).sort();
  return {
    counts,
    counted: decisive.length,
    total: votes.length,
    winner: leaders.length === 1 ? leaders[0] : null,
    tied: leaders.length > 1 ? leaders : [],
    method: byRole ? "role" : "majority",
  };
}

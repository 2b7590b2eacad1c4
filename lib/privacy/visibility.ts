// What a signed-in viewer may see of one session's live data: the one place that decides
// it, so the console page, the present screen, `GET /api/sessions/:id`, the socket's
// console:watch ack and every console:state push, and the raw exports all agree.
//
// Two visibility levels, derived from the permission matrix and its scope rules:
// - "raw": the viewer may view the session's raw responses (canAccessSession on
//   "responses"): answers with their author's name (a pseudonym in anonymous sessions),
//   the roster's names, and, in named sessions only, who voted for what;
// - "aggregate": the viewer may view the session but not its raw responses (a manager on
//   an anonymous session): no answer text, no names, nobody's vote, and every figure over
//   fewer than k respondents (a team's live tally, its scores) withheld, each figure by
//   its own respondent count (lib/privacy/suppression.ts).
// Pure: no I/O. A live push is built once and redacted once per level, never per viewer.
import { canViewResponses, canViewSession, type SessionScope } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/types";
import type { ConsoleView } from "@/lib/session/views";
import { suppressSmallGroup } from "./suppression";

export const VISIBILITY_LEVELS = ["raw", "aggregate"] as const;
export type VisibilityLevel = (typeof VISIBILITY_LEVELS)[number];

export type SessionVisibility = {
  level: VisibilityLevel;
  /** Free-text answers and scale values, with who gave them. */
  answers: boolean;
  /** Display names (pseudonyms in anonymous sessions): the roster, answer authors, voters. */
  names: boolean;
  /** Who voted for which option: named sessions only; nobody sees it in an anonymous session. */
  voters: boolean;
  /** Figures over fewer than k respondents are withheld, each by its own respondent count. */
  withholdSmallGroups: boolean;
};

/**
 * What `viewer` may see of a session, or null when they may not view it at all (a
 * facilitator who neither runs it nor was granted it, a participant's account).
 */
export function sessionVisibility(viewer: { id: string; role: Role }, scope: SessionScope): SessionVisibility | null {
  if (!canViewSession(viewer, scope)) return null;
  return visibilityOf(canViewResponses(viewer, scope) ? "raw" : "aggregate", scope.anonymous);
}

/** The visibility a level grants in a named or an anonymous session. */
export function visibilityOf(level: VisibilityLevel, anonymous: boolean): SessionVisibility {
  const raw = level === "raw";
  return { level, answers: raw, names: raw, voters: raw && !anonymous, withholdSmallGroups: !raw };
}

/**
 * The console view as `visibility` allows; returns a new object. Each withheld figure is
 * judged by its own respondent count: a team's vote counts by the votes cast, the leading
 * option by the votes that decide (all, or the deciding role's), the scores by the team's members.
 */
export function redactConsoleView(view: ConsoleView, visibility: SessionVisibility, minGroupSize: number): ConsoleView {
  return {
    ...view,
    teams: view.teams.map((t) => {
      // The reveal of a locked decision is made for the whole room (the present screen):
      // below k votes it is withheld at every level.
      const reveal = t.reveal ? suppressSmallGroup(t.reveal.total, minGroupSize, t.reveal) : null;
      const team = { ...t, reveal: reveal && !reveal.suppressed ? reveal.value : null, revealWithheld: reveal?.suppressed ? reveal : null };
      const voters = visibility.voters && visibility.names ? team.voters : [];
      if (!visibility.withholdSmallGroups) return { ...team, voters, withheld: null };
      const tally = team.tally ? suppressSmallGroup(team.tally.total, minGroupSize, team.tally) : null;
      const leader = team.tally ? suppressSmallGroup(team.tally.counted, minGroupSize, { winner: team.tally.winner, tied: team.tally.tied }) : null;
      const scores = suppressSmallGroup(team.members, minGroupSize, team.scores);
      const withheld = tally?.suppressed ? tally : scores.suppressed ? scores : null;
      return {
        ...team,
        voters,
        tally: tally && !tally.suppressed ? { ...tally.value, ...(leader?.suppressed ? { winner: null, tied: [] } : {}) } : null,
        scores: scores.suppressed ? {} : scores.value,
        withheld,
      };
    }),
    roster: visibility.names ? view.roster : view.roster.map((p) => ({ ...p, displayName: "" })),
    answers: visibility.answers ? view.answers : [],
  };
}

/** A raw vote as the viewer may see it: who cast it only where voters are visible (never in anonymous sessions). */
export function voteAsSeen<T extends { participant?: unknown }>(vote: T, visibility: SessionVisibility): T {
  return visibility.voters ? vote : { ...vote, participant: null };
}

// Pooling small groups: when some teams are withheld below k, a figure over all teams together
// may be shown, but only when it cannot be used to recover the withheld ones. Anyone who sees
// the pool and the shown teams can subtract the shown teams from the pool; what is left is the
// withheld teams together. So the pool is shown only when the withheld teams *together* reach
// k respondents: with exactly one withheld team (below k by definition) that never holds, so
// pooling it with shown teams is always refused. Pure; docs/privacy.md, "Pooled view".
import { isSmallGroup } from "./suppression";

/** One group that would go into the pool: withheld or shown, and its own respondent count. */
export type PoolMember = { withheld: boolean; respondents: number };

export type PoolDecision =
  | { offered: true; respondents: number; withheldRespondents: number; withheldGroups: number }
  /**
   * "nothing-withheld": every group is shown, so there is nothing to pool;
   * "withheld-below-k": the withheld groups together stay below k, so the pool minus the shown
   * groups would reveal them (always the case when exactly one group is withheld).
   */
  | { offered: false; reason: "nothing-withheld" | "withheld-below-k"; respondents: number; withheldRespondents: number; withheldGroups: number; minGroupSize: number };

/**
 * Whether a pooled figure over `members` may be shown. Respondents add up because one person
 * belongs to one group (one team of a session; one organisation team). Groups that contributed
 * nothing to the figure must be left out by the caller: they change neither side of the subtraction.
 */
export function decidePool(members: readonly PoolMember[], minGroupSize: number): PoolDecision {
  const respondents = members.reduce((sum, m) => sum + m.respondents, 0);
  const withheld = members.filter((m) => m.withheld);
  const withheldRespondents = withheld.reduce((sum, m) => sum + m.respondents, 0);
  const facts = { respondents, withheldRespondents, withheldGroups: withheld.length };
  if (withheld.length === 0) return { offered: false, reason: "nothing-withheld", ...facts, minGroupSize };
  // The pool itself has at least withheldRespondents people, so this also keeps the pool at k or more.
  if (isSmallGroup(withheldRespondents, minGroupSize)) return { offered: false, reason: "withheld-below-k", ...facts, minGroupSize };
  return { offered: true, ...facts };
}

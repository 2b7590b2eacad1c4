// Decision rights (format 1.1): a decision may name `owner` roles, who take it, and `consult`
// roles, who must be heard. When an owner role is held in the team, only the owners' votes
// decide (the deciding-role rule of tally.ts, with the owners as the deciding roles); when
// nobody holds one, the decision is taken "without its owner": the console warns before the
// lock, and the lock records it, with any consulted role that voted for something else.
// Pure: the live lock path, the console view and the AAR share these rules.
import { TEAM_VOTE, type TDecisionNode } from "@/lib/scenario";
import { tallyVotes, type CastVote } from "@/lib/session/tally";

export type RightsNode = Pick<TDecisionNode, "decidedBy" | "owner" | "consult">;

/** A consulted role whose leading vote was not the outcome. `optionIds`: what it led with (several on a tie). */
export type ConsultDissent = { roleId: string; optionIds: string[]; votes: number };

/** What a lock records about decision rights; null when there is nothing to record. */
export type LockRights = { withoutOwner: string[]; againstConsult: ConsultDissent[] };

/** Whose votes decide: the owner roles held in the team, else the node's `decidedBy` (a role or the team vote). */
export function decidersOf(node: RightsNode, heldRoles: ReadonlySet<string>): string | string[] {
  const held = (node.owner ?? []).filter((r) => heldRoles.has(r));
  return held.length > 0 ? held : (node.decidedBy ?? TEAM_VOTE);
}

/** The owner roles, when the decision names some and nobody in the team holds any of them; else []. */
export function missingOwners(node: RightsNode, heldRoles: ReadonlySet<string>): string[] {
  const owners = node.owner ?? [];
  return owners.length > 0 && !owners.some((r) => heldRoles.has(r)) ? [...owners] : [];
}

/**
 * What locking `node` on `optionId` leaves on record: the owners nobody held, and each
 * consulted role whose own vote (its majority, by the same tally) did not lead to the outcome.
 * A consulted role that did not vote, or that is tied with the outcome among its leaders, is
 * not "against".
 */
export function lockRights(node: RightsNode, heldRoles: ReadonlySet<string>, votes: readonly CastVote[], optionId: string, options: readonly string[]): LockRights | null {
  const withoutOwner = missingOwners(node, heldRoles);
  const againstConsult: ConsultDissent[] = [];
  for (const roleId of node.consult ?? []) {
    const own = tallyVotes(votes, roleId, options);
    if (own.counted === 0) continue;
    const leading = own.winner ? [own.winner] : own.tied;
    if (!leading.includes(optionId)) againstConsult.push({ roleId, optionIds: leading, votes: own.counted });
  }
  return withoutOwner.length > 0 || againstConsult.length > 0 ? { withoutOwner, againstConsult } : null;
}

/** The rights a decision row recorded in its tally (`{ …, rights }`), or null (older rows, nothing to record). */
export function recordedRights(tally: unknown): LockRights | null {
  const rights = (tally as { rights?: unknown } | null)?.rights as Partial<LockRights> | undefined;
  if (!rights || typeof rights !== "object") return null;
  const withoutOwner = Array.isArray(rights.withoutOwner) ? rights.withoutOwner.filter((r): r is string => typeof r === "string") : [];
  const againstConsult = Array.isArray(rights.againstConsult)
    ? rights.againstConsult.filter((d): d is ConsultDissent => !!d && typeof d.roleId === "string" && Array.isArray(d.optionIds) && typeof d.votes === "number")
    : [];
  return withoutOwner.length > 0 || againstConsult.length > 0 ? { withoutOwner, againstConsult } : null;
}

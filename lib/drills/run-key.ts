// How a participant is recognised: by the personal token of their link (any device), or,
// in a named drill, signed in as the account the invitation was sent to ("My drills").
// Resolves either to the drill, the invitation (if any) and the run (if started). In an
// anonymous drill only the token reaches a run: the database holds no path from an
// invitation or an account to it (./tokens.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { Tx } from "@/lib/session/store";
import { invitationHash, isDrillToken, runHash } from "@/lib/drills/tokens";
import type { InvitationMatch } from "@/lib/drills/play-store";

export type RunKey = { token: string } | { user: { id: string; email: string }; sessionId: string };

type Db = Tx | PrismaClient;

export async function resolveRunKey(db: Db, key: RunKey) {
  if ("token" in key) {
    if (!isDrillToken(key.token)) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid; check that it was copied whole", "/params/token");
    const run = await db.drillRun.findUnique({ where: { tokenHash: runHash(key.token) } });
    const invitation = await db.drillInvitation.findUnique({ where: { tokenHash: invitationHash(key.token) } });
    if (run) return { sessionId: run.sessionId, run, invitation };
    if (!invitation) throw new DomainError("DRILL_LINK_UNKNOWN", "this drill link is not valid (a newer link may have replaced it)", "/params/token");
    // A named drill's run may have been started signed in, from "My drills".
    const byInvitation = await db.drillRun.findUnique({ where: { invitationId: invitation.id } });
    return { sessionId: invitation.sessionId, run: byInvitation, invitation };
  }
  const session = await db.exerciseSession.findUnique({ where: { id: key.sessionId }, select: { anonymous: true, mode: true } });
  if (!session || session.mode !== "DRILL") throw new DomainError("SESSION_NOT_FOUND", `no drill has the id ${key.sessionId}`);
  if (session.anonymous) throw new DomainError("FORBIDDEN", "an anonymous drill is played only from your personal link: it is not linked to your account");
  const invitation = await db.drillInvitation.findUnique({ where: { sessionId_email: { sessionId: key.sessionId, email: key.user.email.toLowerCase() } } });
  const run =
    (invitation ? await db.drillRun.findUnique({ where: { invitationId: invitation.id } }) : null) ??
    (await db.drillRun.findFirst({ where: { sessionId: key.sessionId, userId: key.user.id }, orderBy: { startedAt: "desc" } }));
  if (!invitation && !run) throw new DomainError("FORBIDDEN", "you were not invited to this drill; use the link you were sent");
  return { sessionId: key.sessionId, run, invitation };
}

/** Which invitation records a run's progress, found the way the key allows (the play path's SQL matches any of these that is set). */
export function invitationMatch(key: RunKey, invitationId: string | null): InvitationMatch {
  if ("token" in key) return { tokenHash: invitationHash(key.token), id: invitationId, sessionId: null, email: null };
  return { tokenHash: null, id: null, sessionId: key.sessionId, email: key.user.email.toLowerCase() };
}

// One session's scope (who runs it, who was granted it, whether it is anonymous) loaded for
// the permission matrix's scope rules. Route handlers call it after route() checked the role.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canAccessSession, type Action, type SessionScope } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/types";

export type SessionAccess = { ok: true; scope: SessionScope } | { ok: false; reason: "not-found" | "forbidden" };

export async function sessionAccess(
  prisma: Pick<PrismaClient, "exerciseSession">,
  user: SessionUser,
  sessionId: string,
  resource: "sessions" | "responses" | "reports",
  action: Action,
): Promise<SessionAccess> {
  const s = await prisma.exerciseSession.findUnique({ where: { id: sessionId }, select: { facilitatorId: true, anonymous: true, grants: { select: { userId: true } } } });
  if (!s) return { ok: false, reason: "not-found" };
  const scope: SessionScope = { facilitatorId: s.facilitatorId, grantedUserIds: s.grants.map((g) => g.userId), anonymous: s.anonymous };
  return canAccessSession(user, resource, action, scope) ? { ok: true, scope } : { ok: false, reason: "forbidden" };
}

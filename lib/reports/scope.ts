// Which sessions a user's reports cover. The permission matrix decides: a role that may see
// reports of sessions it neither runs nor was granted sees them all; otherwise only its own
// and granted sessions. Nothing here decides access by itself.
import { Prisma } from "@/lib/generated/prisma/client";
import { can, canAccessSession } from "@/lib/auth/permissions";
import type { SignedInUser } from "@/lib/auth/types";

export type ReportScope = { kind: "all" } | { kind: "own"; userId: string };

const FOREIGN_SESSION = { facilitatorId: null, grantedUserIds: [], anonymous: true } as const;

/** null when the user may not see reports at all. */
export function reportScope(user: Pick<SignedInUser, "id" | "role">): ReportScope | null {
  if (!can(user.role, "reports", "view")) return null;
  if (canAccessSession(user, "reports", "view", FOREIGN_SESSION)) return { kind: "all" };
  return { kind: "own", userId: user.id };
}

/** SQL condition on an exercise_sessions alias `s`. */
export function scopeCondition(scope: ReportScope): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`true`;
  return Prisma.sql`(s.facilitator_id = ${scope.userId} or exists (select 1 from session_grants g where g.session_id = s.id and g.user_id = ${scope.userId}))`;
}

/** The same scope as a Prisma condition on exercise sessions, for queries that go through the client. */
export function scopeWhere(scope: ReportScope): Prisma.ExerciseSessionWhereInput {
  if (scope.kind === "all") return {};
  return { OR: [{ facilitatorId: scope.userId }, { grants: { some: { userId: scope.userId } } }] };
}

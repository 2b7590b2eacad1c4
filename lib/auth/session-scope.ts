// One exercise session's access scope (who runs it, who was granted it, whether it is
// anonymous), loaded in one statement for every entry point: route handlers (through
// sessionRoute), pages, the session service and the socket server. The decisions are the
// permission matrix's (lib/auth/permissions/); this module loads and refuses.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { canAccessSession, type Action, type SessionResource, type SessionScope } from "@/lib/auth/permissions";
import type { SignedInUser } from "@/lib/auth/types";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";

export type LoadedSessionScope = SessionScope & { sessionId: string };

/** The scope's columns of `exercise_sessions s`, for a statement that reads the session's row too. */
export type ScopeRow = { facilitator_id: string | null; anonymous: boolean; grant_user_ids: string[] };
export const SCOPE_COLUMNS = Prisma.sql`s.facilitator_id, s.anonymous,
  coalesce((select array_agg(g.user_id) from session_grants g where g.session_id = s.id), '{}') as grant_user_ids`;

export function scopeFromRow(sessionId: string, row: ScopeRow): LoadedSessionScope {
  return { sessionId, facilitatorId: row.facilitator_id, grantedUserIds: row.grant_user_ids, anonymous: row.anonymous };
}

/**
 * The scope of one session; SESSION_NOT_FOUND when there is none. Plain SQL: the Prisma
 * client compiles each model query on the main thread. A facilitator's live commands read
 * the scope with the session's row in one statement (readScopedSession in lib/session/store.ts).
 */
export async function loadSessionScope(sessionId: string, db: Pick<PrismaClient, "$queryRaw"> = getPrisma()): Promise<LoadedSessionScope> {
  const [row] = await db.$queryRaw<ScopeRow[]>`select ${SCOPE_COLUMNS} from exercise_sessions s where s.id = ${sessionId}`;
  if (!row) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  return scopeFromRow(sessionId, row);
}

/** What a refused user is told, per kind of data and action. */
function refusal(resource: SessionResource, action: Action): string {
  if (resource === "reports") {
    return action === "view" || action === "export"
      ? "you may not open this session's after-action report; ask its facilitator to grant you access"
      : "you may not edit this after-action report: only the session's facilitator or an administrator can";
  }
  const what = resource === "sessions" ? "this session" : `the ${resource} of this session`;
  return `you may not ${action} ${what}; ask its facilitator to grant you access`;
}

/** Throws FORBIDDEN unless `user` may `action` this kind of the session's data. */
export function assertSessionAccess(user: Pick<SignedInUser, "id" | "role">, scope: SessionScope, resource: SessionResource, action: Action): void {
  if (!canAccessSession(user, resource, action, scope)) throw new DomainError("FORBIDDEN", refusal(resource, action));
}

/** Loads the scope and throws SESSION_NOT_FOUND or FORBIDDEN unless `user` may `action` it. */
export async function requireSessionScope(
  user: Pick<SignedInUser, "id" | "role">,
  sessionId: string,
  resource: SessionResource,
  action: Action,
  db?: Pick<PrismaClient, "$queryRaw">,
): Promise<LoadedSessionScope> {
  const scope = await loadSessionScope(sessionId, db);
  assertSessionAccess(user, scope, resource, action);
  return scope;
}

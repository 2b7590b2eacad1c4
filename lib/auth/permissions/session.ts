// Scope rules that refine the matrix for one session's data (who runs it, who was granted it,
// whether it is anonymous), and the small questions every entry point asks about a session.
// The scope itself is loaded once, by loadSessionScope (lib/auth/session-scope.ts).
import type { Role } from "@/lib/auth/types";
import { can, type Action } from "./matrix";

type Viewer = { id: string; role: Role };

export type SessionScope = { facilitatorId: string | null; grantedUserIds: readonly string[]; anonymous: boolean };

/** The kinds of data that belong to one session. */
export type SessionResource = "sessions" | "responses" | "reports";

export function canAccessSession(user: Viewer, resource: SessionResource, action: Action, session: SessionScope): boolean {
  if (!can(user.role, resource, action)) return false;
  switch (user.role) {
    case "ADMIN":
      return true;
    case "FACILITATOR":
      return session.facilitatorId === user.id || session.grantedUserIds.includes(user.id);
    case "MANAGER":
      // Managers see aggregates; raw responses only where people took part under their names.
      return resource !== "responses" || !session.anonymous;
    default:
      return false;
  }
}

/** Open the console and the present screen, and see the live view (as the viewer's visibility allows). */
export const canViewSession = (user: Viewer, session: SessionScope) => canAccessSession(user, "sessions", "view", session);
/** Run it: start, pause, end, advance teams, assign people, take notes. */
export const canRunSession = (user: Viewer, session: SessionScope) => canAccessSession(user, "sessions", "modify", session);
/** See answers and votes with who gave them. */
export const canViewResponses = (user: Viewer, session: SessionScope) => canAccessSession(user, "responses", "view", session);
/** Open the after-action report. */
export const canViewReport = (user: Viewer, session: SessionScope) => canAccessSession(user, "reports", "view", session);
/** Write findings, overrides and plan items into the after-action report. */
export const canEditReport = (user: Viewer, session: SessionScope) => canAccessSession(user, "reports", "modify", session);

/** Which sessions a user's lists show: every one, only those they run or were granted, or none. */
export type SessionListScope = { kind: "all" } | { kind: "own-or-granted"; userId: string } | { kind: "none" };

export function sessionListScope(user: Viewer): SessionListScope {
  if (!can(user.role, "sessions", "view")) return { kind: "none" };
  return user.role === "FACILITATOR" ? { kind: "own-or-granted", userId: user.id } : { kind: "all" };
}

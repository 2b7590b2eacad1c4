// The permission matrix and the small `can…` questions asked of it, in the style of Umami's
// permissions/ folder: matrix.ts (role × resource × action), session.ts (one session's scope
// rules), account.ts (questions about a role alone).
export { ACTIONS, PERMISSIONS, RESOURCES, can, type Action, type Resource } from "./matrix";
export {
  canAccessSession,
  canEditReport,
  canRunSession,
  canViewReport,
  canViewResponses,
  canViewSession,
  sessionListScope,
  type SessionResource,
  type SessionScope,
} from "./session";
export { alwaysShowsMyDrills, canAddTeamWithSession, canHoldApiToken } from "./account";

// Every stable error code the server answers with, over HTTP and in socket acks, and the HTTP
// status each one means. Clients switch on the code (messages/*/errors.json translates it);
// the status follows from the code alone, so no handler picks one by hand.
//
// 400: the request itself is malformed; 401/403: who is asking; 404: what it names is gone;
// 409: the request is sound but the state of things refuses it now; 413: too large;
// 422: well-formed but refused by a rule of the content; 429: slow down.
export const ERROR_STATUS = {
  // input
  INVALID_INPUT: 400,
  WEAK_PASSWORD: 400,
  INVALID_JSON: 400,
  JOIN_CODE_INVALID: 400,
  DISPLAY_NAME_REQUIRED: 422,
  UNKNOWN_QUESTION: 422,
  UNKNOWN_OPTION: 422,
  ROLE_NOT_FOUND: 422,
  BODY_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  DRAFT_TOO_LARGE: 413,
  SCENARIO_INVALID: 422,
  // who is asking
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  PARTICIPANT_TOKEN_REQUIRED: 401,
  PARTICIPANT_UNKNOWN: 401,
  NOT_JOINED: 401,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  ANONYMOUS_SESSION: 403,
  NOT_YOUR_QUESTION: 403,
  ASSIGNED_BY_FACILITATOR: 403,
  // what it names
  NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  SCENARIO_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  PARTICIPANT_NOT_FOUND: 404,
  JOIN_CODE_UNKNOWN: 404,
  TOKEN_NOT_FOUND: 404,
  DRAFT_NOT_FOUND: 404,
  // a one-time set-password link that cannot be used (unknown, or gone)
  LINK_UNKNOWN: 404,
  LINK_USED: 410,
  LINK_EXPIRED: 410,
  LINK_INACTIVE: 410,
  // the state of things
  JOIN_CODE_EXPIRED: 409,
  SESSION_ENDED: 409,
  SESSION_FULL: 409,
  SESSION_NOT_RUNNING: 409,
  SESSION_PAUSED: 409,
  INVALID_STATE: 409,
  NOT_AT_DECISION: 409,
  NOT_REACHED: 409,
  STALE_VISIT: 409,
  DECISION_CLOSED: 409,
  OPTION_UNAVAILABLE: 409,
  NO_TEAM: 409,
  NO_VOTES: 409,
  NO_TIME_LIMIT: 409,
  TIE: 409,
  DUPLICATE_NAME: 409,
  JOIN_FAILED: 409,
  TEAM_NAME_TAKEN: 409,
  TEAM_ARCHIVED: 409,
  USER_EXISTS: 409,
  NOT_ALLOWED_ON_SELF: 409,
  SCENARIO_IN_USE: 409,
  TOO_MANY_DRAFTS: 409,
  // the scenario engine refusing a step (lib/scenario/engine.ts)
  ENDED: 409,
  NOT_AT_INJECT: 409,
  NO_TIMEOUT: 409,
  UNKNOWN_EVENT: 400,
  UNKNOWN_NODE: 409,
  BRANCH_LOOP: 409,
  // slow down, and the server's own failure
  RATE_LIMITED: 429,
  TOO_MANY_ATTEMPTS: 429,
  // the PDF renderer's queue is full (Retry-After says when to come back)
  PDF_BUSY: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

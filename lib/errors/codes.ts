// Every error code a client of the HTTP API or the socket protocol can receive, with the
// HTTP status it maps to and what it means. One list, so a code is spelled one way
// everywhere: the realtime contract (lib/realtime/contract.ts) types each event's errors
// with it, and tests check that docs/protocol.md's table lists exactly these codes.
// Over the socket the status is not sent; it says how serious the refusal is.

type CodeInfo = { status: number; meaning: string };

export const ERROR_CODE_INFO = {
  // ---- input and transport
  INVALID_INPUT: { status: 400, meaning: "the input does not match its schema; `path` is the JSON pointer (RFC 6901) of the field" },
  WEAK_PASSWORD: { status: 400, meaning: "the password fails the password policy; `details[0].reason` is short, own, common or guessable" },
  INVALID_JSON: { status: 400, meaning: "the request body is not valid JSON" },
  BODY_TOO_LARGE: { status: 413, meaning: "the HTTP request body is larger than the route's limit" },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: "the socket message is larger than the per-event limit (32 KiB)" },
  RATE_LIMITED: { status: 429, meaning: "too many requests or messages; slow down and retry" },
  TOO_MANY_ATTEMPTS: { status: 429, meaning: "too many attempts with unknown set-password links from this address; wait and retry" },
  PDF_BUSY: { status: 503, meaning: "the PDF renderer's queue is full; the `Retry-After` header says when to try again" },
  EVIDENCE_EMPTY: { status: 404, meaning: "no ended session you may see falls in the evidence pack's teams and period" },
  EVIDENCE_TOO_LARGE: { status: 413, meaning: "the period holds more sessions than one evidence pack takes; choose a shorter period or fewer teams" },
  CROSS_SITE_REQUEST: { status: 403, meaning: "a cookie-authenticated write or socket from another site's page" },
  SERVER_FULL: { status: 503, meaning: "the node has MAX_CONNECTIONS socket connections" },
  DATABASE_BUSY: { status: 503, meaning: "the database did not answer in time and nothing was saved; retry in a few seconds (with the same key a retry is safe)" },
  INTERNAL: { status: 500, meaning: "the server failed; nothing was changed" },
  // ---- who is asking
  UNAUTHENTICATED: { status: 401, meaning: "no signed-in user and no API token" },
  INVALID_TOKEN: { status: 401, meaning: "the API token is unknown, revoked or expired" },
  FORBIDDEN: { status: 403, meaning: "the user's role or the session's grants do not allow this" },
  NOT_ALLOWED_ON_SELF: { status: 409, meaning: "an administrator may not demote, deactivate or delete their own account" },
  // ---- not found
  NOT_FOUND: { status: 404, meaning: "the addressed item (scenario version, report item) does not exist" },
  SESSION_NOT_FOUND: { status: 404, meaning: "no session has this id" },
  SCENARIO_NOT_FOUND: { status: 404, meaning: "no scenario has this id" },
  TEAM_NOT_FOUND: { status: 404, meaning: "no team of this session (or organisation) has this id" },
  ROLE_NOT_FOUND: { status: 422, meaning: "the scenario has no role with this id" },
  USER_NOT_FOUND: { status: 404, meaning: "no user has this id" },
  DRAFT_NOT_FOUND: { status: 404, meaning: "no studio draft of yours has this id" },
  TOKEN_NOT_FOUND: { status: 404, meaning: "no active API token of yours has this id" },
  PARTICIPANT_NOT_FOUND: { status: 404, meaning: "no participant has this id or token" },
  // ---- joining and participants
  JOIN_CODE_INVALID: { status: 400, meaning: "the join code is not in the XXXX-XXXX form" },
  JOIN_CODE_UNKNOWN: { status: 404, meaning: "no session has this join code" },
  JOIN_CODE_EXPIRED: { status: 409, meaning: "the join code is older than its time to live" },
  JOIN_FAILED: { status: 409, meaning: "joining collided with another join; retry" },
  DISPLAY_NAME_REQUIRED: { status: 422, meaning: "a session that is not anonymous needs `displayName`" },
  DUPLICATE_NAME: { status: 409, meaning: "someone in the session already has this display name" },
  SESSION_FULL: { status: 409, meaning: "the session has MAX_SESSION_PARTICIPANTS participants" },
  PARTICIPANT_UNKNOWN: { status: 401, meaning: "the resume token or participant is unknown (or was erased)" },
  PARTICIPANT_TOKEN_REQUIRED: { status: 401, meaning: "a participant's own export needs the participant's token" },
  ANONYMOUS_SESSION: { status: 403, meaning: "an anonymous session keeps nothing to export per participant" },
  NOT_JOINED: { status: 401, meaning: "a participant event before participant:join or participant:resume" },
  NO_TEAM: { status: 409, meaning: "the participant is not in a team yet" },
  ASSIGNED_BY_FACILITATOR: { status: 403, meaning: "the session does not let participants choose their team" },
  // ---- playing
  SESSION_ENDED: { status: 409, meaning: "the session has ended or was aborted" },
  SESSION_NOT_RUNNING: { status: 409, meaning: "the session is not running (in the lobby, or over)" },
  SESSION_PAUSED: { status: 409, meaning: "the session is paused" },
  INVALID_STATE: { status: 409, meaning: "the command is not allowed in the session's status" },
  NOT_AT_DECISION: { status: 409, meaning: "the team is not at a decision" },
  NOT_AT_INJECT: { status: 409, meaning: "the team is not at an inject" },
  DECISION_CLOSED: { status: 409, meaning: "the decision was already locked or the team moved on" },
  UNKNOWN_OPTION: { status: 422, meaning: "the decision has no option with this id" },
  OPTION_UNAVAILABLE: { status: 409, meaning: "the option needs a capability or earlier choice the team lacks" },
  UNKNOWN_QUESTION: { status: 422, meaning: "the inject has no question with this id" },
  NOT_YOUR_QUESTION: { status: 403, meaning: "the question is for other roles" },
  NOT_REACHED: { status: 409, meaning: "the team has not reached this inject" },
  STALE_VISIT: { status: 409, meaning: "the visit number is not the team's current visit of the node" },
  TIE: { status: 409, meaning: "the votes are tied; lock with an `optionId` to break the tie" },
  NO_VOTES: { status: 409, meaning: "nobody voted; lock with an `optionId`" },
  NO_TIME_LIMIT: { status: 409, meaning: "the decision has no time limit to extend" },
  NOTHING_TO_REVEAL: { status: 409, meaning: "the team has no locked decision with votes to reveal" },
  ENDED: { status: 409, meaning: "the team has reached an end of the scenario" },
  NO_TIMEOUT: { status: 409, meaning: "the decision has no timer to run out" },
  UNKNOWN_EVENT: { status: 400, meaning: "the scenario engine does not know this event" },
  UNKNOWN_NODE: { status: 409, meaning: "the team's position is not a node of its scenario version" },
  BRANCH_LOOP: { status: 409, meaning: "the scenario's conditional branches loop without a way out" },
  // ---- regulatory clocks and notices
  UNKNOWN_TASK: { status: 422, meaning: "the scenario has no notification task with this id" },
  UNKNOWN_FIELD: { status: 422, meaning: "the notification task has no field with this id" },
  UNKNOWN_CLOCK: { status: 422, meaning: "the scenario has no clock with this id" },
  NOTICE_NOT_OPEN: { status: 409, meaning: "the notice cannot be sent yet: its clock has not started and its node was not reached" },
  NOT_SUBMITTER: { status: 403, meaning: "only a team member in the task's submitter role may send this notice" },
  CLOCK_STATE: { status: 409, meaning: "the clock cannot be started (it already runs) or stopped (it has not started, or is done)" },
  NOTICE_NOT_FOUND: { status: 404, meaning: "no notice of this session has this id" },
  // ---- drills
  NOT_A_DRILL: { status: 409, meaning: "the session is a live session, not a drill" },
  DRILL_LINK_UNKNOWN: { status: 404, meaning: "the personal or open drill link is not valid (mistyped, or replaced by a newer one)" },
  DRILL_NOT_OPEN: { status: 409, meaning: "the drill has not opened yet" },
  DRILL_CLOSED: { status: 409, meaning: "the drill's deadline has passed or it was closed early" },
  DRILL_SESSION: { status: 409, meaning: "the session is a drill, played alone through personal links; live commands and joining by code do not apply" },
  MAIL_NOT_CONFIGURED: { status: 409, meaning: "e-mail is not configured (no SMTP_URL), so nothing can be sent; use the CSV of links" },
  REASONING_REQUIRED: { status: 422, meaning: "the decision asks for one or two sentences of reasoning (`path` is /reasoning)" },
  // ---- scenarios, studio, teams, users
  SCENARIO_INVALID: { status: 422, meaning: "the scenario document fails the format or the linter; `details` lists the findings" },
  SCENARIO_IN_USE: { status: 409, meaning: "a session uses this scenario version" },
  DRAFT_TOO_LARGE: { status: 413, meaning: "the studio draft is larger than its limit" },
  TOO_MANY_DRAFTS: { status: 409, meaning: "you have the maximum number of studio drafts" },
  TEAM_NAME_TAKEN: { status: 409, meaning: "another team has this name" },
  TEAM_ARCHIVED: { status: 409, meaning: "the team is archived; restore it first" },
  USER_EXISTS: { status: 409, meaning: "a user with this e-mail address exists" },
  LINK_UNKNOWN: { status: 404, meaning: "the set-password link is not valid" },
  LINK_USED: { status: 410, meaning: "the set-password link was already used" },
  LINK_EXPIRED: { status: 410, meaning: "the set-password link has expired" },
  LINK_INACTIVE: { status: 410, meaning: "the account behind the set-password link is deactivated" },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODE_INFO;

/** The union as a list, in the order of the table in docs/protocol.md. */
export const ERROR_CODES = Object.keys(ERROR_CODE_INFO) as readonly ErrorCode[];

/** Each code's HTTP status, for callers that need only the number. */
export const ERROR_STATUS = Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_CODE_INFO[c].status])) as { readonly [C in ErrorCode]: number };

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODE_INFO, code);
}

/** The HTTP status of a code (500 for a code outside the union, which is a bug). */
export function statusOf(code: string): number {
  return isErrorCode(code) ? ERROR_CODE_INFO[code].status : 500;
}

// Maps session-service errors to HTTP statuses.
import { jsonError } from "@/lib/http/route";
import type { SessionError } from "@/lib/session/service";

const STATUS: Record<string, number> = {
  SESSION_NOT_FOUND: 404,
  SCENARIO_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  TEAM_NAME_TAKEN: 409,
};

export function sessionErrorResponse(e: SessionError): Response {
  return jsonError(STATUS[e.code] ?? 409, e.code, e.message, e.path ? [{ path: e.path, message: e.message.replace(/^[\w/]+: /, "") }] : undefined);
}

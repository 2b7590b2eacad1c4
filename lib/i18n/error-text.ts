// User-facing text for the stable error codes the server sends (socket acks, JSON
// errors). The server's own English message is for logs and API clients; people see the
// catalogue's message for the code, in their language (namespace "errors").
export type ErrorTranslator = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };
export type UserProblem = { code: string; path?: string | null; details?: unknown };

/** Form fields that invalid-input errors can point at (JSON pointer's first segment). */
export const ERROR_FIELDS = ["title", "teams", "scenarioId", "locale", "displayName", "code", "name", "expiresInDays"] as const;

function pointerOf(problem: UserProblem): string | null {
  if (problem.path) return problem.path;
  // HTTP errors carry zod issues as details: [{ path: "/teams/0", message }].
  const first = Array.isArray(problem.details) ? (problem.details[0] as { path?: unknown } | undefined) : undefined;
  return typeof first?.path === "string" ? first.path : null;
}

/** The message for a problem; `t` is a translator for the "errors" namespace. */
export function errorText(t: ErrorTranslator, problem: UserProblem): string {
  if (problem.code === "INVALID_INPUT") {
    const field = pointerOf(problem)?.split("/")[1];
    if (field) {
      const known = (ERROR_FIELDS as readonly string[]).includes(field) ? field : "other";
      return t("invalidField", { field: t(`fields.${known}`) });
    }
  }
  const key = `codes.${problem.code}`;
  return t.has(key) ? t(key) : t("generic");
}

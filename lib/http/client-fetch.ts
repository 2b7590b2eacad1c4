// The browser's one way to call this app's JSON API: sends JSON, reads JSON, and turns a refusal
// into an ApiError carrying the server's error shape (lib/errors/handle.ts: code, message, the
// JSON pointer of the field at fault and every field-level problem), so a form can show the
// message in the page's language (lib/i18n/error-text.ts) and mark the field. No React here.

export type ApiProblem = {
  /** The server's stable code; "OFFLINE" when the server could not be reached, "HTTP" when it sent no JSON error. */
  code: string;
  message: string;
  /** HTTP status; 0 when offline. */
  status: number;
  path?: string;
  details?: ReadonlyArray<{ path: string; message: string }>;
  /** Linter findings, where a scenario or draft was refused for its content. */
  findings?: unknown[];
};

export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
    this.name = "ApiError";
  }
}

type Init = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; json?: unknown; body?: string; headers?: Record<string, string> };

async function problemOf(res: Response): Promise<ApiProblem> {
  const data = (await res.json().catch(() => null)) as { error?: Partial<ApiProblem> } | null;
  const error = data?.error;
  if (!error?.code) return { code: "HTTP", message: `HTTP ${res.status}`, status: res.status };
  return { ...error, code: error.code, message: error.message ?? error.code, status: res.status };
}

/** The response of a request that succeeded; throws ApiError for a refusal or when offline. */
export async function apiResponse(url: string, init: Init = {}): Promise<Response> {
  const headers = { ...(init.json !== undefined || init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  let res: Response;
  try {
    res = await fetch(url, { method: init.method ?? "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  } catch {
    throw new ApiError({ code: "OFFLINE", message: "the server could not be reached", status: 0 });
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  return res;
}

/** A request's JSON answer (undefined for 204 No Content); throws ApiError for a refusal or when offline. */
export async function apiFetch<T = unknown>(url: string, init: Init = {}): Promise<T> {
  const res = await apiResponse(url, init);
  if (res.status === 204) return undefined as T;
  return (await res.json().catch(() => undefined)) as T;
}

/** The first message per top-level field of a refused request, keyed by field name. */
export function fieldErrors(problem: ApiProblem): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const d of problem.details ?? []) {
    const field = d.path.replace(/^\//, "").split("/")[0];
    if (field && !fields[field]) fields[field] = d.message;
  }
  return fields;
}

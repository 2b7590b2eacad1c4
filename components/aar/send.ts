// Client side of the AAR edit routes: sends JSON and turns an error answer into a message
// plus per-field messages (from the `details` pointers), so forms can mark the field at fault.
export type SendResult<T = unknown> = { ok: true; data: T } | { ok: false; message: string; fields: Record<string, string> };

export async function sendAar<T = unknown>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<SendResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, message: "offline", fields: {} };
  }
  const json = (await res.json().catch(() => null)) as { error?: { message?: string; details?: Array<{ path: string; message: string }> } } | null;
  if (res.ok) return { ok: true, data: json as T };
  const fields: Record<string, string> = {};
  for (const d of json?.error?.details ?? []) {
    const field = d.path.replace(/^\//, "").split("/")[0];
    if (field && !fields[field]) fields[field] = d.message;
  }
  return { ok: false, message: json?.error?.message ?? `HTTP ${res.status}`, fields };
}

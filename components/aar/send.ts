// Client side of the AAR edit routes: the result as a value the forms branch on, with a message
// and per-field messages (from the error's `details` pointers), so a form can mark the field at fault.
import { ApiError, apiFetch, fieldErrors } from "@/lib/http/client-fetch";

export type SendResult<T = unknown> = { ok: true; data: T } | { ok: false; message: string; fields: Record<string, string> };

export async function sendAar<T = unknown>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<SendResult<T>> {
  try {
    return { ok: true, data: await apiFetch<T>(url, { method, json: body }) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ok: false, message: e.problem.code === "OFFLINE" ? "offline" : e.message, fields: fieldErrors(e.problem) };
  }
}

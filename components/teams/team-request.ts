// One request to the teams API from the Teams page, with the server's message on failure.
export async function teamRequest(method: "POST" | "PATCH", url: string, body: object): Promise<void> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.ok) return;
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
}

"use client";
import { useEffect, useState } from "react";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data?.error?.message ?? `request failed (${res.status})`);
  return data;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function ApiTokens() {
  const [tokens, setTokens] = useState<Token[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => call("GET", "/api/tokens").then((d) => setTokens(d.tokens)).catch((e: Error) => setError(e.message));
  useEffect(() => {
    void load();
  }, []);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = String(form.get("expires") ?? "");
    setError(null);
    try {
      const t = await call("POST", "/api/tokens", { name: String(form.get("name") ?? ""), expiresInDays: days ? Number(days) : null });
      setCreated(t.token);
      (e.target as HTMLFormElement).reset();
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await call("DELETE", `/api/tokens/${id}`);
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="stack">
      {error && <div className="alert error" role="alert">{error}</div>}
      {created && (
        <div className="alert ok">
          <strong>Copy this token now; it is shown only once.</strong>
          <pre className="token-secret" data-testid="new-token">{created}</pre>
        </div>
      )}
      <form className="card row" onSubmit={create} style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: 2, marginBottom: 0 }}>
          <label htmlFor="token-name">Name</label>
          <input id="token-name" name="name" required maxLength={80} placeholder="e.g. HR training scheduler" />
        </div>
        <div className="field" style={{ flex: 1, marginBottom: 0 }}>
          <label htmlFor="token-expires">Expires after (days)</label>
          <input id="token-expires" name="expires" type="number" min={1} max={365} placeholder="never" />
        </div>
        <button className="btn" type="submit">Create token</button>
      </form>
      <div className="card">
        {tokens.length === 0 ? (
          <div className="empty"><strong>No API tokens</strong>Create one to call the automation API.</div>
        ) : (
          <table className="table">
            <thead><tr><th>Name</th><th>Token</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td><code>{t.prefix}…</code></td>
                  <td className="small">{when(t.createdAt)}</td>
                  <td className="small">{when(t.lastUsedAt)}</td>
                  <td className="small">{when(t.expiresAt)}</td>
                  <td>{t.revokedAt ? <span className="badge neutral">revoked</span> : <button className="btn secondary" onClick={() => void revoke(t.id)}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

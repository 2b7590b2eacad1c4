"use client";
import { useEffect, useState } from "react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };


export function ApiTokens() {
  const t = useTranslations("settings");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const errorText = useErrorText();
  const [tokens, setTokens] = useState<Token[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const describe = (e: unknown) => {
    if (!(e instanceof ApiError)) return errorText({ code: "OFFLINE" });
    return e.problem.code === "HTTP" ? t("requestFailed", { status: e.problem.status }) : errorText(e.problem);
  };
  /** An absolute date, with the relative time ("3 days ago") on hover. */
  const when = (iso: string | null) => {
    if (!iso) return "—";
    const date = new Date(iso);
    return (
      <time dateTime={iso} title={format.relativeTime(date, now)}>
        {format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })}
      </time>
    );
  };

  const load = () => apiFetch<{ tokens: Token[] }>("/api/tokens").then((d) => setTokens(d.tokens)).catch((e: unknown) => setError(describe(e)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = String(form.get("expires") ?? "");
    setError(null);
    try {
      const created = await apiFetch<{ token: string }>("/api/tokens", { method: "POST", json: { name: String(form.get("name") ?? ""), expiresInDays: days ? Number(days) : null } });
      setCreated(created.token);
      (e.target as HTMLFormElement).reset();
      await load();
    } catch (err) {
      setError(describe(err));
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await apiFetch(`/api/tokens/${id}`, { method: "DELETE" });
      await load();
    } catch (err) {
      setError(describe(err));
    }
  }

  return (
    <div className="stack">
      {error && <div className="alert error" role="alert">{error}</div>}
      {created && (
        <div className="alert ok">
          <strong>{t("copyNow")}</strong>
          <pre className="token-secret" data-testid="new-token">{created}</pre>
        </div>
      )}
      <form className="card row" onSubmit={create} style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: 2, marginBottom: 0 }}>
          <label htmlFor="token-name">{t("name")}</label>
          <input id="token-name" name="name" required maxLength={80} placeholder={t("namePlaceholder")} />
        </div>
        <div className="field" style={{ flex: 1, marginBottom: 0 }}>
          <label htmlFor="token-expires">{t("expires")}</label>
          <input id="token-expires" name="expires" type="number" min={1} max={365} placeholder={t("never")} />
        </div>
        <button className="btn" type="submit">{t("create")}</button>
      </form>
      <div className="card">
        {tokens.length === 0 ? (
          <div className="empty"><strong>{t("emptyTitle")}</strong>{t("emptyBody")}</div>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th>{t("name")}</th><th>{t("token")}</th><th>{t("created")}</th><th>{t("lastUsed")}</th><th>{t("expiresAt")}</th><th></th></tr></thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td><code>{token.prefix}…</code></td>
                    <td className="small">{when(token.createdAt)}</td>
                    <td className="small">{when(token.lastUsedAt)}</td>
                    <td className="small">{when(token.expiresAt)}</td>
                    <td>{token.revokedAt ? <span className="badge neutral">{t("revoked")}</span> : <button className="btn secondary" onClick={() => void revoke(token.id)}>{t("revoke")}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

"use client";
// A manager's or administrator's changes to one team on the Teams page: rename, archive or
// restore, and merge into another team after a confirmation. Each goes through /api/teams
// (audited there); the page reloads its list afterwards.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/lib/http/client-fetch";

export type TeamActionRow = { id: string; name: string; archived: boolean };

type Mode = "idle" | "rename" | "merge";

export function TeamActions({ team, others }: { team: TeamActionRow; others: Array<{ id: string; name: string }> }) {
  const t = useTranslations("teams");
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [name, setName] = useState(team.name);
  const [into, setInto] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/teams/${encodeURIComponent(team.id)}`;

  async function send(method: "POST" | "PATCH", path: string, body: object) {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(path, { method, json: body });
      setMode("idle");
      router.refresh();
    } catch (e) {
      setError(t("failed", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const target = others.find((o) => o.id === into);
  return (
    <div className="team-actions" data-testid="team-actions">
      {mode === "idle" && (
        <div className="row">
          <button type="button" className="btn secondary small" disabled={busy} onClick={() => setMode("rename")} data-testid="team-rename">{t("rename")}</button>
          <button type="button" className="btn secondary small" disabled={busy || others.length === 0} onClick={() => setMode("merge")} data-testid="team-merge">{t("merge")}</button>
          <button type="button" className="btn secondary small" disabled={busy} onClick={() => void send("PATCH", url, { archived: !team.archived })} data-testid="team-archive">
            {team.archived ? t("restore") : t("archive")}
          </button>
        </div>
      )}
      {mode === "rename" && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void send("PATCH", url, { name: name.trim() }); }}>
          <label className="sr-only" htmlFor={`rename-${team.id}`}>{t("newNameFor", { name: team.name })}</label>
          <input id={`rename-${team.id}`} data-testid="team-rename-input" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn small" disabled={busy || !name.trim()} data-testid="team-rename-save">{t("save")}</button>
          <button type="button" className="btn secondary small" disabled={busy} onClick={() => setMode("idle")}>{t("cancel")}</button>
        </form>
      )}
      {mode === "merge" && (
        <div className="erase-confirm" role="group" aria-labelledby={`merge-${team.id}`} data-testid="team-merge-confirm">
          <strong id={`merge-${team.id}`}>{t("mergeTitle", { name: team.name })}</strong>
          <label className="small" htmlFor={`merge-into-${team.id}`}>{t("mergeInto")}</label>
          <select id={`merge-into-${team.id}`} value={into} onChange={(e) => setInto(e.target.value)} data-testid="team-merge-into">
            <option value="">{t("chooseTeam")}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
          {target && <p className="small">{t("mergeText", { name: team.name, into: target.name })}</p>}
          <div className="row">
            <button type="button" className="btn danger small" disabled={busy || !target} onClick={() => void send("POST", `${url}/merge`, { into })} data-testid="team-merge-confirm-button">
              {busy ? t("merging") : t("mergeConfirm")}
            </button>
            <button type="button" className="btn secondary small" disabled={busy} onClick={() => setMode("idle")}>{t("cancel")}</button>
          </div>
        </div>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

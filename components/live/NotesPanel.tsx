"use client";
// The facilitator's notes on any moment: for the whole session or one team (recorded
// with the node the team is at).
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ConsoleView } from "@/lib/session/views";
import { runCommand } from "./stores";

export function NotesPanel({ view, canModify }: { view: ConsoleView; canModify: boolean }) {
  const t = useTranslations("console.notes");
  const format = useFormatter();
  const errorText = useErrorText();
  const [text, setText] = useState("");
  const [teamId, setTeamId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const teamName = new Map(view.teams.map((t) => [t.id, t.name]));
  return (
    <section className="card notes" aria-label={t("label")}>
      <h2>{t("heading")}</h2>
      {canModify && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!text.trim()) return;
            setBusy(true);
            setError(null);
            const res = await runCommand({ type: "note", text: text.trim(), ...(teamId ? { teamId } : {}) });
            setBusy(false);
            if (res.ok) setText("");
            else setError(errorText(res));
          }}
        >
          <div className="field">
            <label htmlFor="note-text" className="sr-only">{t("note")}</label>
            <textarea id="note-text" rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t("placeholder")} />
          </div>
          <div className="row">
            <select aria-label={t("about")} value={teamId} onChange={(e) => setTeamId(e.target.value)} className="grow">
              <option value="">{t("wholeSession")}</option>
              {view.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
            <button className="btn secondary" type="submit" disabled={busy || !text.trim()}>{t("add")}</button>
          </div>
          {error && <div className="alert error" role="alert">{error}</div>}
        </form>
      )}
      {view.notes.length > 0 && (
        <ul className="note-list">
          {view.notes.map((n) => (
            <li key={n.id}>
              <div className="small muted">
                <time dateTime={n.at} suppressHydrationWarning>{format.dateTime(new Date(n.at), { hour: "2-digit", minute: "2-digit" })}</time> · {n.teamId ? teamName.get(n.teamId) : t("session")}
                {n.nodeId && <> · <code>{n.nodeId}</code></>}
              </div>
              <div className="note-text">{n.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

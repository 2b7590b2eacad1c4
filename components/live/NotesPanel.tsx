"use client";
// The facilitator's notes on any moment: for the whole session or one team (recorded
// with the node the team is at).
import { useState } from "react";
import type { ConsoleView } from "@/lib/session/views";
import { runCommand } from "./stores";

export function NotesPanel({ view, canModify }: { view: ConsoleView; canModify: boolean }) {
  const [text, setText] = useState("");
  const [teamId, setTeamId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const teamName = new Map(view.teams.map((t) => [t.id, t.name]));
  return (
    <section className="card notes" aria-label="Notes">
      <h2>Notes</h2>
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
            else setError(res.message);
          }}
        >
          <div className="field">
            <label htmlFor="note-text" className="sr-only">Note</label>
            <textarea id="note-text" rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} placeholder="What did you notice? e.g. Legal hesitated over the 72-hour deadline" />
          </div>
          <div className="row">
            <select aria-label="Note about" value={teamId} onChange={(e) => setTeamId(e.target.value)} className="grow">
              <option value="">Whole session</option>
              {view.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
            <button className="btn secondary" type="submit" disabled={busy || !text.trim()}>Add note</button>
          </div>
          {error && <div className="alert error" role="alert">{error}</div>}
        </form>
      )}
      {view.notes.length > 0 && (
        <ul className="note-list">
          {view.notes.map((n) => (
            <li key={n.id}>
              <div className="small muted">
                <time dateTime={n.at} suppressHydrationWarning>{new Date(n.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</time> · {n.teamId ? teamName.get(n.teamId) : "Session"}
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

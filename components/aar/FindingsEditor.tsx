"use client";
// Strengths or areas for improvement of one capability: the list, and for the facilitator
// an add form plus edit and delete on each entry. Each entry is for the whole session or one team.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { AarFinding } from "@/lib/reports/aar";
import { sendAar } from "./send";

type Kind = "STRENGTH" | "AREA_FOR_IMPROVEMENT";
type Teams = Array<{ id: string; name: string }>;

function FindingForm({ initial, teams, submitLabel, onSubmit, onCancel }: {
  initial: { text: string; teamId: string | null };
  teams: Teams;
  submitLabel: string;
  onSubmit: (value: { text: string; teamId: string | null }) => Promise<{ message: string; fields: Record<string, string> } | null>;
  onCancel?: () => void;
}) {
  const t = useTranslations("aar");
  const id = useId();
  const [text, setText] = useState(initial.text);
  const [teamId, setTeamId] = useState(initial.teamId ?? "");
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError({ message: t("findings.textRequired"), fields: { text: t("findings.textRequired") } });
    setBusy(true);
    const problem = await onSubmit({ text, teamId: teamId || null });
    setBusy(false);
    setError(problem);
    if (!problem && !onCancel) setText("");
  }
  return (
    <form className="aar-inline-form" onSubmit={(e) => void submit(e)} noValidate data-testid="aar-finding-form">
      <div className="field">
        <label htmlFor={`${id}-text`} className="sr-only">{t("findings.text")}</label>
        <textarea id={`${id}-text`} name="text" rows={2} maxLength={2000} value={text} placeholder={t("findings.placeholder")} onChange={(e) => setText(e.target.value)} aria-invalid={!!error?.fields.text} />
        {error?.fields.text && <div className="hint error-text" data-testid="field-error">{error.fields.text}</div>}
      </div>
      <div className="row">
        <label htmlFor={`${id}-team`} className="sr-only">{t("findings.team")}</label>
        <select id={`${id}-team`} name="teamId" className="grow" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t("findings.wholeSession")}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </select>
        <button className="btn secondary" type="submit" disabled={busy} data-testid="aar-finding-save">{submitLabel}</button>
        {onCancel && <button className="btn ghost" type="button" onClick={onCancel}>{t("cancel")}</button>}
      </div>
      {error && !error.fields.text && <div className="alert error" role="alert">{error.message}</div>}
    </form>
  );
}

export function FindingsEditor({ sessionId, capabilityId, kind, findings, teams, canEdit }: {
  sessionId: string;
  capabilityId: string;
  kind: Kind;
  findings: AarFinding[];
  teams: Teams;
  canEdit: boolean;
}) {
  const t = useTranslations("aar");
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const base = `/api/sessions/${sessionId}/aar/findings`;
  const refresh = () => startTransition(() => router.refresh());

  async function create(value: { text: string; teamId: string | null }) {
    const r = await sendAar("POST", base, { capabilityId, kind, ...value });
    if (!r.ok) return { message: r.message, fields: r.fields };
    refresh();
    return null;
  }
  async function update(findingId: string, value: { text: string; teamId: string | null }) {
    const r = await sendAar("PATCH", `${base}/${findingId}`, value);
    if (!r.ok) return { message: r.message, fields: r.fields };
    setEditing(null);
    refresh();
    return null;
  }
  async function remove(findingId: string) {
    if (!window.confirm(t("findings.confirmDelete"))) return;
    const r = await sendAar("DELETE", `${base}/${findingId}`);
    if (r.ok) refresh();
  }

  const title = kind === "STRENGTH" ? t("findings.strengths") : t("findings.areas");
  return (
    <div className={`aar-findings ${kind === "STRENGTH" ? "strengths" : "areas"}`} data-testid={kind === "STRENGTH" ? "aar-strengths" : "aar-areas"}>
      <h4>{title}</h4>
      {findings.length === 0 && <p className="muted small">{t("findings.none")}</p>}
      <ul className="plain-list">
        {findings.map((f) => (
          <li key={f.id} data-testid="aar-finding">
            {editing === f.id ? (
              <FindingForm initial={{ text: f.text, teamId: f.teamId }} teams={teams} submitLabel={t("save")} onSubmit={(v) => update(f.id, v)} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <div className="aar-text">{f.text}</div>
                <div className="row small muted">
                  <span>{f.teamName ?? t("findings.wholeSession")}</span>
                  {canEdit && <button type="button" className="btn ghost small" onClick={() => setEditing(f.id)}>{t("edit")}</button>}
                  {canEdit && <button type="button" className="btn ghost small" onClick={() => void remove(f.id)}>{t("delete")}</button>}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {canEdit && <FindingForm initial={{ text: "", teamId: null }} teams={teams} submitLabel={kind === "STRENGTH" ? t("findings.addStrength") : t("findings.addArea")} onSubmit={create} />}
    </div>
  );
}

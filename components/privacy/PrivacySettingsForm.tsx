"use client";
// Edits the organisation's privacy settings through PUT /api/settings; a refused field is
// marked where it is, with the server's message.
import { useState } from "react";
import type { TPrivacySettings } from "@/lib/privacy/settings";

type FieldErrors = Partial<Record<keyof TPrivacySettings, string>>;
type ApiError = { error?: { message?: string; details?: Array<{ path: string; message: string }> } };

export function PrivacySettingsForm({ initial }: { initial: TPrivacySettings }) {
  const [saved, setSaved] = useState<TPrivacySettings>(initial);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const patch = {
      retentionDays: Number(text("retentionDays")),
      minGroupSize: Number(text("minGroupSize")),
      organisationName: text("organisationName"),
      contactEmail: text("contactEmail"),
      purpose: text("purpose"),
    };
    setBusy(true);
    setStatus(null);
    setFieldErrors({});
    try {
      const res = await fetch("/api/settings", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
      const data = (await res.json().catch(() => ({}))) as ApiError & { settings?: TPrivacySettings; changed?: string[] };
      if (!res.ok) {
        const errors: FieldErrors = {};
        for (const d of data.error?.details ?? []) errors[d.path.slice(1) as keyof TPrivacySettings] ??= d.message;
        setFieldErrors(errors);
        setStatus({ kind: "error", text: data.error?.message ?? `saving failed (${res.status})` });
        return;
      }
      setSaved(data.settings!);
      setStatus({ kind: "ok", text: data.changed?.length ? `Saved: ${data.changed.join(", ")}.` : "Nothing changed." });
    } catch {
      setStatus({ kind: "error", text: "the server could not be reached; your changes were not saved" });
    } finally {
      setBusy(false);
    }
  }

  const error = (name: keyof TPrivacySettings) =>
    fieldErrors[name] ? <div className="hint field-error" id={`${name}-error`} role="alert">{fieldErrors[name]}</div> : null;
  const describedBy = (name: keyof TPrivacySettings, hint: string) => (fieldErrors[name] ? `${name}-error ${hint}` : hint);

  return (
    <form className="card" onSubmit={save} data-testid="privacy-settings" noValidate>
      <h2>Organisation</h2>
      {status && <div className={`alert ${status.kind}`} role={status.kind === "error" ? "alert" : "status"}>{status.text}</div>}
      <div className="field">
        <label htmlFor="organisationName">Organisation name</label>
        <input id="organisationName" name="organisationName" defaultValue={saved.organisationName} maxLength={120} aria-invalid={!!fieldErrors.organisationName} aria-describedby={describedBy("organisationName", "organisationName-hint")} />
        <div className="hint" id="organisationName-hint">Named on the public privacy page.</div>
        {error("organisationName")}
      </div>
      <div className="field">
        <label htmlFor="contactEmail">Privacy contact email</label>
        <input id="contactEmail" name="contactEmail" type="email" defaultValue={saved.contactEmail} maxLength={254} aria-invalid={!!fieldErrors.contactEmail} aria-describedby={describedBy("contactEmail", "contactEmail-hint")} />
        <div className="hint" id="contactEmail-hint">Where people send questions, export and erasure requests.</div>
        {error("contactEmail")}
      </div>
      <div className="field">
        <label htmlFor="purpose">Why exercise data is collected</label>
        <textarea id="purpose" name="purpose" rows={4} defaultValue={saved.purpose} maxLength={2000} aria-invalid={!!fieldErrors.purpose} aria-describedby={describedBy("purpose", "purpose-hint")} />
        <div className="hint" id="purpose-hint">Shown word for word on the privacy page.</div>
        {error("purpose")}
      </div>

      <h2>Data protection</h2>
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div className="field" style={{ flex: 1, minWidth: 220 }}>
          <label htmlFor="retentionDays">Keep raw responses for (days)</label>
          <input id="retentionDays" name="retentionDays" type="number" min={1} max={3650} required defaultValue={saved.retentionDays} aria-invalid={!!fieldErrors.retentionDays} aria-describedby={describedBy("retentionDays", "retentionDays-hint")} />
          <div className="hint" id="retentionDays-hint">Counted from the end of each session. Answers, votes and names are then deleted; scores, decisions and reports stay.</div>
          {error("retentionDays")}
        </div>
        <div className="field" style={{ flex: 1, minWidth: 220 }}>
          <label htmlFor="minGroupSize">Smallest group shown in reports (k)</label>
          <input id="minGroupSize" name="minGroupSize" type="number" min={2} max={50} required defaultValue={saved.minGroupSize} aria-invalid={!!fieldErrors.minGroupSize} aria-describedby={describedBy("minGroupSize", "minGroupSize-hint")} />
          <div className="hint" id="minGroupSize-hint">Breakdowns over fewer respondents are hidden, with a note saying why.</div>
          {error("minGroupSize")}
        </div>
      </div>
      <button className="btn" type="submit" disabled={busy}>{busy ? "Saving…" : "Save settings"}</button>
    </form>
  );
}

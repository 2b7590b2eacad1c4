"use client";
// Edits the organisation's privacy settings through PUT /api/settings; a refused field is
// marked where it is, with the server's message.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { TPrivacySettings } from "@/lib/privacy/settings";
import { ApiError, apiFetch, fieldErrors as fieldErrorsOf } from "@/lib/http/client-fetch";

type FieldErrors = Partial<Record<keyof TPrivacySettings, string>>;

export function PrivacySettingsForm({ initial }: { initial: TPrivacySettings }) {
  const t = useTranslations("privacy");
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
      abandonedAfterDays: Number(text("abandonedAfterDays")),
      minGroupSize: Number(text("minGroupSize")),
      organisationName: text("organisationName"),
      contactEmail: text("contactEmail"),
      purpose: text("purpose"),
    };
    setBusy(true);
    setStatus(null);
    setFieldErrors({});
    try {
      const data = await apiFetch<{ settings: TPrivacySettings; changed: string[] }>("/api/settings", { method: "PUT", json: patch });
      setSaved(data.settings);
      setStatus({ kind: "ok", text: data.changed.length ? t("settings.saved", { fields: data.changed.join(", ") }) : t("settings.unchanged") });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const { problem } = e;
      if (problem.code === "OFFLINE") {
        setStatus({ kind: "error", text: t("settings.offline") });
        return;
      }
      setFieldErrors(fieldErrorsOf(problem) as FieldErrors);
      setStatus({ kind: "error", text: problem.code === "HTTP" ? t("settings.failed", { status: problem.status }) : problem.message });
    } finally {
      setBusy(false);
    }
  }

  const error = (name: keyof TPrivacySettings) =>
    fieldErrors[name] ? <div className="hint field-error" id={`${name}-error`} role="alert">{fieldErrors[name]}</div> : null;
  const describedBy = (name: keyof TPrivacySettings, hint: string) => (fieldErrors[name] ? `${name}-error ${hint}` : hint);

  return (
    <form className="card" onSubmit={save} data-testid="privacy-settings" noValidate>
      <h2>{t("settings.organisation")}</h2>
      {status && <div className={`alert ${status.kind}`} role={status.kind === "error" ? "alert" : "status"}>{status.text}</div>}
      <div className="field">
        <label htmlFor="organisationName">{t("settings.organisationName")}</label>
        <input id="organisationName" name="organisationName" defaultValue={saved.organisationName} maxLength={120} aria-invalid={!!fieldErrors.organisationName} aria-describedby={describedBy("organisationName", "organisationName-hint")} />
        <div className="hint" id="organisationName-hint">{t("settings.organisationNameHint")}</div>
        {error("organisationName")}
      </div>
      <div className="field">
        <label htmlFor="contactEmail">{t("settings.contactEmail")}</label>
        <input id="contactEmail" name="contactEmail" type="email" defaultValue={saved.contactEmail} maxLength={254} aria-invalid={!!fieldErrors.contactEmail} aria-describedby={describedBy("contactEmail", "contactEmail-hint")} />
        <div className="hint" id="contactEmail-hint">{t("settings.contactEmailHint")}</div>
        {error("contactEmail")}
      </div>
      <div className="field">
        <label htmlFor="purpose">{t("settings.purpose")}</label>
        <textarea id="purpose" name="purpose" rows={4} defaultValue={saved.purpose} maxLength={2000} aria-invalid={!!fieldErrors.purpose} aria-describedby={describedBy("purpose", "purpose-hint")} />
        <div className="hint" id="purpose-hint">{t("settings.purposeHint")}</div>
        {error("purpose")}
      </div>

      <h2>{t("settings.protection")}</h2>
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div className="field" style={{ flex: 1, minWidth: 220 }}>
          <label htmlFor="retentionDays">{t("settings.retentionDays")}</label>
          <input id="retentionDays" name="retentionDays" type="number" min={1} max={3650} required defaultValue={saved.retentionDays} aria-invalid={!!fieldErrors.retentionDays} aria-describedby={describedBy("retentionDays", "retentionDays-hint")} />
          <div className="hint" id="retentionDays-hint">{t("settings.retentionDaysHint")}</div>
          {error("retentionDays")}
        </div>
        <div className="field" style={{ flex: 1, minWidth: 220 }}>
          <label htmlFor="minGroupSize">{t("settings.minGroupSize")}</label>
          <input id="minGroupSize" name="minGroupSize" type="number" min={2} max={50} required defaultValue={saved.minGroupSize} aria-invalid={!!fieldErrors.minGroupSize} aria-describedby={describedBy("minGroupSize", "minGroupSize-hint")} />
          <div className="hint" id="minGroupSize-hint">{t("settings.minGroupSizeHint")}</div>
          {error("minGroupSize")}
        </div>
      </div>
      <div className="field">
        <label htmlFor="abandonedAfterDays">{t("settings.abandonedAfterDays")}</label>
        <input id="abandonedAfterDays" name="abandonedAfterDays" type="number" min={1} max={365} required defaultValue={saved.abandonedAfterDays} aria-invalid={!!fieldErrors.abandonedAfterDays} aria-describedby={describedBy("abandonedAfterDays", "abandonedAfterDays-hint")} />
        <div className="hint" id="abandonedAfterDays-hint">{t("settings.abandonedAfterDaysHint")}</div>
        {error("abandonedAfterDays")}
      </div>
      <button className="btn" type="submit" disabled={busy}>{busy ? t("settings.saving") : t("settings.save")}</button>
    </form>
  );
}

"use client";
// Overrides one team's rating of one capability, with the rationale HSEEP asks for; the
// proposal stays visible beside it. Withdrawing brings the proposal back.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { sendAar } from "./send";

const RATINGS = ["P", "S", "M", "U"] as const;

export function OverrideControl({ sessionId, teamId, capabilityId, current, proposed }: {
  sessionId: string;
  teamId: string;
  capabilityId: string;
  current: { rating: string; rationale: string } | null;
  proposed: string | null;
}) {
  const t = useTranslations("aar");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState(current?.rating ?? (proposed && proposed !== "P" ? proposed : "S"));
  const [rationale, setRationale] = useState(current?.rationale ?? "");
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();
  const url = `/api/sessions/${sessionId}/aar/ratings`;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!rationale.trim()) return setError({ message: t("override.rationaleRequired"), fields: { rationale: t("override.rationaleRequired") } });
    const r = await sendAar("PUT", url, { teamId, capabilityId, rating, rationale });
    if (!r.ok) return setError({ message: r.message, fields: r.fields });
    setError(null);
    setOpen(false);
    startTransition(() => router.refresh());
  }
  async function withdraw() {
    const r = await sendAar("DELETE", url, { teamId, capabilityId });
    if (!r.ok) return setError({ message: r.message, fields: r.fields });
    setOpen(false);
    startTransition(() => router.refresh());
  }

  if (!open) {
    return <button type="button" className="btn ghost small" onClick={() => setOpen(true)} data-testid="aar-override-open">{current ? t("override.change") : t("override.open")}</button>;
  }
  return (
    <form className="aar-inline-form" onSubmit={(e) => void save(e)} data-testid="aar-override-form" noValidate>
      <div className="field">
        <label htmlFor={`${id}-rating`}>{t("override.rating")}</label>
        <select id={`${id}-rating`} name="rating" value={rating} onChange={(e) => setRating(e.target.value)} aria-invalid={!!error?.fields.rating}>
          {RATINGS.map((r) => <option key={r} value={r}>{r} · {t("ratingLabel", { rating: r })}</option>)}
        </select>
        <div className="hint">{t("override.proposedWas", { proposed: proposed ?? "—" })}</div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rationale`}>{t("override.rationale")}</label>
        <textarea id={`${id}-rationale`} name="rationale" rows={3} maxLength={2000} value={rationale} onChange={(e) => setRationale(e.target.value)} aria-invalid={!!error?.fields.rationale} aria-describedby={`${id}-rationale-error`} />
        {error?.fields.rationale && <div className="hint error-text" id={`${id}-rationale-error`} data-testid="field-error">{error.fields.rationale}</div>}
      </div>
      {error && !error.fields.rationale && <div className="alert error" role="alert">{error.message}</div>}
      <div className="row">
        <button className="btn" type="submit" disabled={pending} data-testid="aar-override-save">{t("override.save")}</button>
        {current && <button className="btn secondary" type="button" disabled={pending} onClick={() => void withdraw()}>{t("override.withdraw")}</button>}
        <button className="btn ghost" type="button" onClick={() => setOpen(false)}>{t("cancel")}</button>
      </div>
    </form>
  );
}

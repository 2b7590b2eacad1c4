"use client";
// The form that adds an improvement plan item: capability, team, corrective action, owner,
// due date and status. Rows are edited in PlanRow.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { sendAar } from "./send";

const STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
type Option = { id: string; name: string };

export function PlanEditor({ sessionId, capabilities, teams }: { sessionId: string; capabilities: Option[]; teams: Option[] }) {
  const t = useTranslations("aar");
  const router = useRouter();
  const id = useId();
  const [, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "");
    const fields: Record<string, string> = {};
    if (!value("action").trim()) fields.action = t("plan.actionRequired");
    if (!value("owner").trim()) fields.owner = t("plan.ownerRequired");
    if (Object.keys(fields).length) return setError({ message: t("plan.fixFields"), fields });
    setBusy(true);
    const r = await sendAar("POST", `/api/sessions/${sessionId}/aar/improvements`, {
      capabilityId: value("capabilityId"),
      teamId: value("teamId") || null,
      action: value("action"),
      owner: value("owner"),
      dueDate: value("dueDate") || null,
      status: value("status") || "OPEN",
    });
    setBusy(false);
    if (!r.ok) return setError({ message: r.message, fields: r.fields });
    setError(null);
    setFormKey((k) => k + 1);
    startTransition(() => router.refresh());
  }

  const fieldError = (name: string) => (error?.fields[name] ? <div className="hint error-text" data-testid="field-error">{error.fields[name]}</div> : null);
  return (
    <form key={formKey} className="aar-plan-form" onSubmit={(e) => void submit(e)} noValidate data-testid="aar-plan-form">
      <h3>{t("plan.addTitle")}</h3>
      <div className="aar-plan-grid">
        <div className="field">
          <label htmlFor={`${id}-capability`}>{t("plan.capability")}</label>
          <select id={`${id}-capability`} name="capabilityId" aria-invalid={!!error?.fields.capabilityId}>
            {capabilities.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {fieldError("capabilityId")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-team`}>{t("plan.team")}</label>
          <select id={`${id}-team`} name="teamId" defaultValue={teams[0]?.id ?? ""}>
            {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            <option value="">{t("plan.allTeams")}</option>
          </select>
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-action`}>{t("plan.action")}</label>
          <input id={`${id}-action`} name="action" maxLength={1000} aria-invalid={!!error?.fields.action} />
          {fieldError("action")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t("plan.owner")}</label>
          <input id={`${id}-owner`} name="owner" maxLength={120} aria-invalid={!!error?.fields.owner} />
          {fieldError("owner")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("plan.due")}</label>
          <input id={`${id}-due`} name="dueDate" type="date" aria-invalid={!!error?.fields.dueDate} />
          {fieldError("dueDate")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("plan.status")}</label>
          <select id={`${id}-status`} name="status" defaultValue="OPEN">
            {STATUSES.map((s) => <option key={s} value={s}>{t("planStatus", { status: s })}</option>)}
          </select>
        </div>
      </div>
      {error && <div className="alert error" role="alert">{error.message}</div>}
      <button className="btn" type="submit" disabled={busy} data-testid="aar-plan-save">{t("plan.add")}</button>
    </form>
  );
}

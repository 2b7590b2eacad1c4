"use client";
// One improvement plan item as a table row; for the facilitator, its status and an edit form
// (corrective action, owner, due date) opened in a row beneath, and delete for items of this session.
import Link from "@/components/ui/IntentLink";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { AarPlanItem } from "@/lib/reports/aar";
import { dayText } from "@/lib/reports/aar-format";
import { sendAar } from "./send";

const STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;

export function PlanRow({ item, sessionId, canEdit }: { item: AarPlanItem; sessionId: string; canEdit: boolean }) {
  const t = useTranslations("aar");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const url = `/api/sessions/${sessionId}/aar/improvements/${item.id}`;
  const refresh = () => startTransition(() => router.refresh());

  async function patch(body: Record<string, unknown>) {
    const r = await sendAar("PATCH", url, body);
    if (!r.ok) {
      setError({ message: r.message, fields: r.fields });
      return false;
    }
    setError(null);
    refresh();
    return true;
  }
  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "");
    const fields: Record<string, string> = {};
    if (!value("action").trim()) fields.action = t("plan.actionRequired");
    if (!value("owner").trim()) fields.owner = t("plan.ownerRequired");
    if (Object.keys(fields).length) return setError({ message: t("plan.fixFields"), fields });
    if (await patch({ action: value("action"), owner: value("owner"), dueDate: value("dueDate") || null })) setEditing(false);
  }
  async function remove() {
    if (!window.confirm(t("plan.confirmDelete"))) return;
    const r = await sendAar("DELETE", url);
    if (r.ok) refresh();
    else setError({ message: r.message, fields: r.fields });
  }

  const fieldError = (name: string) => (error?.fields[name] ? <div className="hint error-text" data-testid="field-error">{error.fields[name]}</div> : null);
  return (
    <>
      <tr data-testid="aar-plan-item">
        <td>{item.capabilityName}</td>
        <td>{item.teamName ?? t("plan.allTeams")}</td>
        <td>
          <div className="aar-text">{item.action}</div>
          {item.carried && item.origin && <div className="small muted">{t("plan.from")} <Link href={`/sessions/${item.origin.sessionId}/aar`}>{item.origin.title}</Link></div>}
        </td>
        <td>{item.owner}</td>
        <td className={item.overdue ? "error-text" : ""}>{dayText(format, item.dueDate)}{item.overdue ? ` · ${t("plan.overdue")}` : ""}</td>
        <td>
          {canEdit ? (
            <div className="stack aar-plan-controls">
              <select aria-label={t("plan.status")} value={item.status} disabled={pending} onChange={(e) => void patch({ status: e.target.value })} data-testid="aar-plan-status">
                {STATUSES.map((s) => <option key={s} value={s}>{t("planStatus", { status: s })}</option>)}
              </select>
              <div className="row">
                <button type="button" className="btn ghost small" onClick={() => setEditing((v) => !v)} data-testid="aar-plan-edit">{t("edit")}</button>
                {!item.carried && <button type="button" className="btn ghost small" onClick={() => void remove()}>{t("delete")}</button>}
              </div>
            </div>
          ) : (
            <span className="badge neutral">{t("planStatus", { status: item.status })}</span>
          )}
        </td>
      </tr>
      {error && !editing && (
        <tr><td colSpan={6}><div className="alert error" role="alert">{error.message}</div></td></tr>
      )}
      {editing && (
        <tr className="aar-plan-edit-row">
          <td colSpan={6}>
            <form onSubmit={(e) => void save(e)} noValidate data-testid="aar-plan-edit-form">
              <div className="aar-plan-grid">
                <div className="field wide">
                  <label htmlFor={`${id}-action`}>{t("plan.action")}</label>
                  <input id={`${id}-action`} name="action" maxLength={1000} defaultValue={item.action} aria-invalid={!!error?.fields.action} />
                  {fieldError("action")}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-owner`}>{t("plan.owner")}</label>
                  <input id={`${id}-owner`} name="owner" maxLength={120} defaultValue={item.owner} aria-invalid={!!error?.fields.owner} />
                  {fieldError("owner")}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-due`}>{t("plan.due")}</label>
                  <input id={`${id}-due`} name="dueDate" type="date" defaultValue={item.dueDate ?? ""} aria-invalid={!!error?.fields.dueDate} />
                  {fieldError("dueDate")}
                </div>
              </div>
              {error && <div className="alert error" role="alert">{error.message}</div>}
              <div className="row">
                <button className="btn" type="submit" disabled={pending}>{t("save")}</button>
                <button className="btn ghost" type="button" onClick={() => { setEditing(false); setError(null); }}>{t("cancel")}</button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

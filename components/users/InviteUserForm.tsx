"use client";
// Adding a staff account from the users page: e-mail, name and role. The server creates
// the account without a password and answers with a one-time set-password link, shown here
// once for the admin to pass on.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { OneTimeLink, type IssuedLink } from "@/components/users/OneTimeLink";

const ROLES = ["FACILITATOR", "MANAGER", "ADMIN"] as const;

export function InviteUserForm() {
  const t = useTranslations("admin.invite");
  const tc = useTranslations("common");
  const router = useRouter();
  const ids = { email: useId(), name: useId(), role: useId(), roleHelp: useId() };
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [issued, setIssued] = useState<{ link: IssuedLink; email: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const name = String(form.get("name") ?? "").trim();
    const role = String(form.get("role") ?? "");
    if (!email) return setError({ field: "email", message: t("emailRequired") });
    setBusy(true);
    setError(null);
    try {
      const data = await apiFetch<{ user: { email: string }; link: IssuedLink }>("/api/users/invite", { method: "POST", json: { email, role, ...(name ? { name } : {}) } });
      setIssued({ link: data.link, email: data.user.email });
      setOpen(false);
      router.refresh();
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      if (!problem || problem.code === "OFFLINE") {
        setError({ field: null, message: t("offline") });
      } else if (problem.code === "USER_EXISTS") {
        setError({ field: "email", message: t("exists", { email }) });
      } else if (problem.code === "INVALID_INPUT") {
        const field = (problem.details?.[0]?.path ?? problem.path)?.split("/")[1] ?? null;
        setError({ field, message: field === "email" ? t("emailInvalid") : field === "name" ? t("nameInvalid") : t("failed", { message: problem.message }) });
      } else {
        setError({ field: null, message: t("failed", { message: problem.message }) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card invite-user" aria-labelledby="invite-heading">
      <div className="section-head">
        <h2 id="invite-heading">{t("heading")}</h2>
        {!open && (
          <button type="button" className="btn" onClick={() => { setOpen(true); setIssued(null); }} data-testid="invite-open">{t("open")}</button>
        )}
      </div>
      {!open && !issued && <p className="small muted">{t("lead")}</p>}
      {issued && <OneTimeLink link={issued.link} email={issued.email} onDone={() => setIssued(null)} />}
      {open && (
        <form onSubmit={onSubmit} noValidate data-testid="invite-form">
          {error && !error.field && <div className="alert error" role="alert">{error.message}</div>}
          <div className="invite-grid">
            <div className="field">
              <label htmlFor={ids.email}>{t("email")}</label>
              <input id={ids.email} name="email" type="email" autoComplete="off" required maxLength={320} autoFocus aria-invalid={error?.field === "email" || undefined} aria-describedby={error?.field === "email" ? `${ids.email}-error` : undefined} data-testid="invite-email" />
              {error?.field === "email" && <p className="field-error small" id={`${ids.email}-error`} role="alert">{error.message}</p>}
            </div>
            <div className="field">
              <label htmlFor={ids.name}>{t("name")}</label>
              <input id={ids.name} name="name" autoComplete="off" maxLength={200} aria-invalid={error?.field === "name" || undefined} data-testid="invite-name" />
              {error?.field === "name" && <p className="field-error small" role="alert">{error.message}</p>}
            </div>
            <div className="field">
              <label htmlFor={ids.role}>{t("role")}</label>
              <select id={ids.role} name="role" defaultValue="FACILITATOR" aria-describedby={ids.roleHelp} data-testid="invite-role">
                {ROLES.map((r) => <option key={r} value={r}>{tc(`roles.${r}`)}</option>)}
              </select>
              <p className="small muted" id={ids.roleHelp}>{t("roleHelp")}</p>
            </div>
          </div>
          <div className="row">
            <button type="submit" className="btn" disabled={busy} data-testid="invite-submit">{busy ? t("creating") : t("submit")}</button>
            <button type="button" className="btn secondary" disabled={busy} onClick={() => { setOpen(false); setError(null); }}>{t("cancel")}</button>
          </div>
        </form>
      )}
    </section>
  );
}

"use client";
// An administrator's changes to another staff account, from the users page: its role,
// deactivating or reactivating it, a fresh one-time set-password link, and deleting it.
// Deactivating and deleting are confirmed first, in the shared ConfirmPanel (which takes
// keyboard focus and gives it back). Each goes through /api/users/:id (audited there); the
// page reloads its list afterwards. An admin's own row offers none of them: nobody changes
// their own role or locks themselves out.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ROLES, type Role } from "@/lib/auth/types";
import { apiFetch } from "@/lib/http/client-fetch";
import { ConfirmPanel } from "@/components/ui/ConfirmPanel";
import { OneTimeLink, type IssuedLink } from "@/components/users/OneTimeLink";

export type UserRow = { id: string; email: string; role: Role; active: boolean };

type Confirming = "deactivate" | "delete" | null;

export function UserActions({ user, canModify, canDelete }: { user: UserRow; canModify: boolean; canDelete: boolean }) {
  const t = useTranslations("privacy.users");
  const ta = useTranslations("admin.users");
  const tc = useTranslations("common");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const base = `/api/users/${encodeURIComponent(user.id)}`;

  async function send(method: "PATCH" | "DELETE" | "POST", url: string, body?: object): Promise<unknown> {
    setBusy(true);
    setError(null);
    try {
      const data = await apiFetch(url, { method, ...(body ? { json: body } : {}) });
      setConfirming(null);
      router.refresh();
      return data;
    } catch (e) {
      setError(t("failed", { message: (e as Error).message }));
      return null;
    } finally {
      setBusy(false);
    }
  }

  const newLink = async () => {
    const data = (await send("POST", `${base}/setup-link`)) as { link?: IssuedLink } | null;
    if (data?.link) setLink(data.link);
  };

  return (
    <div className="user-actions" data-testid="user-actions">
      {canModify && (
        <>
          <label className="sr-only" htmlFor={`role-${user.id}`}>{t("roleFor", { email: user.email })}</label>
          <select id={`role-${user.id}`} value={user.role} disabled={busy} onChange={(e) => void send("PATCH", base, { role: e.target.value })} data-testid="user-role">
            {ROLES.filter((r) => r !== "PARTICIPANT").map((r) => (
              <option key={r} value={r}>{tc(`roles.${r}`)}</option>
            ))}
          </select>
          {user.active ? (
            <button type="button" className="btn secondary small" disabled={busy} onClick={() => setConfirming("deactivate")} data-testid="user-toggle" aria-expanded={confirming === "deactivate"}>
              {ta("deactivate")}
            </button>
          ) : (
            <button type="button" className="btn secondary small" disabled={busy} onClick={() => void send("PATCH", base, { active: true })} data-testid="user-toggle">
              {ta("reactivate")}
            </button>
          )}
          {user.active && (
            <button type="button" className="btn ghost small" disabled={busy} onClick={() => void newLink()} data-testid="user-setup-link">
              {ta("newLink")}
            </button>
          )}
        </>
      )}
      {canDelete && (
        <button type="button" className="btn danger secondary small" disabled={busy} onClick={() => setConfirming("delete")} data-testid="user-delete" aria-expanded={confirming === "delete"}>
          {t("delete")}
        </button>
      )}
      {confirming === "deactivate" && (
        <ConfirmPanel
          title={ta("deactivateTitle", { email: user.email })}
          confirmLabel={busy ? ta("deactivating") : ta("deactivateConfirm")}
          cancelLabel={t("cancel")}
          busy={busy}
          onConfirm={() => void send("PATCH", base, { active: false })}
          onCancel={() => setConfirming(null)}
          testId="user-deactivate-confirm"
        >
          {ta("deactivateText")}
        </ConfirmPanel>
      )}
      {confirming === "delete" && (
        <ConfirmPanel
          title={t("deleteTitle", { email: user.email })}
          confirmLabel={busy ? t("deleting") : t("deleteConfirm")}
          cancelLabel={t("cancel")}
          busy={busy}
          onConfirm={() => void send("DELETE", base)}
          onCancel={() => setConfirming(null)}
          testId="user-delete-confirm"
        >
          {t("deleteText")}
        </ConfirmPanel>
      )}
      {link && <OneTimeLink link={link} email={user.email} onDone={() => setLink(null)} />}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

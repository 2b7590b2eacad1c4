"use client";
// An administrator's changes to another staff account, from the users page: its role,
// switching it off or on, and deleting it after a confirmation. Each goes through
// /api/users/:id (audited there); the page reloads its list afterwards. An admin's own
// row offers none of them: nobody changes their own role or locks themselves out.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ROLES, type Role } from "@/lib/auth/types";
import { apiFetch } from "@/lib/http/client-fetch";

export type UserRow = { id: string; email: string; role: Role; active: boolean };

export function UserActions({ user, canModify, canDelete }: { user: UserRow; canModify: boolean; canDelete: boolean }) {
  const t = useTranslations("privacy.users");
  const tc = useTranslations("common");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(method: "PATCH" | "DELETE", body?: object) {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/users/${encodeURIComponent(user.id)}`, { method, json: body });
      setConfirming(false);
      router.refresh();
    } catch (e) {
      setError(t("failed", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="user-actions" data-testid="user-actions">
      {canModify && (
        <>
          <label className="sr-only" htmlFor={`role-${user.id}`}>{t("roleFor", { email: user.email })}</label>
          <select id={`role-${user.id}`} value={user.role} disabled={busy} onChange={(e) => void send("PATCH", { role: e.target.value })} data-testid="user-role">
            {ROLES.filter((r) => r !== "PARTICIPANT").map((r) => (
              <option key={r} value={r}>{tc(`roles.${r}`)}</option>
            ))}
          </select>
          <button type="button" className="btn secondary small" disabled={busy} onClick={() => void send("PATCH", { active: !user.active })} data-testid="user-toggle">
            {user.active ? t("switchOff") : t("switchOn")}
          </button>
        </>
      )}
      {canDelete && !confirming && (
        <button type="button" className="btn danger secondary small" disabled={busy} onClick={() => setConfirming(true)} data-testid="user-delete">
          {t("delete")}
        </button>
      )}
      {confirming && (
        <div className="erase-confirm" role="alertdialog" aria-labelledby={`delete-${user.id}`} data-testid="user-delete-confirm">
          <strong id={`delete-${user.id}`}>{t("deleteTitle", { email: user.email })}</strong>
          <p className="small">{t("deleteText")}</p>
          <div className="row">
            <button type="button" className="btn danger small" disabled={busy} onClick={() => void send("DELETE")} data-testid="user-delete-confirm-button">
              {busy ? t("deleting") : t("deleteConfirm")}
            </button>
            <button type="button" className="btn secondary small" disabled={busy} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

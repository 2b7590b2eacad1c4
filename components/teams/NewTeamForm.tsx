"use client";
// Adds a team to the organisation's list (POST /api/teams, audited there).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/lib/http/client-fetch";

export function NewTeamForm() {
  const t = useTranslations("teams");
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError(t("nameRequired"));
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/teams", { method: "POST", json: { name: name.trim() } });
      setName("");
      router.refresh();
    } catch (err) {
      setError(t("failed", { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card new-team" onSubmit={submit} noValidate data-testid="new-team-form">
      <label htmlFor="new-team-name">{t("add")}</label>
      <div className="row">
        <input id="new-team-name" data-testid="new-team-name" value={name} maxLength={60} placeholder={t("namePlaceholder")} onChange={(e) => setName(e.target.value)} />
        <button className="btn" type="submit" disabled={busy}>{busy ? t("adding") : t("addButton")}</button>
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
    </form>
  );
}

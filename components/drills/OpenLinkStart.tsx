"use client";
// The open link's landing: following it gives this visitor their own personal token (a POST,
// so a link preview or prefetch never creates a run), then the page moves to that resume link.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/lib/http/client-fetch";
import { useDrillError } from "./use-drill-error";

export function OpenLinkStart({ token }: { token: string }) {
  const t = useTranslations("drills.play");
  const router = useRouter();
  const errorText = useDrillError();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { token: personal } = await apiFetch<{ token: string }>(`/api/drill/open/${token}`, { method: "POST" });
      router.replace(`/drill/${personal}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }
  return (
    <div className="card">
      <h1>{t("welcome")}</h1>
      <p>{t("resumeLink")}</p>
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="btn" disabled={busy} onClick={start}>{t("start")}</button>
    </div>
  );
}

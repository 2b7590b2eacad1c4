"use client";
// "Download my data" for a participant of a named session: authenticates with the resume
// token this device keeps for the session, and saves the JSON export as a file.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { loadParticipantToken } from "@/lib/realtime/client";
import { ApiError, apiResponse } from "@/lib/http/client-fetch";

export function ExportMyDataButton({ sessionId }: { sessionId: string }) {
  const t = useTranslations("privacy");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setError(null);
    const token = loadParticipantToken(sessionId);
    if (!token) {
      setError(t("myData.noToken"));
      return;
    }
    setBusy(true);
    try {
      const res = await apiResponse("/api/participants/me/export", { headers: { authorization: `Participant ${token}` } });
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `readyroom-my-data-${sessionId}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.problem.code === "HTTP" || e.problem.code === "OFFLINE" ? t("myData.failed", { status: e.problem.status }) : e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      <button className="btn secondary" type="button" onClick={() => void download()} disabled={busy} data-testid="export-my-data">
        {busy ? t("myData.preparing") : t("myData.download")}
      </button>
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

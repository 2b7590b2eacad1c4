"use client";
// "Download my data" for a participant of a named session: authenticates with the resume
// token this device keeps for the session, and saves the JSON export as a file.
import { useState } from "react";
import { loadParticipantToken } from "@/lib/realtime/client";

export function ExportMyDataButton({ sessionId }: { sessionId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setError(null);
    const token = loadParticipantToken(sessionId);
    if (!token) {
      setError("this device has no record of joining this session; export from the device you joined with");
      return;
    }
    setBusy(true);
    try {
      const res = await fetch("/api/participants/me/export", { headers: { authorization: `Participant ${token}` } });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        throw new Error(data?.error?.message ?? `the export failed (${res.status})`);
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `readyroom-my-data-${sessionId}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      <button className="btn secondary" type="button" onClick={() => void download()} disabled={busy} data-testid="export-my-data">
        {busy ? "Preparing…" : "Download my data"}
      </button>
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

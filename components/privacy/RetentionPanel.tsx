"use client";
// Shows what the last retention run deleted and runs one now (POST /api/retention).
import { useState } from "react";
import type { RetentionSummary } from "@/lib/privacy/retention";

const when = (iso: string) => new Date(iso).toLocaleString();

export function RetentionPanel({ lastRun, canRun }: { lastRun: RetentionSummary | null; canRun: boolean }) {
  const [run, setRun] = useState<RetentionSummary | null>(lastRun);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function runNow() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/retention", { method: "POST" });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data?.error?.message ?? `the run failed (${res.status})`);
      setRun(data as RetentionSummary);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="retention-heading" data-testid="retention-panel">
      <h2 id="retention-heading">Retention</h2>
      <p className="muted">
        The server deletes raw responses on a schedule once sessions are past the retention period. You can also run it now; it only deletes what the policy already allows.
      </p>
      {error && <div className="alert error" role="alert">{error}</div>}
      {run ? (
        <div className="stack" data-testid="retention-last-run">
          <p>
            Last run <strong>{when(run.at)}</strong> by {run.actor}, keeping {run.retentionDays} days: sessions that ended before {when(run.cutoff)}.
          </p>
          <table className="table">
            <thead>
              <tr><th>Sessions purged</th><th>Answers</th><th>Votes</th><th>Participants</th><th>Replay records</th></tr>
            </thead>
            <tbody>
              <tr><td>{run.sessions}</td><td>{run.responses}</td><td>{run.votes}</td><td>{run.participants}</td><td>{run.processedCommands}</td></tr>
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty"><strong>Retention has not run yet</strong>It runs on a schedule inside the server, or now with the button below.</div>
      )}
      {canRun && (
        <div className="row" style={{ marginTop: "1rem" }}>
          <button className="btn secondary" type="button" onClick={() => void runNow()} disabled={busy} data-testid="run-retention">
            {busy ? "Running…" : "Run retention now"}
          </button>
        </div>
      )}
    </section>
  );
}

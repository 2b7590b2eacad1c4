"use client";
// Shows what the last retention run deleted and runs one now (POST /api/retention).
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { RetentionSummary } from "@/lib/privacy/retention";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";

export function RetentionPanel({ lastRun, canRun }: { lastRun: RetentionSummary | null; canRun: boolean }) {
  const t = useTranslations("privacy");
  const format = useFormatter();
  const [run, setRun] = useState<RetentionSummary | null>(lastRun);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  async function runNow() {
    setBusy(true);
    setError(null);
    try {
      setRun(await apiFetch<RetentionSummary>("/api/retention", { method: "POST" }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.problem.code === "HTTP" ? t("retention.failed", { status: e.problem.status }) : e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="retention-heading" data-testid="retention-panel">
      <h2 id="retention-heading">{t("retention.title")}</h2>
      <p className="muted">{t("retention.intro")}</p>
      {error && <div className="alert error" role="alert">{error}</div>}
      {run ? (
        <div className="stack" data-testid="retention-last-run">
          <p>{t.rich("retention.lastRun", { at: when(run.at), actor: run.actor, days: run.retentionDays, cutoff: when(run.cutoff), b: (c) => <strong>{c}</strong> })}</p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("retention.sessions")}</th>
                  <th>{t("retention.abandoned")}</th>
                  <th>{t("retention.answers")}</th>
                  <th>{t("retention.votes")}</th>
                  <th>{t("retention.participants")}</th>
                  <th>{t("retention.replay")}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{run.sessions}</td>
                  <td>{run.abandoned ?? 0}</td>
                  <td>{run.responses}</td>
                  <td>{run.votes}</td>
                  <td>{run.participants}</td>
                  <td>{run.processedCommands}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <div className="empty"><strong>{t("retention.never")}</strong>{t("retention.neverHint")}</div>
      )}
      {canRun && (
        <div className="row" style={{ marginTop: "1rem" }}>
          <button className="btn secondary" type="button" onClick={() => void runNow()} disabled={busy} data-testid="run-retention">
            {busy ? t("retention.running") : t("retention.run")}
          </button>
        </div>
      )}
    </section>
  );
}

"use client";
// "Export evidence" on the dashboard: the signed evidence pack of the sessions the current
// filters select (GET /api/evidence with the same team, date and scenario filters). Fetched
// rather than linked, so a refusal (no session in the period) shows here in the page's
// language instead of arriving as a downloaded error file; the pack can take a while (PDFs).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ApiError, apiResponse } from "@/lib/http/client-fetch";
import { useErrorText } from "@/components/ui/use-error-text";

function fileNameOf(res: Response): string {
  const match = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "");
  return match?.[1] ?? "evidence.zip";
}

export function PeriodEvidence({ search, period }: { search: string; period: string }) {
  const t = useTranslations("evidence.period");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportPack() {
    setBusy(true);
    setError(null);
    try {
      const res = await apiResponse(`/api/evidence${search}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(res);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e.problem) : t("failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card report-section" aria-labelledby="period-evidence-heading" data-testid="period-evidence">
      <div className="section-head">
        <div>
          <h2 id="period-evidence-heading">{t("title")}</h2>
          <p className="muted small" style={{ margin: "4px 0 0" }}>{t("intro", { period })}</p>
        </div>
        <button type="button" className="btn" onClick={() => void exportPack()} disabled={busy} aria-busy={busy} data-testid="export-period-evidence">
          {busy ? t("busy") : t("button")}
        </button>
      </div>
      {error && (
        <p className="alert error" role="alert" data-testid="period-evidence-error">
          {error}
        </p>
      )}
    </section>
  );
}

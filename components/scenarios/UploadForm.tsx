"use client";
// Uploads a scenario file to POST /api/scenarios and shows what the linter said: the
// findings with their pointers when it was refused, the new version (and any warnings)
// when it was stored.
import Link from "@/components/ui/IntentLink";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import type { Finding } from "@/lib/scenario";
import { FindingList } from "./FindingList";

type Stored = { ok: true; id: string; slug: string; contentHash: string; created: boolean; warnings: Finding[] };
type Outcome =
  | { kind: "stored"; result: Stored; fileName: string }
  | { kind: "invalid"; findings: Finding[]; fileName: string }
  | { kind: "failed"; message: string };

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("scenarios.uploadPage");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) {
      setOutcome({ kind: "failed", message: t("chooseFile") });
      return;
    }
    if (file.size > maxBytes) {
      setOutcome({ kind: "failed", message: t("tooLarge", { name: file.name, size: Math.round(maxBytes / 1024) }) });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const stored = await apiFetch<Stored>("/api/scenarios", { method: "POST", body: await file.text() });
      setOutcome({ kind: "stored", result: stored, fileName: file.name });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const { problem } = e;
      if (problem.code === "SCENARIO_INVALID") setOutcome({ kind: "invalid", findings: (problem.findings ?? []) as Finding[], fileName: file.name });
      else setOutcome({ kind: "failed", message: problem.code === "HTTP" ? t("failed", { status: problem.status }) : errorText(problem) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <form onSubmit={onSubmit} className="card" noValidate>
        <div className="field">
          <label htmlFor="scenario-file">{t("file")}</label>
          <input id="scenario-file" name="file" type="file" accept=".json,application/json" required />
          <p className="hint">{t.rich("hint", { size: Math.round(maxBytes / 1024), code: (chunks) => <code>{chunks}</code> })}</p>
        </div>
        <button className="btn" type="submit" disabled={busy}>{busy ? t("checking") : t("submit")}</button>
      </form>

      {outcome?.kind === "failed" && <div className="alert error" role="alert">{outcome.message}</div>}

      {outcome?.kind === "invalid" && (
        <div className="card" data-testid="upload-invalid">
          <div className="alert error" role="alert">
            <strong>{t("notStored", { name: outcome.fileName })}</strong> {t("fixErrors", { count: outcome.findings.filter((f) => f.severity === "error").length })}
          </div>
          <FindingList findings={outcome.findings} />
        </div>
      )}

      {outcome?.kind === "stored" && (
        <div className="card" data-testid="upload-ok">
          <div className="alert ok" role="status">
            {outcome.result.created ? (
              <><strong>{t("stored")}</strong> {t.rich("storedBody", { name: outcome.fileName, hash: outcome.result.contentHash.slice(0, 12), slug: outcome.result.slug, code: (chunks) => <code>{chunks}</code> })}</>
            ) : (
              <><strong>{t("already")}</strong> {t.rich("alreadyBody", { hash: outcome.result.contentHash.slice(0, 12), slug: outcome.result.slug, code: (chunks) => <code>{chunks}</code> })}</>
            )}
          </div>
          <p><Link className="btn" href={`/scenarios/${outcome.result.id}`}>{t("open")}</Link></p>
          {outcome.result.warnings.length > 0 && (
            <>
              <h2>{t("warnings")}</h2>
              <p className="muted small">{t("warningsHint")}</p>
              <FindingList findings={outcome.result.warnings} />
            </>
          )}
        </div>
      )}
    </div>
  );
}


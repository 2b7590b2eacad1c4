"use client";
// Uploads a scenario file to POST /api/scenarios and shows what the linter said: the
// findings with their pointers when it was refused, the new version (and any warnings)
// when it was stored.
import Link from "next/link";
import { useState } from "react";
import type { Finding } from "@/lib/scenario";
import { FindingList } from "./FindingList";

type Stored = { ok: true; id: string; slug: string; contentHash: string; created: boolean; warnings: Finding[] };
type Outcome =
  | { kind: "stored"; result: Stored; fileName: string }
  | { kind: "invalid"; findings: Finding[]; fileName: string }
  | { kind: "failed"; message: string };

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) {
      setOutcome({ kind: "failed", message: "Choose a scenario .json file first." });
      return;
    }
    if (file.size > maxBytes) {
      setOutcome({ kind: "failed", message: `${file.name} is larger than ${Math.round(maxBytes / 1024)} KiB; scenario files are much smaller, so check that you picked the right file.` });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch("/api/scenarios", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: await file.text(),
      });
      const body = (await res.json().catch(() => null)) as (Stored & { error?: { code: string; message: string; findings?: Finding[] } }) | null;
      if (res.ok && body?.ok) setOutcome({ kind: "stored", result: body, fileName: file.name });
      else if (body?.error?.code === "SCENARIO_INVALID") setOutcome({ kind: "invalid", findings: body.error.findings ?? [], fileName: file.name });
      else setOutcome({ kind: "failed", message: body?.error?.message ? capitalise(body.error.message) : `The upload failed (HTTP ${res.status}). Try again.` });
    } catch {
      setOutcome({ kind: "failed", message: "The server could not be reached. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <form onSubmit={onSubmit} className="card" noValidate>
        <div className="field">
          <label htmlFor="scenario-file">Scenario file</label>
          <input id="scenario-file" name="file" type="file" accept=".json,application/json" required />
          <p className="hint">A scenario in format v1 (.json, up to {Math.round(maxBytes / 1024)} KiB). It is checked by the same linter as <code>npm run scenarios:lint</code>; nothing is stored while it has errors.</p>
        </div>
        <button className="btn" type="submit" disabled={busy}>{busy ? "Checking…" : "Check and upload"}</button>
      </form>

      {outcome?.kind === "failed" && <div className="alert error" role="alert">{outcome.message}</div>}

      {outcome?.kind === "invalid" && (
        <div className="card" data-testid="upload-invalid">
          <div className="alert error" role="alert">
            <strong>{outcome.fileName} was not stored.</strong> Fix the {countLabel(outcome.findings, "error")} below and upload it again.
          </div>
          <FindingList findings={outcome.findings} />
        </div>
      )}

      {outcome?.kind === "stored" && (
        <div className="card" data-testid="upload-ok">
          <div className="alert ok" role="status">
            {outcome.result.created ? (
              <><strong>Stored.</strong> {outcome.fileName} is now version <code>{outcome.result.contentHash.slice(0, 12)}</code> of “{outcome.result.slug}”.</>
            ) : (
              <><strong>Already in the catalogue.</strong> This exact content is version <code>{outcome.result.contentHash.slice(0, 12)}</code> of “{outcome.result.slug}”; nothing new was stored.</>
            )}
          </div>
          <p><Link className="btn" href={`/scenarios/${outcome.result.id}`}>Open this version</Link></p>
          {outcome.result.warnings.length > 0 && (
            <>
              <h2>Warnings</h2>
              <p className="muted small">These do not block the upload, but are worth a look.</p>
              <FindingList findings={outcome.result.warnings} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function countLabel(findings: Finding[], severity: Finding["severity"]): string {
  const n = findings.filter((f) => f.severity === severity).length;
  return `${n} ${severity}${n === 1 ? "" : "s"}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}

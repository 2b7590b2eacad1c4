"use client";
// Erases one participant after an explicit confirmation step (DELETE /api/participants/:id).
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ParticipantMatch } from "@/lib/privacy/erasure";
import { apiFetch } from "@/lib/http/client-fetch";

type Result = { responses: number; votes: number; decisionsRecomputed: number };

export function EraseParticipant({ participant }: { participant: ParticipantMatch }) {
  const t = useTranslations("privacy");
  const [stage, setStage] = useState<"idle" | "confirm" | "busy" | "done">("idle");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = participant.displayName;

  async function erase() {
    setStage("busy");
    setError(null);
    try {
      setResult(await apiFetch<Result>(`/api/participants/${encodeURIComponent(participant.id)}`, { method: "DELETE" }));
      setStage("done");
    } catch (e) {
      setError(t("erasure.failed", { message: (e as Error).message }));
      setStage("confirm");
    }
  }

  if (stage === "done" && result) {
    return (
      <div className="alert ok" role="status" data-testid="erase-done">
        {t("erasure.done", { name, answers: result.responses, votes: result.votes, decisions: result.decisionsRecomputed })}
      </div>
    );
  }
  if (stage === "idle") {
    return (
      <button type="button" className="btn danger secondary" onClick={() => setStage("confirm")} data-testid="erase-start">
        {t("erasure.erase")}
      </button>
    );
  }
  return (
    <div className="erase-confirm" role="alertdialog" aria-labelledby={`erase-${participant.id}`} data-testid="erase-confirm">
      <strong id={`erase-${participant.id}`}>{t("erasure.confirmTitle", { name })}</strong>
      <p className="small">{t("erasure.confirmText", { answers: participant.answers, votes: participant.votes, session: participant.session.title })}</p>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="row">
        <button type="button" className="btn danger" onClick={() => void erase()} disabled={stage === "busy"} data-testid="erase-confirm-button">
          {stage === "busy" ? t("erasure.erasing") : t("erasure.confirm")}
        </button>
        <button type="button" className="btn secondary" onClick={() => setStage("idle")} disabled={stage === "busy"}>
          {t("erasure.cancel")}
        </button>
      </div>
    </div>
  );
}

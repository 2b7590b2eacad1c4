"use client";
// Erases one participant after an explicit confirmation step (DELETE /api/participants/:id),
// in the shared ConfirmPanel.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ParticipantMatch } from "@/lib/privacy/erasure";
import { apiFetch } from "@/lib/http/client-fetch";
import { ConfirmPanel } from "@/components/ui/ConfirmPanel";

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
  // The start button stays while the confirmation is open, so focus can return to it.
  return (
    <div className="stack">
      <button type="button" className="btn danger secondary" onClick={() => setStage("confirm")} aria-expanded={stage !== "idle"} data-testid="erase-start">
        {t("erasure.erase")}
      </button>
      {stage !== "idle" && (
        <ConfirmPanel
          title={t("erasure.confirmTitle", { name })}
          confirmLabel={stage === "busy" ? t("erasure.erasing") : t("erasure.confirm")}
          cancelLabel={t("erasure.cancel")}
          busy={stage === "busy"}
          onConfirm={() => void erase()}
          onCancel={() => setStage("idle")}
          testId="erase-confirm"
        >
          <p>{t("erasure.confirmText", { answers: participant.answers, votes: participant.votes, session: participant.session.title })}</p>
          {error && <div className="alert error" role="alert">{error}</div>}
        </ConfirmPanel>
      )}
    </div>
  );
}

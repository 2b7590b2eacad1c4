"use client";
// Erases one drill invitee after an explicit confirmation (DELETE /api/participants/:id with the
// invitation's id): the invitation, their run with its answers when it can be found, their mail.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { DrillInviteeMatch } from "@/lib/privacy/drill-invitees";
import { apiFetch } from "@/lib/http/client-fetch";
import { ConfirmPanel } from "@/components/ui/ConfirmPanel";

type Result = { run: "deleted" | "not started" | "not linkable"; answers: number; mails: number };
const RUN_KEY = { deleted: "deleted", "not started": "none", "not linkable": "unlinkable" } as const;

export function EraseDrillInvitee({ invitee }: { invitee: DrillInviteeMatch }) {
  const t = useTranslations("privacy");
  const [stage, setStage] = useState<"idle" | "confirm" | "busy" | "done">("idle");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function erase() {
    setStage("busy");
    setError(null);
    try {
      setResult(await apiFetch<Result>(`/api/participants/${encodeURIComponent(invitee.id)}`, { method: "DELETE" }));
      setStage("done");
    } catch (e) {
      setError(t("erasure.failed", { message: (e as Error).message }));
      setStage("confirm");
    }
  }

  if (stage === "done" && result) {
    return (
      <div className="alert ok" role="status" data-testid="erase-drill-done">
        {t("erasure.drillDone", { email: invitee.email, run: RUN_KEY[result.run], answers: result.answers, mails: result.mails })}
      </div>
    );
  }
  return (
    <div className="stack">
      <button type="button" className="btn danger secondary" onClick={() => setStage("confirm")} aria-expanded={stage !== "idle"} data-testid="erase-drill-start">
        {t("erasure.erase")}
      </button>
      {stage !== "idle" && (
        <ConfirmPanel
          title={t("erasure.drillConfirmTitle", { email: invitee.email })}
          confirmLabel={stage === "busy" ? t("erasure.erasing") : t("erasure.confirm")}
          cancelLabel={t("erasure.cancel")}
          busy={stage === "busy"}
          onConfirm={() => void erase()}
          onCancel={() => setStage("idle")}
          testId="erase-drill-confirm"
        >
          <p>
            {invitee.answers
              ? t("erasure.drillConfirmText", { drill: invitee.drill.title, answers: invitee.answers.decisions, mails: invitee.mails })
              : t("erasure.drillConfirmTextAnonymous", { drill: invitee.drill.title, mails: invitee.mails })}
          </p>
          {error && <div className="alert error" role="alert">{error}</div>}
        </ConfirmPanel>
      )}
    </div>
  );
}

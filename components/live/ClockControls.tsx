"use client";
// The facilitator's clock controls on a console team card: start a clock by hand ("the
// regulator called") or stop it, and mark each sent notice received or rejected.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ClockCommand } from "@/lib/session/clock-inputs";
import { runClockCommand, useClockStore, type ClockProblem } from "./clock-store";
import { ClockList } from "./ClockList";
import "./clocks.css";

export function ClockControls({ teamId, canModify }: { teamId: string; canModify: boolean }) {
  const t = useTranslations("liveClocks");
  const errorText = useErrorText();
  const view = useClockStore((s) => s.teams[teamId]);
  const [problem, setProblem] = useState<ClockProblem | null>(null);
  const [busy, setBusy] = useState(false);
  if (!view || view.clocks.length === 0) return null;
  const run = async (command: ClockCommand) => {
    setBusy(true);
    const outcome = await runClockCommand(command);
    setBusy(false);
    setProblem(outcome.ok ? null : outcome.problem);
  };
  const pending = view.tasks.flatMap((task) => task.notices.filter((n) => n.status === "pending").map((n) => ({ ...n, title: task.title })));
  return (
    <div className="clock-controls" data-testid={`clock-controls-${teamId}`}>
      <ClockList teamId={teamId} showNow />
      {canModify && (
        <>
          <div className="row">
            {view.clocks.map((clock) =>
              clock.status === "not-started" ? (
                <button key={clock.id} className="btn secondary" type="button" disabled={busy} onClick={() => run({ type: "clock-start", teamId, clockId: clock.id })}>
                  {t("start", { clock: clock.label })}
                </button>
              ) : clock.status === "running" || clock.status === "warning" || clock.status === "breached" ? (
                <button key={clock.id} className="btn secondary" type="button" disabled={busy} onClick={() => run({ type: "clock-stop", teamId, clockId: clock.id })}>
                  {t("stop", { clock: clock.label })}
                </button>
              ) : null,
            )}
          </div>
          {pending.map((n) => (
            <div key={n.id} className="row small" data-testid="notice-pending">
              <span>{t("pending", { title: n.title, name: n.by ?? "—" })}</span>
              <button className="btn secondary" type="button" disabled={busy} onClick={() => run({ type: "notice-verdict", noticeId: n.id, verdict: "received" })}>{t("markReceived")}</button>
              <button className="btn secondary" type="button" disabled={busy} onClick={() => run({ type: "notice-verdict", noticeId: n.id, verdict: "rejected" })}>{t("markRejected")}</button>
            </div>
          ))}
        </>
      )}
      {problem && <div className="alert error" role="alert">{errorText(problem)}</div>}
    </div>
  );
}

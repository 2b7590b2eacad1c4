"use client";
// The facilitator's drill page: the funnel by team (withheld below k where the server says
// so), each decision's choices with mean confidence and the reasoning the viewer may read,
// the drill's e-mail (counts per status, messages that bounced or failed with the reason),
// and the actions: extend the deadline, close early, new links CSV, and "Send a reminder
// now", disabled (with the reason) when e-mail is not configured.
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { apiFetch, apiResponse } from "@/lib/http/client-fetch";
import type { DrillPageData, DrillDelivery } from "@/lib/drills/page-data";
import type { Funnel } from "@/lib/drills/progress";
import { useDrillError } from "./use-drill-error";
import "./drills.css";

const STAGES = ["invited", "opened", "started", "finished"] as const;

function FunnelCells({ funnel }: { funnel: Funnel }) {
  return <>{STAGES.map((s) => <td key={s}>{funnel[s]}</td>)}</>;
}

const COUNTED = ["QUEUED", "SENDING", "SENT", "UNCONFIRMED", "FAILED", "BOUNCED"] as const;

function DeliveryCard({ delivery }: { delivery: DrillDelivery }) {
  const tm = useTranslations("drillMail");
  const format = useFormatter();
  if (!delivery.configured) {
    return (
      <section className="card" data-testid="drill-delivery">
        <h2>{tm("delivery")}</h2>
        <p className="alert warn" role="status">{tm("deliveryOff")}</p>
      </section>
    );
  }
  return (
    <section className="card stack" data-testid="drill-delivery">
      <h2>{tm("delivery")}</h2>
      <dl className="delivery-counts">
        {COUNTED.map((s) => (
          <div key={s} className={delivery.counts[s] && (s === "FAILED" || s === "BOUNCED") ? "bad" : undefined}>
            <dt>{tm(`count.${s}`)}</dt>
            <dd data-testid={`delivery-${s}`}>{delivery.counts[s]}</dd>
          </div>
        ))}
      </dl>
      <h3>{tm("problems")}</h3>
      {delivery.problems.length === 0 ? (
        <p className="muted small">{tm("noProblems")}</p>
      ) : (
        <ul className="plain-list small delivery-problems" data-testid="delivery-problems">
          {delivery.problems.map((p) => (
            <li key={p.id}>
              <strong>{p.to}</strong> · {tm.has(`kind.${p.kind}`) ? tm(`kind.${p.kind}`) : p.kind} · <span className="badge neutral">{tm(`count.${p.status}`)}</span>
              <div className="muted">{p.reason} ({tm("attempts", { count: p.attempts })}, {format.dateTime(new Date(p.at), { dateStyle: "medium", timeStyle: "short" })})</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DrillDashboard({ initial, canModify }: { initial: DrillPageData; canModify: boolean }) {
  const t = useTranslations("drills");
  const tm = useTranslations("drillMail");
  const [notice, setNotice] = useState<string | null>(null);
  const format = useFormatter();
  const errorText = useDrillError();
  const [progress, setProgress] = useState(initial);
  const [deadline, setDeadline] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const url = `/api/drills/${progress.sessionId}`;

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setProgress(await apiFetch<DrillPageData>(url));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const reissue = () =>
    run(async () => {
      const res = await apiResponse(`${url}/links`, { method: "POST" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(await res.blob());
      a.download = `drill-links-${progress.sessionId}.csv`;
      a.click();
    });

  const remind = () =>
    run(async () => {
      const { queued } = await apiFetch<{ queued: number }>(`${url}/remind`, { method: "POST" });
      setNotice(tm("reminded", { count: queued }));
    });
  const mailConfigured = progress.delivery.configured;

  return (
    <div className="stack">
      <div className="row">
        <span className={`badge${progress.phase === "closed" ? " neutral" : ""}`} data-testid="drill-phase">{t(`phase.${progress.phase}`)}</span>
        <span className="small muted">{t("opensAt")}: {date(progress.opensAt)} · {t("closesAt")}: {date(progress.closesAt)}</span>
        {progress.anonymous && <span className="badge">{t("anonymous")}</span>}
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
      {notice && <div className="alert ok" role="status" data-testid="drill-notice">{notice}</div>}
      <section className="card">
        <h2>{t("funnel")}</h2>
        <p className="hint">{t("funnelHint", { k: progress.minGroupSize })}</p>
        <div className="table-scroll">
          <table className="drill-funnel" data-testid="drill-funnel">
            <thead>
              <tr><th>{t("team")}</th>{STAGES.map((s) => <th key={s}>{t(`status.${s}`)}</th>)}</tr>
            </thead>
            <tbody>
              {progress.byTeam.map((row) => (
                <tr key={row.teamId ?? "none"}>
                  <td>{row.team ?? t("noTeam")}</td>
                  {row.funnel.suppressed ? <td colSpan={4} className="muted">{t("withheld", { k: progress.minGroupSize })}</td> : <FunnelCells funnel={row.funnel.value} />}
                </tr>
              ))}
              {progress.openLinkRuns && (
                <tr><td>{t("openLinkRuns")}</td><td>—</td><td>—</td><td>{progress.openLinkRuns.started}</td><td>{progress.openLinkRuns.finished}</td></tr>
              )}
              <tr><th>{t("total")}</th><FunnelCells funnel={progress.total} /></tr>
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>{t("answers")}</h2>
        {progress.decisions.length === 0 && <p className="muted">{t("noAnswers")}</p>}
        {progress.decisions.map((d) => (
          <div key={d.nodeId} className="drill-answers" data-testid="drill-answers">
            <h3>{d.prompt}</h3>
            {d.options.suppressed ? (
              <p className="muted small">{t("withheld", { k: progress.minGroupSize })}</p>
            ) : (
              <ul className="plain-list small">
                {d.options.value.map((o) => (
                  <li key={o.optionId}>
                    <strong>{o.count}</strong> · {o.optionId === "@timeout" ? t("timeout") : o.label}
                    {o.meanConfidence !== null && <span className="muted"> ({t("meanConfidence", { value: o.meanConfidence.toFixed(1) })})</span>}
                  </li>
                ))}
              </ul>
            )}
            {d.reasoning && d.reasoning.length > 0 && (
              <details>
                <summary>{t("reasoning")} ({d.reasoning.length})</summary>
                <ul className="plain-list small">
                  {d.reasoning.map((r, i) => <li key={i}>{r.who && <strong>{r.who}: </strong>}{r.text}</li>)}
                </ul>
              </details>
            )}
          </div>
        ))}
      </section>
      <DeliveryCard delivery={progress.delivery} />
      {canModify && (
        <section className="card stack drill-actions">
          <h2>{t("actions")}</h2>
          <div className="row">
            <label className="sr-only" htmlFor="drill-deadline">{t("newDeadline")}</label>
            <input id="drill-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} aria-label={t("newDeadline")} />
            <button className="btn secondary" disabled={busy || !deadline} onClick={() => run(() => apiFetch(url, { method: "PATCH", json: { closesAt: new Date(deadline).toISOString() } }))}>{t("extend")}</button>
          </div>
          <div className="row">
            <button className="btn danger secondary" disabled={busy || progress.phase === "closed"} onClick={() => window.confirm(t("closeConfirm")) && run(() => apiFetch(`${url}/close`, { method: "POST" }))}>{t("closeEarly")}</button>
            <button className="btn secondary" disabled={busy || progress.phase === "closed"} onClick={reissue} title={t("reissueHint")}>{t("reissue")}</button>
          </div>
          <div>
            <button className="btn secondary" disabled={busy || !mailConfigured || progress.phase === "closed"} aria-describedby="remind-hint" data-testid="send-reminder" onClick={remind}>{tm("remindNow")}</button>
            <p className="hint" id="remind-hint">{mailConfigured ? tm("remindHint") : t("remindDisabled")}</p>
          </div>
        </section>
      )}
    </div>
  );
}

"use client";
// A participant playing a drill alone: welcome, each inject and decision (option,
// confidence 1–5, reasoning where asked, the sitting's countdown), then the personal result.
// Every action is one POST to `endpoint` that answers with the next view; a retry after a
// lost answer is safe (the server ignores a position already left, and an answer's key).
import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import type { DrillPlayView } from "@/lib/drills/play";
import { DRILL_LIMITS } from "@/lib/drills/inputs";
import type { DrillStep } from "@/lib/drills/views";
import { Markdown } from "@/components/live/Markdown";
import { DrillResultView } from "./DrillResultView";
import { useDrillError } from "./use-drill-error";
import { useHydrated } from "@/components/ui/use-hydrated";
import "./drills.css";

type Decision = Extract<DrillStep, { kind: "decision" }>;

function useSecondsLeft(deadlineAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadlineAt) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [deadlineAt]);
  return deadlineAt ? Math.max(0, Math.ceil((new Date(deadlineAt).getTime() - now) / 1000)) : null;
}

function DecisionForm({ step, busy, onAnswer, onTimeout, lang }: { step: Decision; busy: boolean; onAnswer: (a: { optionId: string; confidence: number; reasoning?: string }) => void; onTimeout: () => void; lang?: string }) {
  const t = useTranslations("drills.play");
  const [optionId, setOptionId] = useState<string | null>(null);
  const [confidence, setConfidence] = useState<number | null>(null);
  const [reasoning, setReasoning] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const left = useSecondsLeft(step.deadlineAt);
  const fired = useRef(false);
  useEffect(() => {
    if (left === 0 && !fired.current) {
      fired.current = true;
      onTimeout();
    }
  }, [left, onTimeout]);
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!optionId) return setProblem(t("needOption"));
    if (!confidence) return setProblem(t("needConfidence"));
    if (step.justify && reasoning.trim().length < DRILL_LIMITS.reasoningMin) return setProblem(t("needReasoning"));
    setProblem(null);
    onAnswer({ optionId, confidence, reasoning: step.justify ? reasoning.trim() : undefined });
  }
  return (
    <form className="card drill-card" onSubmit={submit} noValidate data-testid="drill-decision">
      <div className="row drill-card-head">
        <span className="node-kicker">{t("decision")}</span>
        {left !== null && <span className={`countdown${left <= 10 ? " urgent" : ""}`} data-testid="drill-countdown" role="timer">{Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}</span>}
      </div>
      {step.title && <h1 lang={lang}>{step.title}</h1>}
      <Markdown text={step.prompt} lang={lang} />
      <fieldset className="drill-options">
        <legend className="small muted">{t("chooseOption")}</legend>
        {step.options.map((o) => (
          <label key={o.id} className={`drill-option${optionId === o.id ? " chosen" : ""}${o.available ? "" : " unavailable"}`}>
            <input type="radio" name="option" value={o.id} disabled={!o.available || busy} checked={optionId === o.id} onChange={() => setOptionId(o.id)} />
            <span lang={lang}>{o.label}</span>
            {!o.available && <span className="small muted">({t("unavailable")})</span>}
          </label>
        ))}
      </fieldset>
      <fieldset className="drill-confidence">
        <legend>{t("confidence")}</legend>
        <div className="confidence-scale" role="radiogroup">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={confidence === n ? "chosen" : ""}>
              <input type="radio" name="confidence" value={n} checked={confidence === n} disabled={busy} onChange={() => setConfidence(n)} />
              <span>{n}</span>
            </label>
          ))}
        </div>
        <div className="row small muted confidence-ends"><span>1 = {t("confidenceLow")}</span><span>5 = {t("confidenceHigh")}</span></div>
      </fieldset>
      {step.justify && (
        <div className="field">
          <label htmlFor="drill-reasoning">{t("reasoning")}</label>
          <textarea id="drill-reasoning" rows={3} maxLength={DRILL_LIMITS.reasoningMax} value={reasoning} disabled={busy} onChange={(e) => setReasoning(e.target.value)} aria-describedby="drill-reasoning-hint" />
          <p className="hint" id="drill-reasoning-hint">{t("reasoningHint", { min: DRILL_LIMITS.reasoningMin, max: DRILL_LIMITS.reasoningMax })} · {reasoning.trim().length}/{DRILL_LIMITS.reasoningMax}</p>
        </div>
      )}
      {problem && <div className="alert error" role="alert">{problem}</div>}
      <button className="btn drill-submit" type="submit" disabled={busy}>{busy ? t("sending") : t("submit")}</button>
    </form>
  );
}

export function DrillPlay({ initial, endpoint, lang }: { initial: DrillPlayView; endpoint: string; lang?: string }) {
  const t = useTranslations("drills.play");
  const format = useFormatter();
  const errorText = useDrillError();
  const [view, setView] = useState(initial);
  const [busy, setBusy] = useState(false);
  // The page arrives as HTML first: until its script runs, the decision's fields and every
  // button wait, so a choice made or a press is never lost (or sent natively, in the address).
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  async function act(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      // A busy database saved nothing: the same body (the same key) is sent again, twice at most.
      for (let attempt = 1; ; attempt++) {
        try {
          setView(await apiFetch<DrillPlayView>(endpoint, { method: "POST", json: body }));
          break;
        } catch (e) {
          if (!(e instanceof ApiError && e.problem.code === "DATABASE_BUSY" && attempt < 3)) throw e;
          await new Promise((r) => setTimeout(r, 1500 * attempt));
        }
      }
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const step = view.step;
  return (
    <div className="drill-play stack">
      {view.timedOut && <div className="alert warn" role="status">{t("timedOut")}</div>}
      {error && <div className="alert error" role="alert">{error}</div>}
      {view.stage === "welcome" && (
        <div className="card drill-card">
          <p className="node-kicker">{view.drill.title}</p>
          <h1>{t("welcome")}</h1>
          <p>{t("welcomeBody", { date: date(view.drill.closesAt), count: view.drill.decisions })}</p>
          {view.drill.anonymous && <p className="alert info">{t("anonymousNote")}</p>}
          {view.drill.phase === "scheduled" && <p className="alert warn">{t("notOpen", { date: date(view.drill.opensAt) })}</p>}
          {view.drill.phase === "closed" && <p className="alert warn">{t("closedUnstarted")}</p>}
          <button className="btn drill-submit" disabled={busy || !hydrated || view.drill.phase !== "open"} onClick={() => act({ type: "start" })}>{t("start")}</button>
        </div>
      )}
      {view.stage === "playing" && step?.kind === "inject" && (
        <div className="card drill-card" data-testid="drill-inject">
          <p className="node-kicker">{t("inject")}</p>
          <h1 lang={lang}>{step.title}</h1>
          <Markdown text={step.body} lang={lang} />
          <button className="btn drill-submit" disabled={busy || !hydrated} onClick={() => act({ type: "advance", nodeId: step.nodeId, visit: step.visit })}>{t("continue")}</button>
        </div>
      )}
      {view.stage === "playing" && step?.kind === "decision" && (
        <DecisionForm
          key={`${step.nodeId}:${step.visit}`}
          step={step}
          busy={busy || !hydrated}
          lang={lang}
          onAnswer={(a) => act({ type: "answer", nodeId: step.nodeId, visit: step.visit, key: crypto.randomUUID(), ...a })}
          onTimeout={() => act({ type: "timeout", nodeId: step.nodeId, visit: step.visit })}
        />
      )}
      {view.stage === "playing" && <p className="small muted">{t("saved")} {t("resumeLink")}</p>}
      {view.stage === "result" && view.result && <DrillResultView result={view.result} lang={lang} />}
    </div>
  );
}

"use client";
// Solo playtest through the real engine: the author advances, picks options (unavailable ones
// are shown, not hidden) or lets a decision time out, and watches variables, visited nodes
// and points per capability change. Every step is kept, so the author can step back.
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import {
  ZScenario,
  applyEvent,
  currentNode,
  describeOptions,
  startScenario,
  type EngineEvent,
  type EngineState,
  type TScenario,
} from "@/lib/scenario";
import { useStudio } from "./context";

type Step = { state: EngineState; event: EngineEvent | null };

export function Playtest() {
  const t = useTranslations("studio");
  const { doc } = useStudio();
  const parsed = useMemo(() => ZScenario.safeParse(doc), [doc]);
  if (!parsed.success) {
    return (
      <div className="card empty" data-testid="playtest-blocked">
        <strong>{t("playtest.blockedTitle")}</strong>
        <p>{t("playtest.blocked", { count: parsed.error.issues.length })}</p>
      </div>
    );
  }
  return <Player scenario={parsed.data} />;
}

function Player({ scenario }: { scenario: TScenario }) {
  const t = useTranslations("studio");
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const restart = () => {
    setError(null);
    try {
      setSteps([{ state: startScenario(scenario), event: null }]);
    } catch (e) {
      setSteps(null);
      setError((e as Error).message);
    }
  };
  // A changed document starts a new run: the old steps may no longer make sense.
  useEffect(restart, [scenario]); // eslint-disable-line react-hooks/exhaustive-deps

  const current = steps?.[steps.length - 1];

  if (error || !steps || !current) {
    return (
      <div className="alert error" role="alert" data-testid="playtest-error">
        {t("playtest.cannotStart")} {error}
      </div>
    );
  }
  const previous = steps.length > 1 ? steps[steps.length - 2].state : null;
  const state = current.state;
  const node = currentNode(scenario, state);

  const send = (event: EngineEvent) => {
    const result = applyEvent(scenario, state, event);
    if (!result.ok) {
      setError(`${result.error.code}: ${result.error.message}`);
      return;
    }
    setError(null);
    setSteps([...steps, { state: result.state, event }]);
  };

  const lastChoice = [...state.history].reverse().find((h) => h.event === "choose" || h.event === "timeout");
  const lastDecision = lastChoice && previous && steps[steps.length - 1].event?.type !== "advance" ? scenario.nodes.find((n) => n.id === lastChoice.nodeId) : undefined;
  const feedback = lastDecision?.type === "decision" && lastChoice && "choice" in lastChoice ? lastDecision.options.find((o) => o.id === lastChoice.choice)?.feedback : undefined;
  const capabilityName = new Map(scenario.capabilities.map((c) => [c.id, c.name]));

  return (
    <div className="studio-playtest" data-testid="playtest">
      <div className="studio-play-main">
        <div className="row">
          <button type="button" className="btn secondary small" onClick={() => setSteps(steps.slice(0, -1))} disabled={steps.length <= 1} data-testid="step-back">{t("playtest.back")}</button>
          <button type="button" className="btn ghost small" onClick={restart}>{t("playtest.restart")}</button>
          <span className="muted small">{t("playtest.step", { n: steps.length })}</span>
        </div>
        {feedback && (
          <div className="alert info" data-testid="playtest-feedback"><strong>{t("playtest.feedback")}</strong> {feedback}</div>
        )}
        <div className="card studio-play-node" data-testid="playtest-node" data-node-id={state.nodeId} data-status={state.status}>
          {node?.type === "inject" && (
            <>
              <p className="node-kicker">{t("kind.inject")} · <code>{node.id}</code></p>
              <h3>{node.title}</h3>
              <p className="studio-pre">{node.body}</p>
              {node.media?.map((m, i) => (
                <div key={i} className="studio-play-media"><span className="badge neutral">{m.kind}</span> {m.from && <strong>{m.from}</strong>} {m.subject && <em>{m.subject}</em>}<p className="studio-pre">{m.text}</p></div>
              ))}
              {node.questions?.length ? <ul>{node.questions.map((q) => <li key={q.id}>{q.text}</li>)}</ul> : null}
              <button type="button" className="btn" onClick={() => send({ type: "advance" })} data-testid="play-advance">{t("playtest.continue")}</button>
            </>
          )}
          {node?.type === "decision" && (
            <>
              <p className="node-kicker">{t("kind.decision")} · <code>{node.id}</code>{node.timeLimitSeconds ? ` · ${t("playtest.limit", { seconds: node.timeLimitSeconds })}` : ""}</p>
              {node.title && <h3>{node.title}</h3>}
              <p className="studio-pre">{node.prompt}</p>
              <div className="stack studio-play-options">
                {describeOptions(scenario, state).map((o) => (
                  <button key={o.id} type="button" className="btn secondary" disabled={!o.available} onClick={() => send({ type: "choose", optionId: o.id })} data-testid="play-option" data-option-id={o.id}>
                    {o.label} {!o.available && <span className="badge neutral">{t("playtest.unavailable")}</span>}
                  </button>
                ))}
                {node.onTimeout && (
                  <button type="button" className="btn ghost" onClick={() => send({ type: "timeout" })} data-testid="play-timeout">{t("playtest.timeout")}</button>
                )}
              </div>
            </>
          )}
          {node?.type === "end" && (
            <>
              <p className="node-kicker">{t("kind.end")} · <code>{node.id}</code></p>
              <h3>{node.title} <span className={`badge ${node.outcome === "success" ? "ok" : node.outcome === "partial" ? "warn" : "danger"}`}>{node.outcome}</span></h3>
              <p className="studio-pre">{node.debrief}</p>
              <p className="muted" data-testid="playtest-ended">{t("playtest.ended")}</p>
            </>
          )}
          {error && <div className="alert error" role="alert">{error}</div>}
        </div>
      </div>
      <aside className="studio-play-state">
        <h3>{t("playtest.scores")}</h3>
        <table className="table compact" data-testid="playtest-scores">
          <tbody>
            {Object.entries(state.scores).map(([capability, value]) => {
              const delta = previous ? value - (previous.scores[capability] ?? 0) : 0;
              return (
                <tr key={capability} className={delta ? "changed" : undefined}>
                  <td title={capabilityName.get(capability)}><code>{capability}</code></td>
                  <td data-capability={capability}>{value}</td>
                  <td>{delta ? <span className={`badge ${delta > 0 ? "ok" : "danger"}`}>{delta > 0 ? `+${delta}` : delta}</span> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3>{t("playtest.variables")}</h3>
        {Object.keys(state.vars).length === 0 ? <p className="muted small">{t("playtest.noVariables")}</p> : (
          <table className="table compact" data-testid="playtest-vars">
            <tbody>
              {Object.entries(state.vars).map(([name, value]) => {
                const changed = previous && previous.vars[name] !== value;
                return (
                  <tr key={name} className={changed ? "changed" : undefined}>
                    <td><code>{name}</code></td>
                    <td>{JSON.stringify(value)}</td>
                    <td>{changed ? <span className="badge warn">{t("playtest.changed")}</span> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <h3>{t("playtest.visited")}</h3>
        <ol className="small studio-visited" data-testid="playtest-visited">
          {state.history.filter((h) => h.event === "enter").map((h, i) => <li key={i}><code>{h.nodeId}</code></li>)}
        </ol>
      </aside>
    </div>
  );
}

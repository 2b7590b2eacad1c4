// The personal result page: score, the path taken with the better options and their
// feedback, and the training topics linked from the scenario.
import { useTranslations } from "next-intl";
import type { DrillResult } from "@/lib/drills/views";
import { Markdown } from "@/components/live/Markdown";

export function DrillResultView({ result, lang }: { result: DrillResult; lang?: string }) {
  const t = useTranslations("drills.result");
  return (
    <section className="stack drill-result" data-testid="drill-result" aria-labelledby="drill-result-title">
      <div className="card">
        <h1 id="drill-result-title">{t("title")}</h1>
        {!result.finished && <p className="alert warn" role="status">{t("partial")}</p>}
        <p className="row">
          {result.outcome && <span className={`badge outcome-${result.outcome}`}>{t(`outcome.${result.outcome}`)}</span>}
          <strong data-testid="drill-score">{t("score", { points: result.points, best: result.bestPoints })}</strong>
        </p>
        {result.endTitle && <h2 lang={lang}>{result.endTitle}</h2>}
        {result.debrief && <Markdown text={result.debrief} lang={lang} />}
      </div>
      <div className="card">
        <h2>{t("path")}</h2>
        <ol className="drill-path">
          {result.decisions.map((d, i) => (
            <li key={`${d.nodeId}-${i}`} className={d.best ? "drill-step best" : "drill-step"} data-testid="drill-path-step">
              <div className="md" lang={lang}><Markdown text={d.prompt} lang={lang} /></div>
              <p>
                <span className="muted small">{d.chosen.label ? t("youChose") : t("timedOut")}</span>{" "}
                {d.chosen.label && <strong lang={lang}>{d.chosen.label}</strong>} {d.best && <span className="badge">{t("best")}</span>}
              </p>
              {d.chosen.feedback && <Markdown className="small" text={d.chosen.feedback} lang={lang} />}
              {d.confidence !== null && <p className="small muted">{t("confidence", { value: d.confidence })}</p>}
              {d.reasoning && (
                <blockquote className="small"><span className="muted">{t("yourReasoning")}: </span>{d.reasoning}</blockquote>
              )}
              {d.better.length > 0 && (
                <div className="drill-better">
                  <p className="small muted">{t("better")}</p>
                  <ul>
                    {d.better.map((b) => (
                      <li key={b.id} lang={lang}>
                        <strong>{b.label}</strong>
                        {b.feedback && <Markdown className="small" text={b.feedback} lang={lang} />}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ol>
      </div>
      <div className="card">
        <h2>{t("training")}</h2>
        {result.training.length === 0 ? (
          <p className="muted">{t("noTraining")}</p>
        ) : (
          <ul className="plain-list" data-testid="drill-training">
            {result.training.map((tr) => (
              <li key={tr.id} lang={lang}>{tr.url ? <a href={tr.url} target="_blank" rel="noopener noreferrer">{tr.title}</a> : tr.title}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

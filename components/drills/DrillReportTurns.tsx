// The drill report's second half: the distribution of paths taken (paths of fewer than k
// people folded together), the most common wrong turns with sampled reasoning (withheld
// below k), and the training recommendations with the scenario's links.
import { getFormatter, getTranslations } from "next-intl/server";
import type { DrillReport } from "@/lib/drills/report-load";

async function Paths({ report }: { report: DrillReport }) {
  const t = await getTranslations("drillReport");
  const { shown, otherPeople, otherPaths } = report.paths;
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-paths">
      <h2>{t("paths.heading")}</h2>
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table compact">
            <thead><tr><th>{t("paths.path")}</th><th>{t("paths.end")}</th><th className="num">{t("paths.people")}</th></tr></thead>
            <tbody>
              {shown.map((p, i) => (
                <tr key={i} data-end={p.endNodeId ?? ""}>
                  <td><ol className="drill-path-steps">{p.labels.map((label, j) => <li key={j}>{label}</li>)}</ol></td>
                  <td>{p.endTitle ?? <span className="muted">{t("paths.unfinished")}</span>}{p.outcome && <div className="small muted">{t("paths.outcome", { outcome: p.outcome })}</div>}</td>
                  <td className="num" data-testid="path-people">{p.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {otherPeople > 0 && <p className="small muted" data-testid="paths-other">{t("paths.other", { people: otherPeople, paths: otherPaths, k: report.minGroupSize })}</p>}
    </section>
  );
}

async function WrongTurns({ report }: { report: DrillReport }) {
  const t = await getTranslations("drillReport");
  const format = await getFormatter();
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-turns">
      <h2>{t("turns.heading")}</h2>
      <p className="small muted">{t("turns.lead")}</p>
      {report.wrongTurns.length === 0 ? <p>{t("turns.empty")}</p> : (
        <ol className="drill-turns">
          {report.wrongTurns.map((w) => (
            <li key={`${w.nodeId}:${w.optionId}`} className="drill-turn" data-node={w.nodeId} data-option={w.optionId}>
              <div className="small muted">{t("turns.decision")}: {w.prompt}</div>
              <div><strong>{w.label}</strong> · {t("turns.people", { people: w.people, met: w.met })}</div>
              <div className="small">
                <span className={w.confidentlyWrong > 0 ? "badge danger" : "badge neutral"}>{t("turns.confidentlyWrong", { count: w.confidentlyWrong })}</span>{" "}
                {t("turns.meanConfidence", { value: format.number(w.meanConfidence, { maximumFractionDigits: 1 }) })}
              </div>
              {w.betterLabels.length > 0 && <div className="small">{t("turns.better", { options: w.betterLabels.join(" · ") })}</div>}
              {w.reasoning.suppressed
                ? <p className="small muted" data-withheld="true">{t("turns.reasoningWithheld", { k: report.minGroupSize })}</p>
                : w.reasoning.value.length > 0 && (
                  <figure className="drill-turn-reasoning">
                    <figcaption className="small muted">{t("turns.reasoning")}</figcaption>
                    {w.reasoning.value.map((text, i) => <blockquote key={i}>{text}</blockquote>)}
                  </figure>
                )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

async function Training({ report }: { report: DrillReport }) {
  const t = await getTranslations("drillReport");
  const format = await getFormatter();
  const { training } = report;
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-training">
      <h2>{t("training.heading")}</h2>
      <p className="small muted">{t("training.lead")}</p>
      {training.suppressed ? <p className="muted" data-withheld="true">{t("training.withheld", { k: report.minGroupSize })}</p>
        : training.value.length === 0 ? <p>{t("training.empty")}</p> : (
          <div className="table-scroll">
            <table className="table compact">
              <thead><tr><th>{t("training.topic")}</th><th className="num">{t("training.people")}</th><th className="num">{t("training.confidentlyWrong")}</th><th className="num">{t("training.pointsLost")}</th></tr></thead>
              <tbody>
                {training.value.map((r) => (
                  <tr key={r.trainingId} data-training={r.trainingId}>
                    <td>{r.url ? <a href={r.url} target="_blank" rel="noreferrer">{r.title}</a> : r.title}</td>
                    <td className="num">{r.people}</td>
                    <td className="num">{r.confidentlyWrong}</td>
                    <td className="num">{format.number(r.totalCost, { maximumFractionDigits: 1 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

export async function DrillReportTurns({ report }: { report: DrillReport }) {
  return (
    <>
      <Paths report={report} />
      <WrongTurns report={report} />
      <Training report={report} />
    </>
  );
}

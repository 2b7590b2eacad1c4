"use client";
// Coverage: per decision, the least and most points one choice can earn per capability, the
// options no run can choose, and the endings still reachable; then every ending, and the
// totals over whole runs. Computed by lib/studio/coverage.ts through the real engine.
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { ZScenario } from "@/lib/scenario";
import { computeCoverage, type Coverage } from "@/lib/studio/coverage";
import { useStudio } from "./context";

export function CoverageView({ onSelectNode }: { onSelectNode: (id: string) => void }) {
  const t = useTranslations("studio");
  const { doc } = useStudio();
  const result = useMemo((): { coverage: Coverage; capabilities: string[] } | { error: string } | null => {
    const parsed = ZScenario.safeParse(doc);
    if (!parsed.success) return null;
    try {
      return { coverage: computeCoverage(parsed.data), capabilities: parsed.data.capabilities.map((c) => c.id) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [doc]);

  if (!result) {
    return <div className="card empty"><strong>{t("coverage.blocked")}</strong></div>;
  }
  if ("error" in result) return <div className="alert error" role="alert">{t("playtest.cannotStart")} {result.error}</div>;
  const { coverage, capabilities } = result;
  const range = (r?: { min: number; max: number }) => (!r ? "–" : r.min === r.max ? String(r.min) : `${r.min} … ${r.max}`);

  return (
    <div className="studio-coverage stack" data-testid="coverage">
      {coverage.truncated && <div className="alert info">{t("coverage.truncated", { count: coverage.situations })}</div>}
      <section>
        <h3>{t("coverage.decisions")}</h3>
        <div className="table-scroll">
          <table className="table compact">
            <thead>
              <tr>
                <th>{t("coverage.decision")}</th>
                {capabilities.map((c) => <th key={c}><code>{c}</code></th>)}
                <th>{t("coverage.neverAvailable")}</th>
                <th>{t("coverage.endings")}</th>
              </tr>
            </thead>
            <tbody>
              {coverage.decisions.map((d) => (
                <tr key={d.nodeId} data-testid="coverage-decision" data-node-id={d.nodeId}>
                  <td>
                    <button type="button" className="linklike" onClick={() => onSelectNode(d.nodeId)}><code>{d.nodeId}</code></button>
                    {!d.reached && <span className="badge warn">{t("coverage.notReached")}</span>}
                  </td>
                  {capabilities.map((c) => <td key={c} data-capability={c}>{range(d.points[c])}</td>)}
                  <td>{d.neverAvailable.length ? d.neverAvailable.map((o) => <code key={o}>{o} </code>) : "–"}</td>
                  <td>{d.endings.length ? d.endings.map((e) => <code key={e}>{e} </code>) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{t("coverage.decisionsHint")}</p>
      </section>
      <section>
        <h3>{t("coverage.allEndings")}</h3>
        <ul className="plain-list">
          {coverage.endings.map((e) => (
            <li key={e.nodeId} data-testid="coverage-ending" data-reachable={e.reachable}>
              <span className={`badge ${e.reachable ? "ok" : "danger"}`}>{e.reachable ? t("coverage.reachable") : t("coverage.unreachable")}</span>{" "}
              <code>{e.nodeId}</code> {e.title} <span className="muted small">({e.outcome})</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>{t("coverage.totals")}</h3>
        {coverage.totals ? (
          <div className="row">
            {capabilities.map((c) => <span key={c} className="badge neutral"><code>{c}</code> {range(coverage.totals![c])}</span>)}
          </div>
        ) : (
          <p className="muted small">{t("coverage.unbounded")}</p>
        )}
      </section>
    </div>
  );
}

// The pooled view: readiness of all teams together, shown where teams are withheld as small
// groups (the after-action report and the dashboard). Says why when the pool itself must stay
// hidden: the withheld teams together are below k, so the pool minus the shown teams would
// reveal them (docs/privacy.md, "Pooled view").
import { getFormatter, getTranslations } from "next-intl/server";
import type { PooledFigure, PooledView } from "@/lib/reports/pooled";
import { RatingBadge } from "./RatingBadge";

export async function PooledTeams({ pooled, scopeLabel }: { pooled: PooledView; scopeLabel: "session" | "filters" }) {
  const t = await getTranslations("pooled");
  const format = await getFormatter();
  const pct = (p: number | null) => (p === null ? "–" : format.number(p / 100, { style: "percent", maximumFractionDigits: 0 }));
  const { decision } = pooled;
  const refused = (f: Extract<PooledFigure, { shown: false }>) => t("figureWithheld", { k: f.decision.minGroupSize });
  return (
    <section className="card pooled" aria-labelledby="pooled-heading" data-testid="pooled-view" data-offered={decision.offered ? "true" : "false"}>
      <h2 id="pooled-heading">{t("heading")}</h2>
      {!decision.offered ? (
        <p className="muted" data-testid="pooled-refused">
          {decision.withheldGroups === 1
            ? t("refusedOne", { k: decision.minGroupSize })
            : t("refusedMany", { count: decision.withheldGroups, respondents: decision.withheldRespondents, k: decision.minGroupSize })}
        </p>
      ) : (
        <>
          <p className="muted small">{t(scopeLabel === "session" ? "leadSession" : "leadFilters", { count: decision.withheldGroups })}</p>
          {pooled.overall?.shown && (
            <p className="pooled-overall" data-testid="pooled-overall">
              <span>{t("overall")}</span> <strong>{pct(pooled.overall.percent)}</strong> <RatingBadge rating={pooled.overall.rating} />
            </p>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="pooled-table">
              <caption className="sr-only">{t("caption")}</caption>
              <thead>
                <tr><th scope="col">{t("capability")}</th><th scope="col" className="num">{t("readiness")}</th></tr>
              </thead>
              <tbody>
                {pooled.capabilities.map((c) => (
                  <tr key={c.id} data-capability={c.id}>
                    <td>
                      <strong>{c.name}</strong>
                      {c.figure.shown && <div className="muted small">{t("teamsCount", { count: c.figure.teams })}</div>}
                    </td>
                    {c.figure.shown ? (
                      <td className="num pooled-figure"><span data-testid="pooled-percent">{pct(c.figure.percent)}</span> <RatingBadge rating={c.figure.rating} /></td>
                    ) : (
                      <td className="muted small" data-testid="pooled-cell-withheld">{refused(c.figure)}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

// The answer first: the block that opens the after-action report page. Overall readiness,
// the HSEEP rating per capability at a glance, the three biggest gaps and the open
// improvement items with their owners (lib/reports/aar-summary.ts computes them).
import { getFormatter, getTranslations } from "next-intl/server";
import type { AarSummary } from "@/lib/reports/aar-summary";
import { dayText, percentText } from "@/lib/reports/aar-format";
import { RatingBadge } from "@/components/reports/RatingBadge";

export async function AarSummaryBlock({ summary }: { summary: AarSummary }) {
  const t = await getTranslations("aarSummary");
  const tr = await getTranslations("aar");
  const format = await getFormatter();
  return (
    <section className="card aar-section aar-summary" aria-labelledby="aar-summary" data-testid="aar-summary">
      <h2 id="aar-summary">{t("heading")}</h2>
      <div className="aar-summary-grid">
        <div className="aar-summary-overall" data-testid="aar-summary-overall">
          <div className="small muted">{t("overall")}</div>
          <div className="aar-summary-figure">{percentText(format, summary.readiness.percent)}</div>
          {summary.readiness.rating && (
            <div className="row small"><RatingBadge rating={summary.readiness.rating} /> <span>{tr("ratingLabel", { rating: summary.readiness.rating })}</span></div>
          )}
          {summary.withheldTeams > 0 && <p className="small muted">{t("withheld", { count: summary.withheldTeams })}</p>}
        </div>
        <div>
          <h3>{t("glance")}</h3>
          {summary.capabilities.length === 0 ? <p className="muted small">{t("noneAssessed")}</p> : (
            <ul className="aar-glance" data-testid="aar-summary-glance">
              {summary.capabilities.map((c) => (
                <li key={c.id} data-capability={c.id}>
                  <RatingBadge rating={c.rating} /> <span>{c.name}</span> <span className="small muted">{percentText(format, c.percent)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t("gaps")}</h3>
          {summary.gaps.length === 0 ? <p className="muted small" data-testid="aar-summary-no-gaps">{t("noGaps")}</p> : (
            <ol className="aar-summary-list" data-testid="aar-summary-gaps">
              {summary.gaps.map((g) => (
                <li key={g.id}>
                  <strong>{g.name}</strong> <RatingBadge rating={g.rating} /> <span className="small muted">{percentText(format, g.percent)}{g.weakestTeam ? ` · ${t("weakestTeam", { team: g.weakestTeam })}` : ""}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3>{t("openItems")}</h3>
          {summary.openItems.length === 0 ? <p className="muted small">{t("noOpenItems")}</p> : (
            <ul className="aar-summary-list" data-testid="aar-summary-items">
              {summary.openItems.map((i) => (
                <li key={i.id}>
                  <span>{i.action}</span>
                  <div className="small muted">
                    {t("owner", { owner: i.owner })}
                    {i.dueDate ? ` · ${t("due", { date: dayText(format, i.dueDate) })}` : ""}
                    {i.overdue ? <> · <span className="badge danger">{t("overdue")}</span></> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

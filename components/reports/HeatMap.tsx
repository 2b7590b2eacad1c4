// The readiness heat-map: organisation teams × capabilities, coloured by HSEEP rating with the
// percentage. Each cell opens the sessions behind it. Withheld groups say why.
import Link from "@/components/ui/IntentLink";
import { getFormatter, getTranslations } from "next-intl/server";
import type { HeatMap as THeatMap } from "@/lib/reports/dashboard";
import { filtersToSearch, type TReportFilters } from "@/lib/reports/filters";

export async function HeatMap({ map, filters }: { map: THeatMap; filters: TReportFilters }) {
  const t = await getTranslations("reports");
  const format = await getFormatter();
  const pct = (p: number) => format.number(p / 100, { style: "percent", maximumFractionDigits: 0 });
  return (
    <div className="table-scroll">
      <table className="table heatmap" data-testid="heatmap">
        <caption className="sr-only">{t("heatmap.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("heatmap.team")}</th>
            {map.capabilities.map((c) => (
              <th key={c.id} scope="col" title={c.id}><span className="heat-col">{c.name}</span></th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.teams.map((team) => (
            <tr key={team.teamId} data-team={team.name}>
              <th scope="row">
                <Link href={`/reports/teams/${encodeURIComponent(team.teamId)}${filtersToSearch(filters)}`}>{team.name}</Link>
                <div className="muted small">{t("heatmap.teamMeta", { sessions: team.sessions, respondents: team.respondents })}</div>
              </th>
              {team.row.suppressed ? (
                <td colSpan={Math.max(1, map.capabilities.length)} className="heat-withheld" data-testid="row-withheld">
                  {team.decisions === 0
                    ? t("withheld.noDecisions")
                    : team.respondents === 0
                      ? t("withheld.neverVoted", { k: team.row.minGroupSize })
                      : t("withheld.smallTeam", { respondents: team.respondents, k: team.row.minGroupSize })}
                </td>
              ) : (
                map.capabilities.map((c) => {
                  const cell = team.row.suppressed ? undefined : team.row.value.cells[c.id];
                  if (!cell) return <td key={c.id} className="heat-cell heat-none" title={t("heatmap.notAssessed")}><span className="sr-only">{t("heatmap.notAssessed")}</span>·</td>;
                  const href = `/reports/teams/${encodeURIComponent(team.teamId)}${filtersToSearch(filters, { capability: c.id })}`;
                  if (cell.suppressed) {
                    return (
                      <td key={c.id} className="heat-cell heat-withheld-cell" title={t("withheld.smallCell", { respondents: cell.respondents, k: cell.minGroupSize })}>
                        <Link href={href} aria-label={t("withheld.smallCell", { respondents: cell.respondents, k: cell.minGroupSize })}>{t("heatmap.withheldMark")}</Link>
                      </td>
                    );
                  }
                  const v = cell.value;
                  const rating = v.override?.rating ?? v.proposed;
                  return (
                    <td key={c.id} className={`heat-cell heat-${rating ?? "none"}`} data-capability={c.id} data-rating={rating ?? ""}>
                      <Link href={href} title={t("heatmap.cellTitle", { team: team.name, capability: c.name, earned: v.earned, best: v.best, decisions: v.decisions, sessions: v.sessions })}>
                        <span className="heat-rating">{rating ?? "–"}{v.override ? "✎" : ""}</span>
                        <span className="heat-pct">{v.percent === null ? "–" : pct(v.percent)}</span>
                      </Link>
                      {v.override && <span className="sr-only">{t("rating.overriddenTitle", { rating: v.override.rating, proposed: v.override.proposed ?? "–" })}</span>}
                    </td>
                  );
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function RatingLegend({ minGroupSize }: { minGroupSize: number }) {
  const t = await getTranslations("reports");
  return (
    <ul className="heat-legend" aria-label={t("legend.label")}>
      <li><span className="heat-swatch heat-P">P</span> {t("rating.P")}</li>
      <li><span className="heat-swatch heat-S">S</span> {t("rating.S")}</li>
      <li><span className="heat-swatch heat-M">M</span> {t("rating.M")}</li>
      <li><span className="heat-swatch heat-U">U</span> {t("rating.U")}</li>
      <li><span className="heat-swatch heat-withheld-cell">{t("heatmap.withheldMark")}</span> {t("legend.withheld", { k: minGroupSize })}</li>
      <li><span className="heat-swatch">✎</span> {t("legend.overridden")}</li>
    </ul>
  );
}

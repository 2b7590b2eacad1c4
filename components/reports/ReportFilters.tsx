"use client";
// The dashboard filters: a plain GET form, so a filtered view is a shareable URL.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import type { FilterOptions } from "@/lib/reports/filter-options";
import { REPORT_MODES, type TReportFilters } from "@/lib/reports/filters";

export function ReportFilters({ filters, options, action = "/reports" }: { filters: TReportFilters; options: FilterOptions; action?: string }) {
  const t = useTranslations("reports");
  const td = useTranslations("dashboard");
  const active = Boolean(filters.scenario || filters.team.length || filters.from || filters.to || filters.bucket !== "month" || filters.mode !== "all");
  return (
    <form method="get" action={action} className="catalog-filters card report-filters" role="search" aria-label={t("filters.label")} data-testid="report-filters">
      <div className="field">
        <label htmlFor="filter-scenario">{t("filters.scenario")}</label>
        <select id="filter-scenario" name="scenario" defaultValue={filters.scenario ?? ""}>
          <option value="">{t("filters.allScenarios")}</option>
          {options.scenarios.map((s) => (
            <option key={s.slug} value={s.slug}>{s.title}</option>
          ))}
        </select>
      </div>
      <fieldset className="field filter-teams" data-testid="filter-teams">
        <legend>{t("filters.team")}</legend>
        <div className="filter-team-list" title={td("teamsHint")}>
          {options.teams.map((team) => (
            <label key={team.id} className="check">
              <input type="checkbox" name="team" value={team.id} defaultChecked={filters.team.includes(team.id)} /> {team.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="filter-from">{t("filters.from")}</label>
        <input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t("filters.to")}</label>
        <input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-bucket">{t("filters.bucket")}</label>
        <select id="filter-bucket" name="bucket" defaultValue={filters.bucket}>
          <option value="month">{t("filters.month")}</option>
          <option value="week">{t("filters.week")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-mode">{td("mode.label")}</label>
        <select id="filter-mode" name="mode" defaultValue={filters.mode} data-testid="filter-mode">
          {REPORT_MODES.map((m) => (
            <option key={m} value={m}>{td(`mode.${m}`)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <button className="btn" type="submit" data-testid="apply-filters">{t("filters.apply")}</button>
      </div>
      {active && (
        <div className="field">
          <Link href={action} className="btn ghost">{t("filters.clear")}</Link>
        </div>
      )}
    </form>
  );
}

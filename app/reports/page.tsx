import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { heatMap, trends } from "@/lib/reports/dashboard";
import { filterOptions } from "@/lib/reports/filter-options";
import { gapRanking, persistentTeamGaps, refreshGapAnalyses } from "@/lib/reports/gaps";
import { EMPTY_FILTERS, filtersToSearch, parseReportFilters } from "@/lib/reports/filters";
import { reportScope } from "@/lib/reports/scope";
import { Forbidden } from "@/components/ui/Forbidden";
import { HeatMap, RatingLegend } from "@/components/reports/HeatMap";
import { ReportFilters } from "@/components/reports/ReportFilters";
import { TrendCharts } from "@/components/reports/TrendCharts";
import { GapRanking, PersistentGapList } from "@/components/reports/GapTables";
import { TeamHeadlines } from "@/components/reports/TeamHeadlines";
import { PooledTeams } from "@/components/reports/PooledTeams";
import { teamHeadlines } from "@/lib/reports/headlines";
import { onTimeNotificationRate } from "@/lib/reports/notification-rate";
import { clockOutcomesFromDecisions } from "@/lib/reports/notification-rate-load";
import { NotificationRateCard } from "@/components/reports/NotificationRateCard";
import { can } from "@/lib/auth/permissions";
import { loadTeamTrend } from "@/lib/improvements/team-trend";
import { LedgerTrend } from "@/components/improvements/LedgerTrend";
import { PeriodEvidence } from "@/components/reports/PeriodEvidence";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Freports");
  const scope = reportScope(session.user);
  if (!scope) return <Forbidden what="reports" />;
  const t = await getTranslations("reports");
  const td = await getTranslations("dashboard");
  const te = await getTranslations("evidence.period");
  const parsed = parseReportFilters(await searchParams);
  const filters = parsed.ok ? parsed.filters : EMPTY_FILTERS;

  const prisma = getPrisma();
  const { minGroupSize } = await getSettings(prisma);
  const options = await filterOptions(prisma, scope);
  const head = (
    <div className="page-head">
      <div>
        <h1>{t("title")}</h1>
        <p className="lead">{scope.kind === "own" ? t("leadOwn") : t("lead")}</p>
      </div>
    </div>
  );

  if (options.sessions === 0) {
    return (
      <main className="page">
        {head}
        <div className="card empty" data-testid="reports-empty">
          <strong>{t("empty.noSessions")}</strong>
          <p>{options.aborted ? t("empty.onlyAborted", { aborted: options.aborted }) : t("empty.noSessionsHint")}</p>
        </div>
      </main>
    );
  }

  await refreshGapAnalyses(prisma, scope, filters);
  const [map, trend, persistent, clockOutcomes, ledger] = await Promise.all([
    heatMap(prisma, scope, filters, minGroupSize),
    trends(prisma, scope, filters, minGroupSize),
    persistentTeamGaps(prisma, scope, filters, minGroupSize),
    clockOutcomesFromDecisions(prisma, scope, filters),
    loadTeamTrend(prisma, session.user, filters.team),
  ]);
  const notificationRate = onTimeNotificationRate(clockOutcomes, filters.bucket, minGroupSize);
  // Small groups are left out of the ranking as they are withheld from the heat-map.
  const gaps = await gapRanking(prisma, scope, filters, { teamIds: map.teams.filter((r) => !r.row.suppressed).map((r) => r.teamId), limit: 10 });
  const search = filtersToSearch(filters);
  const small = map.teams.filter((r) => r.row.suppressed && r.decisions > 0);
  const exportHref = (format: "csv" | "json") => `/api/reports/export${filtersToSearch(filters, { format })}`;
  const canExportEvidence = can(session.user.role, "evidence", "export") && can(session.user.role, "reports", "export");
  const chosenTeams = options.teams.filter((o) => filters.team.includes(o.id)).map((o) => o.name);
  const period = te("teamsIn", {
    teams: chosenTeams.length ? chosenTeams.join(", ") : te("allTeams"),
    dates: filters.from || filters.to ? `${filters.from ?? "…"} – ${filters.to ?? "…"}` : te("allDates"),
  });

  return (
    <main className="page wide">
      {head}
      {!parsed.ok && (
        <div className="alert" role="alert" data-testid="filter-error">
          {t("filters.invalid")}
          <ul>{parsed.issues.map((i) => <li key={i.field}><code>{i.field}</code>: {i.message}</li>)}</ul>
        </div>
      )}
      <ReportFilters filters={filters} options={options} />
      <TeamHeadlines headlines={teamHeadlines(trend.teams)} bucket={trend.bucket} />
      {small.length > 0 && (
        <div className="alert info" role="status" data-testid="small-teams-note">
          {td("smallTeams", { count: small.length, k: minGroupSize, names: small.map((r) => r.name).join(", ") })}
        </div>
      )}

      {map.pooled && <div className="report-section"><PooledTeams pooled={map.pooled} scopeLabel="filters" /></div>}

      <section className="card report-section" aria-labelledby="heatmap-heading">
        <div className="section-head">
          <h2 id="heatmap-heading">{t("heatmap.heading")}</h2>
          <div className="row">
            <a className="btn secondary" href={exportHref("csv")} data-testid="export-csv" download>{t("export.csv")}</a>
            <a className="btn secondary" href={exportHref("json")} data-testid="export-json" download>{t("export.json")}</a>
          </div>
        </div>
        {map.teams.length === 0 ? (
          <div className="empty" data-testid="reports-no-match">
            <strong>{t("empty.noMatch")}</strong>
            <p>{t("empty.noMatchHint")}</p>
          </div>
        ) : (
          <>
            <p className="muted small">{t("heatmap.explain")}</p>
            <HeatMap map={map} filters={filters} />
            <RatingLegend minGroupSize={minGroupSize} />
          </>
        )}
        {options.aborted > 0 && <p className="muted small" data-testid="aborted-note">{t("heatmap.abortedNote", { aborted: options.aborted })}</p>}
      </section>

      <section className="report-section" aria-labelledby="trends-heading">
        <h2 id="trends-heading">{t("trends.heading")}</h2>
        <TrendCharts teams={trend.teams} capabilities={trend.capabilities} buckets={trend.buckets} bucket={trend.bucket} minGroupSize={minGroupSize} />
      </section>

      <NotificationRateCard rate={notificationRate} />

      <LedgerTrend trend={ledger} />

      <div className="report-grid report-section">
        <section className="card" aria-labelledby="gaps-heading">
          <h2 id="gaps-heading">{t("gaps.heading")}</h2>
          <p className="muted small">{t("gaps.explain")}</p>
          <GapRanking gaps={gaps} />
        </section>
        <section className="card" aria-labelledby="persistent-heading">
          <h2 id="persistent-heading">{t("persistent.heading")}</h2>
          <p className="muted small">{t("persistent.explain")}</p>
          <PersistentGapList teams={persistent} />
        </section>
      </div>
      {canExportEvidence && <PeriodEvidence search={search} period={period} />}
      <p className="muted small report-section">{t("footer", { k: minGroupSize })} <a href={`/reports${search}`}>{t("permalink")}</a></p>
    </main>
  );
}

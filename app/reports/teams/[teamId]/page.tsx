import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { capabilityNames, heatMap } from "@/lib/reports/dashboard";
import { cellSessions } from "@/lib/reports/drilldown";
import { gapRanking, persistentTeamGaps, refreshGapAnalyses } from "@/lib/reports/gaps";
import { EMPTY_FILTERS, filtersToSearch, parseReportFilters } from "@/lib/reports/filters";
import { reportScope } from "@/lib/reports/scope";
import { Forbidden } from "@/components/ui/Forbidden";
import { RatingBadge } from "@/components/reports/RatingBadge";
import { GapRanking, PersistentGapList } from "@/components/reports/GapTables";
import { findTeam } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("team.metaTitle") };
}

export default async function TeamReportPage({ params, searchParams }: { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { teamId } = await params;
  const query = await searchParams;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/reports/teams/${teamId}`)}`);
  const scope = reportScope(session.user);
  if (!scope) return <Forbidden what="reports" />;
  const prisma = getPrisma();
  const team = await findTeam(prisma, teamId);
  if (!team) notFound();
  const t = await getTranslations("reports");
  const format = await getFormatter();
  const parsed = parseReportFilters(query);
  const base = parsed.ok ? parsed.filters : EMPTY_FILTERS;
  const filters = { ...base, team: [teamId] };
  const capability = typeof query.capability === "string" && query.capability.length <= 64 ? query.capability : null;
  const { minGroupSize } = await getSettings(prisma);

  await refreshGapAnalyses(prisma, scope, filters);
  const [map, persistent] = await Promise.all([heatMap(prisma, scope, filters, minGroupSize), persistentTeamGaps(prisma, scope, filters, minGroupSize)]);
  const row = map.teams[0];
  const withheld = !row || row.row.suppressed;
  const gaps = withheld ? [] : await gapRanking(prisma, scope, filters, { limit: 20 });
  const sessions = capability ? await cellSessions(prisma, scope, base, teamId, capability, minGroupSize) : [];
  const capName = capability ? ((await capabilityNames(prisma, scope, base, [capability]))[0]?.name ?? capability) : null;
  const back = `/reports${filtersToSearch(base)}`;
  const pct = (p: number | null) => (p === null ? "–" : format.number(p / 100, { style: "percent", maximumFractionDigits: 1 }));

  return (
    <main className="page wide">
      <nav className="small" aria-label={t("team.breadcrumb")}><Link href={back}>← {t("title")}</Link></nav>
      <div className="page-head">
        <div>
          <h1>{capName ? t("team.headingCapability", { team: team.name, capability: capName }) : team.name}</h1>
          <p className="lead">{row ? t("heatmap.teamMeta", { sessions: row.sessions, respondents: row.respondents }) : t("team.noSessions")}</p>
        </div>
      </div>

      {row && (
        <section className="card report-section" aria-labelledby="caps-heading">
          <h2 id="caps-heading">{t("team.capabilities")}</h2>
          {row.row.suppressed ? (
            <p className="alert" data-testid="row-withheld">
              {row.decisions === 0 ? t("withheld.noDecisions") : row.respondents === 0 ? t("withheld.neverVoted", { k: row.row.minGroupSize }) : t("withheld.smallTeam", { respondents: row.respondents, k: row.row.minGroupSize })}
            </p>
          ) : (
            <ul className="tag-list capability-links">
              {map.capabilities.map((c) => {
                const cell = row.row.suppressed ? undefined : row.row.value.cells[c.id];
                if (!cell) return null;
                return (
                  <li key={c.id}>
                    <Link className={`tag${c.id === capability ? " tag-active" : ""}`} href={`/reports/teams/${encodeURIComponent(teamId)}${filtersToSearch(base, { capability: c.id })}`} aria-current={c.id === capability ? "page" : undefined}>
                      {c.name}: {cell.suppressed ? t("heatmap.withheldMark") : pct(cell.value.percent)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}

      {capability && (
        <section className="card report-section" aria-labelledby="sessions-heading" data-testid="cell-sessions">
          <h2 id="sessions-heading">{t("team.sessions", { capability: capName ?? capability })}</h2>
          {sessions.length === 0 ? (
            <p className="muted">{t("team.noCellSessions")}</p>
          ) : (
            <ul className="plain-list session-drill">
              {sessions.map((s, index) => (
                <li key={s.sessionTeamId} data-status={s.status}>
                  <div className="row drill-head">
                    <div className="grow">
                      <Link href={`/sessions/${s.sessionId}`} className="drill-title">{s.title}</Link>
                      <div className="muted small">
                        {s.scenarioTitle} · {format.dateTime(s.at, { dateStyle: "medium", timeZone: "UTC" })}
                        {s.anonymous && <> · {t("team.anonymous")}</>}
                        {" · "}<a href={`/api/reports/sessions/${s.sessionId}?format=csv`} download>{t("export.sessionCsv")}</a>
                        {" · "}<a href={`/api/reports/sessions/${s.sessionId}?format=json`} download>{t("export.sessionJson")}</a>
                      </div>
                    </div>
                    {s.status === "ABORTED" && <span className="badge warn" data-testid="aborted-badge">{t("team.aborted")}</span>}
                    {s.figures.suppressed ? (
                      <span className="muted small">{t("withheld.smallCell", { respondents: s.figures.respondents, k: s.figures.minGroupSize })}</span>
                    ) : (
                      <span className="row">
                        <span className="drill-pct">{pct(s.figures.value.percent)}</span>
                        <RatingBadge rating={s.figures.value.override?.rating ?? s.figures.value.proposed} proposed={s.figures.value.proposed} overridden={!!s.figures.value.override} />
                      </span>
                    )}
                  </div>
                  {!s.figures.suppressed && s.figures.value.override && (
                    <p className="small override-note">{t("team.overrideNote", { proposed: s.figures.value.proposed ?? "–", rating: s.figures.value.override.rating })} <q>{s.figures.value.override.rationale}</q></p>
                  )}
                  {!s.figures.suppressed && (
                    <details className="drill-decisions" open={index === 0}>
                    <summary>{t("team.decisions", { count: s.decisions.length })}</summary>
                    <table className="table compact">
                      <thead>
                        <tr><th scope="col">{t("decision.decision")}</th><th scope="col">{t("decision.choice")}</th><th scope="col">{t("decision.method")}</th><th scope="col" className="num">{t("decision.points")}</th></tr>
                      </thead>
                      <tbody>
                        {s.decisions.map((d) => (
                          <tr key={d.id}>
                            <td><Link href={`/reports/decisions/${d.id}`} data-testid="decision-link" title={d.nodeId}>{d.nodeTitle}{d.visit > 1 ? ` (${d.visit})` : ""}</Link></td>
                            <td>{d.optionId === "@timeout" ? t("decision.timeout") : d.optionId}</td>
                            <td>{d.method}</td>
                            <td className="num">{t("decision.pointsOf", { earned: d.earned, best: d.best })}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <div className="report-grid report-section">
        <section className="card" aria-labelledby="team-gaps">
          <h2 id="team-gaps">{t("gaps.heading")}</h2>
          {withheld && row ? <p className="muted">{t("withheld.smallTeam", { respondents: row.respondents, k: minGroupSize })}</p> : <GapRanking gaps={gaps} />}
        </section>
        <section className="card" aria-labelledby="team-persistent">
          <h2 id="team-persistent">{t("persistent.heading")}</h2>
          <PersistentGapList teams={persistent} linkTeams={false} limit={50} />
        </section>
      </div>
    </main>
  );
}

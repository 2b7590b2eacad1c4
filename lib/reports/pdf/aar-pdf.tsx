// The after-action report as a printable A4 PDF (react-pdf primitives, not DOM React): the
// HSEEP AAR/IP sections of the web page, a vector readiness chart, running headers and page
// numbers, and table rows that never split across pages. Text comes from the `aar` messages
// in the reader's language.
import React from "react";
import { Document, Line, Page, Rect, Svg, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { createFormatter } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { DISPLAY_TIME_ZONE } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";
import type { AarPlanItem, AarReport, AarTeam, TimelineEntry } from "../aar";
import { layoutReadinessChart } from "../aar-chart";
import { csfMatrix } from "../aar-csf";
import { clockText, dateText, dayText, durationText, percentText, pointsText, tallyText } from "../aar-format";
import { PDF_FONT, renderWithFreshFonts } from "./fonts";
import { ClocksPdfSection } from "./aar-clocks-pdf";
import { RightsPdfSection } from "./aar-rights-pdf";

import { INK, MUTED } from "./theme";
import { Bullets, H2, H3, Rating, Table, s, withheldText, type Col, type F, type T } from "./aar-pdf-kit";
import { PdfSummary } from "./aar-pdf-summary";
import { PooledPdfSection } from "./aar-pooled-pdf";


function Chart({ report, t, format }: { report: AarReport; t: T; format: F }) {
  const chart = layoutReadinessChart(report, { width: 511, labelWidth: 150, barHeight: 9, rowGap: 7, maxLabel: 30 });
  if (!chart.rows.length) return <Text style={s.muted}>{t("chart.empty")}</Text>;
  const font = { fontFamily: PDF_FONT, fontSize: 7 } as never;
  return (
    <View wrap={false}>
      <Svg width={chart.width} height={chart.height} viewBox={`0 0 ${chart.width} ${chart.height}`}>
        {chart.ticks.map((tick) => (
          <React.Fragment key={`t${tick.value}`}>
            <Line x1={tick.x} x2={tick.x} y1={chart.plotTop} y2={chart.plotBottom} stroke="#e4e7ec" strokeWidth={0.6} />
            <Text x={tick.x} y={chart.plotBottom + 10} textAnchor="middle" fill={MUTED} style={font}>{percentText(format, tick.value)}</Text>
          </React.Fragment>
        ))}
        {chart.guides.map((g) => (
          <React.Fragment key={`g${g.rating}`}>
            <Line x1={g.x} x2={g.x} y1={chart.plotTop} y2={chart.plotBottom} stroke="#98a2b3" strokeWidth={0.6} strokeDasharray="2 2" />
            <Text x={g.x} y={chart.plotTop - 3} textAnchor="middle" fill={MUTED} style={font}>{g.rating}</Text>
          </React.Fragment>
        ))}
        {chart.rows.map((row) => (
          <React.Fragment key={row.capabilityId}>
            <Text x={chart.plotX - 6} y={row.labelY + 2.5} textAnchor="end" fill={INK} style={{ fontFamily: PDF_FONT, fontSize: 7.5 } as never}>{row.label}</Text>
            {row.bars.map((bar) => <Rect key={bar.teamId} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.colour} />)}
          </React.Fragment>
        ))}
      </Svg>
      <View style={s.legend}>
        {chart.legend.map((entry) => (
          <View key={entry.teamId} style={s.legendItem}>
            <Svg width={8} height={8}><Rect x={0} y={0} width={8} height={8} fill={entry.colour} /></Svg>
            <Text>{entry.name}</Text>
          </View>
        ))}
      </View>
      <Text style={[s.muted, s.small, { marginTop: 3 }]}>{t("pdf.chartCaption")}</Text>
    </View>
  );
}

function CsfTable({ report, t, format }: { report: AarReport; t: T; format: F }) {
  const rows = csfMatrix(report);
  if (rows.length === 0) return null;
  const teamWidth = `${60 / Math.max(1, report.teams.length)}%`;
  return (
    <Table
      title={<><H2>{t("sections.csf")}</H2><Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("csf.hint")}</Text></>}
      cols={[{ label: t("csf.line"), width: "40%" }, ...report.teams.map((team) => ({ label: team.name, width: teamWidth, align: "right" as const }))]}
      rows={rows.map((row) => [
        <Text key="name" style={row.level === "function" ? { fontWeight: 700 } : { paddingLeft: 10 }}>{`${row.id} · ${row.name}`}</Text>,
        ...row.cells.map((cell) => (cell.suppressed ? t("withheldShort") : percentText(format, cell.percent))),
      ])}
    />
  );
}


function timelineRows(entries: TimelineEntry[], t: T, format: F): Array<Array<React.ReactNode>> {
  return entries.map((entry) =>
    entry.kind === "enter"
      ? [clockText(format, entry.at), t("timeline.node", { type: entry.nodeType }), `${entry.title}${entry.outcome ? ` · ${t("outcome", { outcome: entry.outcome })}` : ""}`]
      : [
          clockText(format, entry.at),
          t("timeline.decided"),
          <View key="d">
            <Text><Text style={s.badge}>{entry.timedOut ? t("timeline.timeout") : entry.optionLabel}</Text> <Text style={s.muted}>· {t("method", { method: entry.method.replaceAll("-", "_") })} · {durationText(t, entry.durationMs)} · {t("timeline.points", { points: pointsText(format, entry.earned, entry.best) })}</Text></Text>
            <Text style={[s.muted, s.small]}>{entry.withheld ? t("privacy.withheld", { respondents: entry.withheld.respondents, k: entry.withheld.minGroupSize }) : entry.votes === 0 ? t("timeline.noVotes") : tallyText(entry)}{entry.reason ? ` · ${t("timeline.reason", { reason: entry.reason })}` : ""}</Text>
          </View>,
        ],
  );
}

function behaviourRow(team: AarTeam, t: T, format: F): Array<React.ReactNode> {
  const progress = t("progress", { progress: team.progress.replaceAll("-", "_") });
  if (team.breakdown.suppressed) return [team.name, progress, <Text key="w" style={s.muted}>{withheldText(t, team.breakdown)}</Text>];
  const b = team.breakdown.value.behaviour;
  return [
    team.name,
    progress,
    b.alignment.overall === null ? t("behaviour.noVotes") : `${percentText(format, b.alignment.overall * 100)} (${b.alignment.matching}/${b.alignment.votes})`,
    durationText(t, b.decisionTime.medianMs),
    b.participation === null ? t("behaviour.deleted") : b.participation.rate === null ? "—" : `${percentText(format, b.participation.rate * 100)} (${b.participation.participants}/${b.participation.members})`,
  ];
}

function planRows(items: AarPlanItem[], t: T, format: F): Array<Array<React.ReactNode>> {
  return items.map((item) => [
    item.capabilityName,
    item.teamName ?? t("plan.allTeams"),
    item.carried && item.origin ? `${item.action}\n${t("plan.from")} ${item.origin.title}` : item.action,
    item.owner,
    `${dayText(format, item.dueDate)}${item.overdue ? ` · ${t("plan.overdue")}` : ""}`,
    t("planStatus", { status: item.status }),
  ]);
}

export function AarPdfDocument({ report, locale, generatedAt }: { report: AarReport; locale: Locale; generatedAt: Date }) {
  const t = translatorFor(locale, "aar");
  const format = createFormatter({ locale, timeZone: DISPLAY_TIME_ZONE });
  const o = report.overview;
  const teamCols = report.teams.map((team) => ({ label: team.name, width: `${Math.max(10, 45 / Math.max(report.teams.length, 1))}%`, align: "right" as const }));
  const planCols: Col[] = [
    { label: t("plan.capability"), width: "17%" },
    { label: t("plan.team"), width: "13%" },
    { label: t("plan.action"), width: "31%" },
    { label: t("plan.owner"), width: "15%" },
    { label: t("plan.due"), width: "13%" },
    { label: t("plan.status"), width: "11%" },
  ];

  const gapsHead = (
    <>
      <H2>{t("sections.gaps")}</H2>
      <Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("gaps.hint")}</Text>
    </>
  );

  return (
    <Document title={`${t("pdf.title")}: ${o.title}`} author={o.facilitator ?? undefined} subject={o.scenario.title} language={locale} creator="Readyroom" producer="Readyroom">
      <Page size="A4" style={s.page} wrap>
        <View style={s.header} fixed>
          <Text>{t("pdf.title")} · {o.title}</Text>
          <Text>{t("pdf.confidential")}</Text>
        </View>
        <View style={s.footer} fixed>
          <Text>{t("pdf.generated", { date: dateText(format, generatedAt.toISOString()) })}</Text>
          <Text render={({ pageNumber, totalPages }) => t("pdf.page", { page: pageNumber, pages: totalPages })} />
        </View>

        <Text style={s.kicker}>{t("kicker")}</Text>
        <Text style={s.title}>{o.title}</Text>
        <Text style={s.subtitle}>{o.scenario.title} · {t("status", { status: o.status })} · {o.anonymous ? t("overview.anonymous") : t("overview.named")}</Text>

        {o.status === "ABORTED" && <Text style={s.warning}>{t("abortedNote")}</Text>}
        {(o.status === "RUNNING" || o.status === "PAUSED" || o.status === "LOBBY") && <Text style={s.note}>{t("inProgressNote")}</Text>}
        {report.privacy.suppressedTeams > 0 && <Text style={s.note}>{t("privacy.note", { count: report.privacy.suppressedTeams, k: report.privacy.minGroupSize })}</Text>}
        {report.privacy.rawVotesDeleted && <Text style={s.note}>{t("privacy.votesDeleted")}</Text>}

        {/* 0. The answer first */}
        <PdfSummary summary={report.summary} locale={locale} format={format} />
        {/* All teams together, where some are withheld (as on the page) */}
        {report.pooled && <PooledPdfSection pooled={report.pooled} t={translatorFor(locale, "pooled")} format={format} />}

        {/* 1. Overview */}
        <H2>{t("sections.overview")}</H2>
        <View style={s.facts}>
          {[
            [t("overview.scenario"), o.scenario.title],
            [t("overview.dates"), o.startedAt ? `${dateText(format, o.startedAt)} – ${o.endedAt ? dateText(format, o.endedAt) : "…"}` : t("overview.notStarted")],
            [t("overview.duration"), durationText(t, o.durationMs)],
            [t("overview.facilitator"), o.facilitator ?? "—"],
            [t("overview.participants"), String(o.participants)],
            [t("overview.teams"), o.teams.map((team) => team.name).join(", ")],
          ].map(([label, value]) => (
            <View key={label} style={s.fact}>
              <Text style={s.factLabel}>{label}</Text>
              <Text>{value}</Text>
            </View>
          ))}
        </View>
        <Text style={[s.muted, { marginBottom: 6 }]}>{o.scenario.summary}</Text>
        {o.objectives.length === 0 ? <><H3>{t("overview.objectives")}</H3><Text style={s.muted}>{t("overview.noObjectives")}</Text></> : (
          <Table
            title={<H3>{t("overview.objectives")}</H3>}
            cols={[{ label: t("overview.objective"), width: `${100 - teamCols.reduce((sum, c) => sum + parseFloat(c.width), 0)}%` }, ...teamCols]}
            rows={o.objectives.map((objective) => [
              <View key="o"><Text>{objective.text}</Text><Text style={[s.muted, s.small]}>{objective.capabilities.map((c) => c.name).join(" · ")}</Text></View>,
              ...objective.teams.map((cell) => (cell.suppressed ? t("withheldShort") : percentText(format, cell.percent))),
            ])}
          />
        )}
        <H3>{t("overview.capabilities")}</H3>
        <Text>{o.capabilities.map((c) => (c.ref ? `${c.name} (${c.ref})` : c.name)).join(" · ")}</Text>

        {/* 2. Chart */}
        <View wrap={false}>
          <H2>{t("sections.chart")}</H2>
          <Chart report={report} t={t} format={format} />
        </View>

        {/* 2b. NIST CSF 2.0 functions and categories */}
        <CsfTable report={report} t={t} format={format} />

        {/* 3. Analysis */}
        {report.capabilities.map((capability, index) => (
          <View key={capability.id} style={s.capability} wrap={report.teams.length > 12}>
            <Table
              title={
                <>
                  {index === 0 && (
                    <>
                      <H2>{t("sections.analysis")}</H2>
                      <Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("analysisHint", { P: report.thresholds.P, S: report.thresholds.S, M: report.thresholds.M })}</Text>
                    </>
                  )}
                  <H3>{capability.name}{capability.ref ? ` (${capability.ref})` : ""}{capability.assessed ? "" : ` · ${t("analysis.notAssessed")}`}</H3>
                </>
              }
              cols={[
                { label: t("analysis.team"), width: "18%" },
                { label: t("analysis.readiness"), width: "11%", align: "right" },
                { label: t("analysis.points"), width: "10%", align: "right" },
                { label: t("analysis.proposed"), width: "10%" },
                { label: t("analysis.final"), width: "23%" },
                { label: t("analysis.change"), width: "28%" },
              ]}
              rows={capability.teams.map((row) =>
                row.withheld
                  ? [row.teamName, <Text key="w" style={s.muted}>{withheldText(t, row.withheld)}</Text>]
                  : [
                      row.teamName,
                      percentText(format, row.readiness?.percent),
                      row.readiness && row.readiness.decisions > 0 ? pointsText(format, row.readiness.earned, row.readiness.best) : "—",
                      <Rating key="p" rating={row.rating?.proposed} />,
                      <View key="f">
                        <Text><Rating rating={row.final} />{row.final ? <Text> {t("ratingLabel", { rating: row.final })}</Text> : null}</Text>
                        {row.override && (
                          <View style={s.override}>
                            <Text style={s.muted}>{t("analysis.overrideBy", { author: row.override.author ?? "—", date: dateText(format, row.override.at), proposed: row.override.proposedThen ?? "—" })}</Text>
                            <Text>{row.override.rationale}</Text>
                          </View>
                        )}
                      </View>,
                      row.previous
                        ? `${t("trend", { trend: row.previous.trend })}: ${t("analysis.then", { percent: percentText(format, row.previous.percent), rating: row.previous.rating ?? "—" })} ${row.previous.title}`
                        : t("analysis.firstTime"),
                    ],
              )}
            />
            <View style={s.columns}>
              <View style={s.column}>
                <Text style={s.h4}>{t("findings.strengths")}</Text>
                <Bullets items={capability.strengths.map((f) => (f.teamName ? `${f.text} (${f.teamName})` : f.text))} empty={t("findings.none")} />
              </View>
              <View style={s.column}>
                <Text style={s.h4}>{t("findings.areas")}</Text>
                <Bullets items={capability.areas.map((f) => (f.teamName ? `${f.text} (${f.teamName})` : f.text))} empty={t("findings.none")} />
              </View>
            </View>
          </View>
        ))}

        {/* 4. Behaviour */}
        <Table
          title={<H2>{t("sections.behaviour")}</H2>}
          cols={[
            { label: t("behaviour.team"), width: "20%" },
            { label: t("behaviour.progress"), width: "24%" },
            { label: t("behaviour.alignment"), width: "18%", align: "right" },
            { label: t("behaviour.medianTime"), width: "19%", align: "right" },
            { label: t("behaviour.participation"), width: "19%", align: "right" },
          ]}
          rows={report.teams.map((team) => behaviourRow(team, t, format))}
        />

        {/* 5. Timeline */}
        {report.teams.map((team, index) => (
          <View key={team.id}>
            {team.breakdown.suppressed || team.breakdown.value.timeline.length === 0 ? (
              <View wrap={false}>
                {index === 0 && <H2>{t("sections.timeline")}</H2>}
                <H3>{team.name}</H3>
                <Text style={s.muted}>{team.breakdown.suppressed ? withheldText(t, team.breakdown) : t("timeline.empty")}</Text>
              </View>
            ) : (
              <Table title={<>{index === 0 && <H2>{t("sections.timeline")}</H2>}<H3>{team.name}</H3></>} cols={[{ label: "", width: "9%" }, { label: "", width: "13%" }, { label: "", width: "78%" }]} rows={timelineRows(team.breakdown.value.timeline, t, format)} />
            )}
          </View>
        ))}

        {/* 6. Notes */}
        {report.notes.length === 0 ? (
          <View wrap={false}>
            <H2>{t("sections.notes")}</H2>
            <Text style={s.muted}>{t("notes.empty")}</Text>
          </View>
        ) : (
          <Table
            title={<H2>{t("sections.notes")}</H2>}
            cols={[{ label: "", width: "9%" }, { label: "", width: "22%" }, { label: "", width: "69%" }]}
            rows={report.notes.map((note) => [
              clockText(format, note.at),
              `${note.teamName ?? t("notes.wholeSession")}${note.nodeTitle ? `\n${note.nodeTitle}` : ""}`,
              note.author ? `${note.text}\n— ${note.author}` : note.text,
            ])}
          />
        )}

        {/* 7. Gaps */}
        {report.teams.map((team, index) => (
          <View key={team.id}>
            {team.breakdown.suppressed || team.breakdown.value.gaps.gaps.length === 0 ? (
              <View wrap={false}>
                {index === 0 && gapsHead}
                <H3>{team.name}</H3>
                <Text style={s.muted}>{team.breakdown.suppressed ? withheldText(t, team.breakdown) : t("gaps.none")}</Text>
              </View>
            ) : (
              <Table
                title={<>{index === 0 && gapsHead}<H3>{team.name}</H3></>}
                cols={[{ label: t("gaps.topic"), width: "64%" }, { label: t("gaps.occurrences"), width: "16%", align: "right" }, { label: t("gaps.cost"), width: "20%", align: "right" }]}
                rows={team.breakdown.value.gaps.gaps.map((gap) => [gap.title, String(gap.occurrences), format.number(gap.totalCost, { maximumFractionDigits: 2 })])}
              />
            )}
          </View>
        ))}

        {report.clocks && <ClocksPdfSection section={report.clocks} t={translatorFor(locale, "clocks")} kit={{ H2, H3, Table }} />}
        {report.rights && <RightsPdfSection section={report.rights} t={translatorFor(locale, "rights")} kit={{ H2, H3, Table }} />}
        {/* 8. Plan */}
        {report.plan.items.length === 0 ? (
          <View wrap={false}>
            <H2>{t("sections.plan")}</H2>
            <Text style={s.muted}>{t("plan.empty")}</Text>
          </View>
        ) : (
          <Table title={<H2>{t("sections.plan")}</H2>} cols={planCols} rows={planRows(report.plan.items, t, format)} />
        )}
        {report.plan.carried.length === 0 ? (
          <View wrap={false}>
            <H3>{t("plan.carriedTitle")}</H3>
            <Text style={s.muted}>{t("plan.carriedEmpty")}</Text>
          </View>
        ) : (
          <Table title={<H3>{t("plan.carriedTitle")}</H3>} cols={planCols} rows={planRows(report.plan.carried, t, format)} />
        )}
      </Page>
    </Document>
  );
}

/** Renders the report to PDF bytes. */
export async function renderAarPdf(report: AarReport, locale: Locale, generatedAt: Date = new Date()): Promise<Buffer> {
  return renderWithFreshFonts(() => renderToBuffer(<AarPdfDocument report={report} locale={locale} generatedAt={generatedAt} />));
}

// A drill's after-action report as a printable A4 PDF: the sections of /drills/[id]/report
// (participation, readiness per capability, calibration, paths, wrong turns with sampled
// reasoning, training) with the AAR PDF's page furniture (./aar-pdf-kit.tsx). Every figure
// arrives already withheld below k (lib/drills/report-load.ts), and is printed withheld as the
// page shows it. Text comes from the `drillReport` messages in the reader's language.
import React from "react";
import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { createFormatter } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { DISPLAY_TIME_ZONE } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";
import type { DrillReport } from "@/lib/drills/report-load";
import type { GroupReadiness } from "../drill-aggregate";
import { renderWithFreshFonts } from "./fonts";
import { H2, H3, Rating, Table, s, type F, type T } from "./aar-pdf-kit";

const STAGES = ["invited", "opened", "started", "finished"] as const;

type Group = { key: string; name: string; readiness: GroupReadiness };

function Participation({ report, t }: { report: DrillReport; t: T }) {
  const { total, byTeam, openLinkRuns } = report.participation;
  const withheld = t("withheld", { k: report.minGroupSize });
  return (
    <>
      <Table
        title={<H2>{t("participation.heading")}</H2>}
        cols={[{ label: t("participation.team"), width: "40%" }, ...STAGES.map((stage) => ({ label: t(`participation.${stage}`), width: "15%", align: "right" as const }))]}
        rows={[
          ...byTeam.map((row) => [
            row.team ?? t("participation.noTeam"),
            ...(row.funnel.suppressed ? [<Text key="w" style={s.muted}>{withheld}</Text>] : STAGES.map((stage) => String((row.funnel as Extract<typeof row.funnel, { suppressed: false }>).value[stage]))),
          ]),
          [<Text key="total" style={{ fontWeight: 700 }}>{t("participation.total")}</Text>, ...STAGES.map((stage) => String(total[stage]))],
        ]}
      />
      {openLinkRuns && <Text style={[s.muted, s.small]}>{t("participation.openLink", openLinkRuns)}</Text>}
      <Text style={s.small}>{t("participation.scored", { count: report.scored })}</Text>
    </>
  );
}

/** One table per capability, a row per group: many teams fit the page's width this way. */
function Readiness({ report, groups, t, format }: { report: DrillReport; groups: Group[]; t: T; format: F }) {
  return (
    <>
      {report.capabilities.map((capability, index) => (
        <Table
          key={capability.id}
          title={<>{index === 0 && <><H2>{t("readiness.heading")}</H2><Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("readiness.lead")}</Text></>}<H3>{capability.name}</H3></>}
          cols={[{ label: t("calibration.group"), width: "34%" }, { label: t("pdf.rating"), width: "10%" }, { label: t("pdf.readiness"), width: "12%", align: "right" }, { label: t("pdf.people"), width: "44%" }]}
          rows={groups.map((group) => {
            const cell = group.readiness.capabilities.find((c) => c.capabilityId === capability.id)!.readiness;
            if (cell.suppressed) return [group.name, <Text key="w" style={s.muted}>{t("withheld", { k: report.minGroupSize })}</Text>];
            return [
              group.name,
              <Rating key="r" rating={cell.value.rating} />,
              format.number(cell.value.percent / 100, { style: "percent", maximumFractionDigits: 0 }),
              <Text key="n" style={s.muted}>{`${t("readiness.people", { count: cell.respondents })} · ${t("readiness.spread", cell.value.ratings)}`}</Text>,
            ];
          })}
        />
      ))}
    </>
  );
}

function Calibration({ report, groups, t, format }: { report: DrillReport; groups: Group[]; t: T; format: F }) {
  const pct = (v: number | null) => (v === null ? "–" : format.number(v, { style: "percent", maximumFractionDigits: 0 }));
  const num = (v: number | null, signed = false) => (v === null ? "–" : format.number(v, { maximumFractionDigits: 2, minimumFractionDigits: 2, ...(signed ? { signDisplay: "exceptZero" as const } : {}) }));
  return (
    <Table
      title={<><H2>{t("calibration.heading")}</H2><Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("calibration.lead")}</Text></>}
      cols={[
        { label: t("calibration.group"), width: "25%" },
        { label: t("calibration.brier"), width: "15%", align: "right" },
        { label: t("calibration.accuracy"), width: "15%", align: "right" },
        { label: t("calibration.confidence"), width: "15%", align: "right" },
        { label: t("calibration.overconfidence"), width: "15%", align: "right" },
        { label: t("calibration.confidentlyWrong"), width: "15%", align: "right" },
      ]}
      rows={groups.map((group) => {
        const c = group.readiness.calibration;
        if (c.suppressed) return [group.name, <Text key="w" style={s.muted}>{t("withheld", { k: report.minGroupSize })}</Text>];
        return [group.name, num(c.value.brier), pct(c.value.accuracy), pct(c.value.meanProbability), num(c.value.overconfidence, true), String(c.value.confidentlyWrong)];
      })}
    />
  );
}

function Paths({ report, t }: { report: DrillReport; t: T }) {
  const { shown, otherPeople, otherPaths } = report.paths;
  return (
    <>
      {shown.length === 0 ? <H2>{t("paths.heading")}</H2> : (
        <Table
          title={<H2>{t("paths.heading")}</H2>}
          cols={[{ label: t("paths.path"), width: "55%" }, { label: t("paths.end"), width: "33%" }, { label: t("paths.people"), width: "12%", align: "right" }]}
          rows={shown.map((path) => [
            path.labels.map((label, i) => `${i + 1}. ${label}`).join("\n"),
            `${path.endTitle ?? t("paths.unfinished")}${path.outcome ? `\n${t("paths.outcome", { outcome: path.outcome })}` : ""}`,
            String(path.people),
          ])}
        />
      )}
      {otherPeople > 0 && <Text style={[s.muted, s.small]}>{t("paths.other", { people: otherPeople, paths: otherPaths, k: report.minGroupSize })}</Text>}
    </>
  );
}

function WrongTurns({ report, t, format, locale }: { report: DrillReport; t: T; format: F; locale: Locale }) {
  const quoted = (text: string) => (locale === "pl" ? `„${text}”` : `“${text}”`);
  return (
    <>
      <H2>{t("turns.heading")}</H2>
      <Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("turns.lead")}</Text>
      {report.wrongTurns.length === 0 ? <Text>{t("turns.empty")}</Text> : report.wrongTurns.map((turn, i) => (
        <View key={`${turn.nodeId}:${turn.optionId}`} style={[s.row, { flexDirection: "column" }]} wrap={false}>
          <Text style={[s.muted, s.small]}>{`${i + 1}. ${t("turns.decision")}: ${turn.prompt}`}</Text>
          <Text><Text style={{ fontWeight: 700 }}>{turn.label}</Text>{` · ${t("turns.people", { people: turn.people, met: turn.met })}`}</Text>
          <Text style={s.small}>{`${t("turns.confidentlyWrong", { count: turn.confidentlyWrong })} · ${t("turns.meanConfidence", { value: format.number(turn.meanConfidence, { maximumFractionDigits: 1 }) })}`}</Text>
          {turn.betterLabels.length > 0 && <Text style={s.small}>{t("turns.better", { options: turn.betterLabels.join(" · ") })}</Text>}
          {turn.reasoning.suppressed
            ? <Text style={[s.muted, s.small]}>{t("turns.reasoningWithheld", { k: report.minGroupSize })}</Text>
            : turn.reasoning.value.length > 0 && (
              <View style={s.override}>
                <Text style={s.muted}>{t("turns.reasoning")}</Text>
                {turn.reasoning.value.map((text, j) => <Text key={j} style={{ fontStyle: "italic" }}>{quoted(text)}</Text>)}
              </View>
            )}
        </View>
      ))}
    </>
  );
}

function Training({ report, t, format }: { report: DrillReport; t: T; format: F }) {
  const { training } = report;
  const head = <><H2>{t("training.heading")}</H2><Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("training.lead")}</Text></>;
  if (training.suppressed) return <View wrap={false}>{head}<Text style={s.muted}>{t("training.withheld", { k: report.minGroupSize })}</Text></View>;
  if (training.value.length === 0) return <View wrap={false}>{head}<Text>{t("training.empty")}</Text></View>;
  return (
    <Table
      title={head}
      cols={[{ label: t("training.topic"), width: "55%" }, { label: t("training.people"), width: "15%", align: "right" }, { label: t("training.confidentlyWrong"), width: "15%", align: "right" }, { label: t("training.pointsLost"), width: "15%", align: "right" }]}
      rows={training.value.map((r) => [
        <View key="t"><Text>{r.title}</Text>{r.url && <Text style={[s.muted, s.small]}>{r.url}</Text>}</View>,
        String(r.people),
        String(r.confidentlyWrong),
        format.number(r.totalCost, { maximumFractionDigits: 1 }),
      ])}
    />
  );
}

function DrillPdfDocument({ report, locale, generatedAt }: { report: DrillReport; locale: Locale; generatedAt: Date }) {
  const t = translatorFor(locale, "drillReport");
  const page = translatorFor(locale, "aar");
  const format = createFormatter({ locale, timeZone: DISPLAY_TIME_ZONE });
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const groups: Group[] = [
    { key: "organisation", name: t("readiness.organisation"), readiness: report.organisation },
    ...report.teams.map((team) => ({ key: team.teamId, name: team.name, readiness: team })),
  ];
  return (
    <Document title={t("heading", { title: report.title })} subject={report.scenarioTitle} language={locale} creator="Readyroom" producer="Readyroom">
      <Page size="A4" style={s.page} wrap>
        <View style={s.header} fixed>
          <Text>{t("pageTitle")} · {report.title}</Text>
          <Text>{page("pdf.confidential")}</Text>
        </View>
        <View style={s.footer} fixed>
          <Text>{page("pdf.generated", { date: format.dateTime(generatedAt, { dateStyle: "medium", timeStyle: "short" }) })}</Text>
          <Text render={({ pageNumber, totalPages }) => page("pdf.page", { page: pageNumber, pages: totalPages })} />
        </View>

        <Text style={s.kicker}>{t("pageTitle")}</Text>
        <Text style={s.title}>{report.title}</Text>
        <Text style={s.subtitle}>{t("meta", { scenario: report.scenarioTitle, opensAt: date(report.opensAt), closesAt: date(report.closesAt) })}</Text>
        {report.phase !== "closed" && <Text style={s.warning}>{t("openNote")}</Text>}
        {report.anonymous && <Text style={s.note}>{t("anonymous")}</Text>}
        <Text style={[s.muted, s.small, { marginBottom: 4 }]}>{t("kNote", { k: report.minGroupSize })}</Text>

        <Participation report={report} t={t} />
        {report.scored === 0 ? <Text style={[s.muted, { marginTop: 10 }]}>{t("none")}</Text> : (
          <>
            <Readiness report={report} groups={groups} t={t} format={format} />
            <Calibration report={report} groups={groups} t={t} format={format} />
            <Paths report={report} t={t} />
            <WrongTurns report={report} t={t} format={format} locale={locale} />
            <Training report={report} t={t} format={format} />
          </>
        )}
      </Page>
    </Document>
  );
}

/** Renders the drill's report to PDF bytes. */
export async function renderDrillPdf(report: DrillReport, locale: Locale, generatedAt: Date = new Date()): Promise<Buffer> {
  return renderWithFreshFonts(() => renderToBuffer(<DrillPdfDocument report={report} locale={locale} generatedAt={generatedAt} />));
}

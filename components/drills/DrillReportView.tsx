// The drill's after-action report (server-rendered, printable): participation per team,
// readiness per capability for each team and the organisation with the proposed HSEEP
// ratings, and calibration per group. Paths, wrong turns and training: ./DrillReportTurns.tsx.
// Every figure arrives already withheld below k (lib/drills/report-load.ts).
import Link from "@/components/ui/IntentLink";
import { getFormatter, getTranslations } from "next-intl/server";
import type { DrillReport } from "@/lib/drills/report-load";
import type { GroupReadiness } from "@/lib/reports/drill-aggregate";
import { RatingBadge } from "@/components/reports/RatingBadge";
import { DrillReportTurns } from "./DrillReportTurns";
import { PrintButton } from "./PrintButton";
import "./drill-report.css";

const STAGES = ["invited", "opened", "started", "finished"] as const;

async function Withheld({ k }: { k: number }) {
  const t = await getTranslations("drillReport");
  return <span className="muted small" data-withheld="true">{t("withheld", { k })}</span>;
}

async function Participation({ report }: { report: DrillReport }) {
  const t = await getTranslations("drillReport");
  const { total, byTeam, openLinkRuns } = report.participation;
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-participation">
      <h2>{t("participation.heading")}</h2>
      <div className="table-scroll">
        <table className="table compact">
          <thead>
            <tr><th>{t("participation.team")}</th>{STAGES.map((s) => <th key={s} className="num">{t(`participation.${s}`)}</th>)}</tr>
          </thead>
          <tbody>
            {byTeam.map((row) => (
              <tr key={row.teamId ?? "none"} data-team={row.teamId ?? ""}>
                <td>{row.team ?? t("participation.noTeam")}</td>
                {row.funnel.suppressed
                  ? <td colSpan={4}><Withheld k={report.minGroupSize} /></td>
                  : STAGES.map((s) => <td key={s} className="num">{(row.funnel as Extract<typeof row.funnel, { suppressed: false }>).value[s]}</td>)}
              </tr>
            ))}
            <tr className="drill-report-total">
              <th scope="row">{t("participation.total")}</th>
              {STAGES.map((s) => <td key={s} className="num">{total[s]}</td>)}
            </tr>
          </tbody>
        </table>
      </div>
      {openLinkRuns && <p className="small muted">{t("participation.openLink", openLinkRuns)}</p>}
      <p className="small">{t("participation.scored", { count: report.scored })}</p>
    </section>
  );
}

type Group = { key: string; name: string; readiness: GroupReadiness };

async function ReadinessCell({ cell, k }: { cell: GroupReadiness["capabilities"][number]["readiness"]; k: number }) {
  const t = await getTranslations("drillReport");
  if (cell.suppressed) return <Withheld k={k} />;
  const { percent, rating, ratings } = cell.value;
  return (
    <span className="drill-readiness-cell">
      <RatingBadge rating={rating} /> <strong>{Math.round(percent)}%</strong>
      <span className="small muted"> · {t("readiness.people", { count: cell.respondents })} · {t("readiness.spread", ratings)}</span>
    </span>
  );
}

async function Readiness({ report, groups }: { report: DrillReport; groups: Group[] }) {
  const t = await getTranslations("drillReport");
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-readiness">
      <h2>{t("readiness.heading")}</h2>
      <p className="small muted">{t("readiness.lead")}</p>
      <div className="table-scroll">
        <table className="table compact">
          <thead>
            <tr><th>{t("readiness.capability")}</th>{groups.map((g) => <th key={g.key}>{g.name}<div className="small muted">{t("readiness.people", { count: g.readiness.people })}</div></th>)}</tr>
          </thead>
          <tbody>
            {report.capabilities.map((cap) => (
              <tr key={cap.id} data-capability={cap.id}>
                <th scope="row">{cap.name}</th>
                {groups.map((g) => {
                  const cell = g.readiness.capabilities.find((c) => c.capabilityId === cap.id)!.readiness;
                  return <td key={g.key} data-group={g.key}><ReadinessCell cell={cell} k={report.minGroupSize} /></td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

async function Calibration({ report, groups }: { report: DrillReport; groups: Group[] }) {
  const t = await getTranslations("drillReport");
  const format = await getFormatter();
  const pct = (v: number | null) => (v === null ? "–" : format.number(v, { style: "percent", maximumFractionDigits: 0 }));
  const num = (v: number | null, signed = false) => (v === null ? "–" : format.number(v, { maximumFractionDigits: 2, minimumFractionDigits: 2, ...(signed ? { signDisplay: "exceptZero" as const } : {}) }));
  return (
    <section className="card stack drill-report-section" data-testid="drill-report-calibration">
      <h2>{t("calibration.heading")}</h2>
      <p className="small muted">{t("calibration.lead")}</p>
      <div className="table-scroll">
        <table className="table compact">
          <thead>
            <tr>
              <th>{t("calibration.group")}</th><th className="num">{t("calibration.brier")}</th><th className="num">{t("calibration.accuracy")}</th>
              <th className="num">{t("calibration.confidence")}</th><th className="num">{t("calibration.overconfidence")}</th><th className="num">{t("calibration.confidentlyWrong")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const c = g.readiness.calibration;
              return (
                <tr key={g.key} data-group={g.key}>
                  <th scope="row">{g.name}</th>
                  {c.suppressed ? <td colSpan={5}><Withheld k={report.minGroupSize} /></td> : (
                    <>
                      <td className="num">{num(c.value.brier)}</td>
                      <td className="num">{pct(c.value.accuracy)}</td>
                      <td className="num">{pct(c.value.meanProbability)}</td>
                      <td className="num">{num(c.value.overconfidence, true)}</td>
                      <td className="num">{c.value.confidentlyWrong}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export async function DrillReportView({ report }: { report: DrillReport }) {
  const t = await getTranslations("drillReport");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const groups: Group[] = [
    { key: "organisation", name: t("readiness.organisation"), readiness: report.organisation },
    ...report.teams.map((team) => ({ key: team.teamId, name: team.name, readiness: team })),
  ];
  return (
    <div className="stack drill-report" data-testid="drill-report">
      <div className="page-head">
        <div>
          <h1>{t("heading", { title: report.title })}</h1>
          <p className="small muted">{t("meta", { scenario: report.scenarioTitle, opensAt: date(report.opensAt), closesAt: date(report.closesAt) })}</p>
        </div>
        <div className="drill-report-actions no-print">
          <Link className="btn ghost" href={`/drills/${report.sessionId}`}>{t("back")}</Link>
          <a className="btn" href={`/api/drills/${report.sessionId}/report/pdf`} data-testid="drill-report-pdf">{t("downloadPdf")}</a>
          <PrintButton label={t("print")} />
        </div>
      </div>
      {report.phase !== "closed" && <p className="alert warn" role="status">{t("openNote")}</p>}
      {report.anonymous && <p className="alert" role="note">{t("anonymous")}</p>}
      <p className="small muted">{t("kNote", { k: report.minGroupSize })}</p>
      <Participation report={report} />
      {report.scored === 0 ? <div className="empty card">{t("none")}</div> : (
        <>
          <Readiness report={report} groups={groups} />
          <Calibration report={report} groups={groups} />
          <DrillReportTurns report={report} />
        </>
      )}
    </div>
  );
}

// The after-action report page (HSEEP AAR/IP): overview, readiness chart, NIST CSF 2.0
// functions and categories, analysis per capability, team behaviour, timeline, notes, training gaps and the improvement plan.
// Server-rendered; the editing controls are small client components beside what they edit.
import Link from "@/components/ui/IntentLink";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AarCapability, AarPlanItem, AarReport, AarTeam, TimelineEntry } from "@/lib/reports/aar";
import { csfMatrix, type CsfMatrixRow } from "@/lib/reports/aar-csf";
import { clockText, dateText, dayText, durationText, percentText, pointsText, tallyText } from "@/lib/reports/aar-format";
import type { Withheld } from "@/lib/privacy/suppression";
import { ReadinessChart } from "./ReadinessChart";
import { OverrideControl } from "./OverrideControl";
import { FindingsEditor } from "./FindingsEditor";
import { PlanEditor } from "./PlanEditor";
import { PlanRow } from "./PlanRow";
import { AarSummaryBlock } from "./AarSummaryBlock";
import { PooledTeams } from "@/components/reports/PooledTeams";
import { OneLine } from "@/components/ui/OneLine";
import { AarClocksSection } from "./AarClocksSection";
import { AarRightsSection } from "./AarRightsSection";
import { TableSection } from "@/components/ui/TableSection";

const STATUS_BADGE: Record<string, string> = { LOBBY: "", RUNNING: "ok", PAUSED: "warn", ENDED: "neutral", ABORTED: "danger" };
const RATING_BADGE: Record<string, string> = { P: "ok", S: "", M: "warn", U: "danger" };
const TREND_BADGE: Record<string, string> = { improved: "ok", declined: "danger", unchanged: "neutral" };

export async function AarReportView({ report, canEdit }: { report: AarReport; canEdit: boolean }) {
  const t = await getTranslations("aar");
  const format = await getFormatter();
  const o = report.overview;
  const teamsForForms = o.teams;
  const capabilitiesForForms = o.capabilities.map((c) => ({ id: c.id, name: c.name }));

  return (
    <div className="aar" data-testid="aar">
      <div className="page-head">
        <div>
          <p className="small"><Link href={`/sessions/${o.sessionId}`}>{t("backToSession")}</Link></p>
          <div className="node-kicker">{t("kicker")}</div>
          <h1 data-testid="aar-title">{o.title}</h1>
          <div className="row small muted">
            <span className={`badge ${STATUS_BADGE[o.status] ?? ""}`} data-testid="aar-status">{t("status", { status: o.status })}</span>
            <span>{o.scenario.title}</span>
            <span>{o.anonymous ? t("overview.anonymous") : t("overview.named")}</span>
          </div>
        </div>
        <div className="row">
          <a className="btn" href={`/api/sessions/${o.sessionId}/aar/pdf`} data-testid="aar-pdf">{t("downloadPdf")}</a>
        </div>
      </div>

      {o.status === "ABORTED" && <div className="alert error" role="status">{t("abortedNote")}</div>}
      {(o.status === "RUNNING" || o.status === "PAUSED" || o.status === "LOBBY") && <div className="alert info" role="status">{t("inProgressNote")}</div>}
      {report.privacy.suppressedTeams > 0 && (
        <div className="alert info" role="status" data-testid="aar-suppressed-note">{t("privacy.note", { count: report.privacy.suppressedTeams, k: report.privacy.minGroupSize })}</div>
      )}
      {report.privacy.rawVotesDeleted && <div className="alert info" role="status">{t("privacy.votesDeleted")}</div>}

      {/* 0. The answer first */}
      <AarSummaryBlock summary={report.summary} />
      {report.pooled && <div className="aar-section"><PooledTeams pooled={report.pooled} scopeLabel="session" /></div>}

      {/* 1. Exercise overview */}
      <section className="card aar-section" aria-labelledby="aar-overview">
        <h2 id="aar-overview">{t("sections.overview")}</h2>
        <dl className="aar-facts">
          <div><dt>{t("overview.scenario")}</dt><dd>{o.scenario.title}</dd></div>
          <div><dt>{t("overview.dates")}</dt><dd>{o.startedAt ? `${dateText(format, o.startedAt)} – ${o.endedAt ? dateText(format, o.endedAt) : "…"}` : t("overview.notStarted")}</dd></div>
          <div><dt>{t("overview.duration")}</dt><dd>{durationText(t, o.durationMs)}</dd></div>
          <div><dt>{t("overview.facilitator")}</dt><dd>{o.facilitator ?? "—"}</dd></div>
          <div><dt>{t("overview.participants")}</dt><dd data-testid="aar-participants">{o.participants}</dd></div>
          <div><dt>{t("overview.teams")}</dt><dd>{o.teams.map((team) => team.name).join(", ")}</dd></div>
        </dl>
        <p className="muted">{o.scenario.summary}</p>
        <div className="aar-two">
          <div>
            <h3>{t("overview.objectives")}</h3>
            {o.objectives.length === 0 ? <p className="muted small">{t("overview.noObjectives")}</p> : (
              <table className="table aar-table">
                <thead><tr><th>{t("overview.objective")}</th>{report.teams.map((team) => <th key={team.id} className="num">{team.name}</th>)}</tr></thead>
                <tbody>
                  {o.objectives.map((objective) => (
                    <tr key={objective.id}>
                      <td>{objective.text}<div className="small muted">{objective.capabilities.map((c) => c.name).join(" · ")}</div></td>
                      {objective.teams.map((cell) => <td key={cell.teamId} className="num">{cell.suppressed ? t("withheldShort") : percentText(format, cell.percent)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div>
            <h3>{t("overview.capabilities")}</h3>
            <ul className="plain-list small">
              {o.capabilities.map((c) => <li key={c.id}><strong>{c.name}</strong>{c.ref ? <span className="muted"> · {c.ref}</span> : null}</li>)}
            </ul>
          </div>
        </div>
      </section>

      {/* 2. Readiness chart */}
      <section className="card aar-section" aria-labelledby="aar-chart">
        <h2 id="aar-chart">{t("sections.chart")}</h2>
        <ReadinessChart report={report} />
      </section>

      {/* 2b. NIST CSF 2.0: functions and their categories */}
      <CsfSection rows={csfMatrix(report)} teams={report.teams} />

      {/* 3. Analysis per capability */}
      <section className="aar-section" aria-labelledby="aar-analysis">
        <h2 id="aar-analysis">{t("sections.analysis")}</h2>
        <p className="muted small">{t("analysisHint", { P: report.thresholds.P, S: report.thresholds.S, M: report.thresholds.M })}</p>
        <div className="stack">
          {report.capabilities.map((capability) => (
            <CapabilityCard key={capability.id} capability={capability} sessionId={o.sessionId} canEdit={canEdit} teams={teamsForForms} />
          ))}
        </div>
      </section>

      {/* 4. Team behaviour */}
      <section className="card aar-section" aria-labelledby="aar-behaviour">
        <h2 id="aar-behaviour">{t("sections.behaviour")}</h2>
        <table className="table aar-table" data-testid="aar-behaviour">
          <thead>
            <tr><th>{t("behaviour.team")}</th><th>{t("behaviour.progress")}</th><th className="num">{t("behaviour.alignment")}</th><th className="num">{t("behaviour.medianTime")}</th><th className="num">{t("behaviour.participation")}</th></tr>
          </thead>
          <tbody>
            {report.teams.map((team) => <BehaviourRow key={team.id} team={team} />)}
          </tbody>
        </table>
      </section>

      {/* 5. Timeline */}
      <section className="card aar-section" aria-labelledby="aar-timeline">
        <h2 id="aar-timeline">{t("sections.timeline")}</h2>
        <div className="aar-timelines">
          {report.teams.map((team) => (
            <div key={team.id} className="aar-timeline" data-testid="aar-timeline" data-team={team.name}>
              <h3>{team.name}</h3>
              {team.breakdown.suppressed ? <WithheldNote withheld={team.breakdown} /> : <Timeline entries={team.breakdown.value.timeline} />}
            </div>
          ))}
        </div>
      </section>

      {report.clocks && <AarClocksSection section={report.clocks} />}
      {report.rights && <AarRightsSection section={report.rights} sessionId={report.overview.sessionId} />}

      {/* 6. Facilitator notes */}
      <section className="card aar-section" aria-labelledby="aar-notes">
        <h2 id="aar-notes">{t("sections.notes")}</h2>
        {report.notes.length === 0 ? <p className="muted">{t("notes.empty")}</p> : (
          <ul className="plain-list aar-notes">
            {report.notes.map((note) => (
              <li key={note.id}>
                <div className="small muted">{clockText(format, note.at)} · {note.teamName ?? t("notes.wholeSession")}{note.nodeTitle ? ` · ${note.nodeTitle}` : ""}{note.author ? ` · ${note.author}` : ""}</div>
                <div className="aar-text">{note.text}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* 7. Training gaps */}
      <section className="card aar-section" aria-labelledby="aar-gaps">
        <h2 id="aar-gaps">{t("sections.gaps")}</h2>
        <p className="muted small">{t("gaps.hint")}</p>
        <div className="aar-two">
          {report.teams.map((team) => (
            <div key={team.id}>
              <h3>{team.name}</h3>
              {team.breakdown.suppressed ? <WithheldNote withheld={team.breakdown} /> : team.breakdown.value.gaps.gaps.length === 0 ? <p className="muted small">{t("gaps.none")}</p> : (
                <table className="table aar-table">
                  <thead><tr><th>{t("gaps.topic")}</th><th className="num">{t("gaps.occurrences")}</th><th className="num">{t("gaps.cost")}</th></tr></thead>
                  <tbody>
                    {team.breakdown.value.gaps.gaps.map((gap) => (
                      <tr key={gap.trainingId}><td>{gap.title}</td><td className="num">{gap.occurrences}</td><td className="num">{format.number(gap.totalCost, { maximumFractionDigits: 2 })}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
        </div>
      </section>

      {/* 8. Improvement plan */}
      <section className="card aar-section" aria-labelledby="aar-plan">
        <h2 id="aar-plan">{t("sections.plan")}</h2>
        <PlanTable items={report.plan.items} sessionId={o.sessionId} canEdit={canEdit} testId="aar-plan" empty={t("plan.empty")} />
        {canEdit && <PlanEditor sessionId={o.sessionId} capabilities={capabilitiesForForms} teams={teamsForForms} />}
        <h3 className="aar-subhead">{t("plan.carriedTitle")}</h3>
        <p className="muted small">{t("plan.carriedHint")}</p>
        <PlanTable items={report.plan.carried} sessionId={o.sessionId} canEdit={canEdit} testId="aar-carried" empty={t("plan.carriedEmpty")} />
      </section>
    </div>
  );
}

async function CsfSection({ rows, teams }: { rows: CsfMatrixRow[]; teams: AarTeam[] }) {
  if (rows.length === 0) return null;
  const t = await getTranslations("aar");
  const format = await getFormatter();
  return (
    <TableSection
      id="aar-csf"
      testId="aar-csf"
      className="card aar-section"
      title={t("sections.csf")}
      hint={t("csf.hint")}
      tableClassName="table aar-table"
      head={<tr><th>{t("csf.line")}</th>{teams.map((team) => <th key={team.id} className="num">{team.name}</th>)}</tr>}
    >
      {rows.map((row) => (
        <tr key={row.id} data-csf={row.id} data-level={row.level} className={row.level === "category" ? "csf-category" : "csf-function"}>
          <td>{row.level === "function" ? <strong>{row.id} · {row.name}</strong> : <span>{row.id} · {row.name}</span>}</td>
          {row.cells.map((cell) => (
            <td key={cell.teamId} className="num" data-testid="aar-csf-cell">
              {cell.suppressed ? t("withheldShort") : percentText(format, cell.percent)}
              {!cell.suppressed && cell.percent !== null && <div className="small muted">{pointsText(format, cell.earned, cell.best)}</div>}
            </td>
          ))}
        </tr>
      ))}
    </TableSection>
  );
}

async function WithheldNote({ withheld }: { withheld: Withheld }) {
  const t = await getTranslations("aar");
  return <p className="muted small aar-withheld" data-testid="aar-withheld">{t("privacy.withheld", { respondents: withheld.respondents, k: withheld.minGroupSize })}</p>;
}

async function CapabilityCard({ capability, sessionId, canEdit, teams }: { capability: AarCapability; sessionId: string; canEdit: boolean; teams: Array<{ id: string; name: string }> }) {
  const t = await getTranslations("aar");
  const format = await getFormatter();
  return (
    <article className="card aar-capability" data-testid="aar-capability" data-capability={capability.id}>
      <div className="row aar-capability-head">
        <h3>{capability.name}</h3>
        {capability.ref && <span className="badge neutral">{capability.ref}</span>}
        {!capability.assessed && <span className="badge neutral">{t("analysis.notAssessed")}</span>}
      </div>
      <table className="table aar-table">
        <thead>
          <tr><th>{t("analysis.team")}</th><th className="num">{t("analysis.readiness")}</th><th className="num">{t("analysis.points")}</th><th>{t("analysis.proposed")}</th><th>{t("analysis.final")}</th><th>{t("analysis.change")}</th></tr>
        </thead>
        <tbody>
          {capability.teams.map((row) => (
            <tr key={row.teamId} data-testid="aar-rating-row" data-team={row.teamName}>
              <td>{row.teamName}</td>
              {row.withheld ? (
                <td colSpan={5}><WithheldNote withheld={row.withheld} /></td>
              ) : (
                <>
                  <td className="num" data-testid="aar-readiness">{percentText(format, row.readiness?.percent)}</td>
                  <td className="num small muted">{row.readiness && row.readiness.decisions > 0 ? pointsText(format, row.readiness.earned, row.readiness.best) : "—"}</td>
                  <td>{row.rating?.proposed ? <span className={`badge ${RATING_BADGE[row.rating.proposed]}`} title={t("ratingLabel", { rating: row.rating.proposed })}>{row.rating.proposed}</span> : <span className="muted small">{t("analysis.noProposal")}</span>}</td>
                  <td>
                    <div className="row aar-final">
                      {row.final ? <span className={`badge ${RATING_BADGE[row.final]}`} data-testid="aar-final-rating">{row.final} · {t("ratingLabel", { rating: row.final })}</span> : <span className="muted small">—</span>}
                      {canEdit && <OverrideControl sessionId={sessionId} teamId={row.teamId} capabilityId={capability.id} current={row.override ? { rating: row.override.rating, rationale: row.override.rationale } : null} proposed={row.rating?.proposed ?? null} />}
                    </div>
                    {row.override && (
                      <div className="small aar-override" data-testid="aar-override">
                        <span className="muted">{t("analysis.overrideBy", { author: row.override.author ?? "—", date: dateText(format, row.override.at), proposed: row.override.proposedThen ?? "—" })}</span>
                        <div className="aar-text">{row.override.rationale}</div>
                      </div>
                    )}
                  </td>
                  <td>
                    {row.previous ? (
                      <div className="small" data-testid="aar-previous">
                        <span className={`badge ${TREND_BADGE[row.previous.trend]}`}>{t("trend", { trend: row.previous.trend })}</span>{" "}
                        <span className="muted">{t("analysis.then", { percent: percentText(format, row.previous.percent), rating: row.previous.rating ?? "—" })}</span>{" "}
                        <Link href={`/sessions/${row.previous.sessionId}/aar`}>{row.previous.title}</Link>
                      </div>
                    ) : <span className="muted small">{t("analysis.firstTime")}</span>}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="aar-two">
        <FindingsEditor sessionId={sessionId} capabilityId={capability.id} kind="STRENGTH" findings={capability.strengths} teams={teams} canEdit={canEdit} />
        <FindingsEditor sessionId={sessionId} capabilityId={capability.id} kind="AREA_FOR_IMPROVEMENT" findings={capability.areas} teams={teams} canEdit={canEdit} />
      </div>
    </article>
  );
}

async function BehaviourRow({ team }: { team: AarTeam }) {
  const t = await getTranslations("aar");
  const format = await getFormatter();
  const progress = <span className="small">{t("progress", { progress: team.progress.replaceAll("-", "_") })}</span>;
  if (team.breakdown.suppressed) {
    return <tr data-team={team.name}><td>{team.name}</td><td>{progress}</td><td colSpan={3}><WithheldNote withheld={team.breakdown} /></td></tr>;
  }
  const b = team.breakdown.value.behaviour;
  return (
    <tr data-team={team.name}>
      <td>{team.name}</td>
      <td>{progress}</td>
      <td className="num">{b.alignment.overall === null ? <span className="muted small">{t("behaviour.noVotes")}</span> : <>{percentText(format, b.alignment.overall * 100)} <span className="small muted">({b.alignment.matching}/{b.alignment.votes})</span></>}</td>
      <td className="num">{durationText(t, b.decisionTime.medianMs)}</td>
      <td className="num">{b.participation === null ? <span className="muted small">{t("behaviour.deleted")}</span> : b.participation.rate === null ? "—" : <>{percentText(format, b.participation.rate * 100)} <span className="small muted">({b.participation.participants}/{b.participation.members})</span></>}</td>
    </tr>
  );
}

async function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const t = await getTranslations("aar");
  const ts = await getTranslations("aarSummary");
  const format = await getFormatter();
  if (entries.length === 0) return <p className="muted small">{t("timeline.empty")}</p>;
  return (
    <ol className="aar-timeline-list">
      {entries.map((entry, index) =>
        entry.kind === "enter" ? (
          <li key={index} className={`aar-tl aar-tl-${entry.nodeType}`}>
            <time className="small muted">{clockText(format, entry.at)}</time>
            <span><span className="aar-tl-kind">{t("timeline.node", { type: entry.nodeType })}</span> {entry.title}{entry.outcome ? ` · ${t("outcome", { outcome: entry.outcome })}` : ""}</span>
          </li>
        ) : (
          <li key={index} className={`aar-tl aar-tl-lock${entry.timedOut ? " timed-out" : ""}`} data-testid="aar-decision">
            <time className="small muted">{clockText(format, entry.at)}</time>
            <div>
              <div><span className="aar-tl-kind">{t("timeline.decided")}</span> <strong className="aar-tl-option">{entry.timedOut ? t("timeline.timeout") : <OneLine text={entry.optionLabel} label={ts("fullText")} testId="aar-option" />}</strong> <span className="small muted">· {t("method", { method: entry.method.replaceAll("-", "_") })} · {durationText(t, entry.durationMs)} · {t("timeline.points", { points: pointsText(format, entry.earned, entry.best) })}</span></div>
              <div className="small muted">
                {entry.withheld ? <span data-testid="aar-tally-withheld">{t("privacy.withheld", { respondents: entry.withheld.respondents, k: entry.withheld.minGroupSize })}</span> : entry.votes === 0 ? t("timeline.noVotes") : tallyText(entry)}
                {entry.reason ? ` · ${t("timeline.reason", { reason: entry.reason })}` : ""}
              </div>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

async function PlanTable({ items, sessionId, canEdit, testId, empty }: { items: AarPlanItem[]; sessionId: string; canEdit: boolean; testId: string; empty: string }) {
  const t = await getTranslations("aar");
  if (items.length === 0) return <p className="muted small" data-testid={testId}>{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="table aar-table" data-testid={testId}>
        <thead><tr><th>{t("plan.capability")}</th><th>{t("plan.team")}</th><th>{t("plan.action")}</th><th>{t("plan.owner")}</th><th>{t("plan.due")}</th><th>{t("plan.status")}</th></tr></thead>
        <tbody>
          {items.map((item) => <PlanRow key={item.id} item={item} sessionId={sessionId} canEdit={canEdit} />)}
        </tbody>
      </table>
    </div>
  );
}

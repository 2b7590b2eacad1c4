// The AAR page's "Clocks and notifications" section: per team, each regulatory clock with its
// start, deadline and notice in the story's time, the missing fields, and a strip that places
// them on the team's story. Server-rendered; the data is lib/reports/aar-clocks.ts.
import { getTranslations } from "next-intl/server";
import { lateText, type AarClockRow, type AarClockSection } from "@/lib/reports/aar-clocks";

const RESULT_BADGE: Record<string, string> = { "on-time": "ok", late: "warn", never: "danger", open: "danger", "not-started": "neutral", stopped: "neutral" };

function ClockStrip({ row }: { row: AarClockRow }) {
  const pct = (f: number | null) => (f === null ? undefined : `${(f * 100).toFixed(1)}%`);
  const { start, deadline, submitted } = row.strip;
  return (
    <div className="clock-strip" aria-hidden="true" style={{ position: "relative", height: 12, background: "var(--line, #e4e7ec)", borderRadius: 6, minWidth: 120 }}>
      {start !== null && deadline !== null && (
        <span style={{ position: "absolute", left: pct(start), width: pct(Math.max(0.005, deadline - start)), top: 3, height: 6, background: "#c7d2fe" }} />
      )}
      {deadline !== null && <span style={{ position: "absolute", left: pct(deadline), top: 0, height: 12, width: 2, background: "#b42318" }} />}
      {submitted !== null && <span style={{ position: "absolute", left: pct(submitted), top: 2, height: 8, width: 8, marginLeft: -4, borderRadius: 4, background: "#1f7a47" }} />}
    </div>
  );
}

export async function AarClocksSection({ section }: { section: AarClockSection }) {
  const t = await getTranslations("clocks.aar");
  const dash = t("notYet");
  return (
    <section className="card aar-section" aria-labelledby="aar-clocks" data-testid="aar-clocks">
      <h2 id="aar-clocks">{t("title")}</h2>
      <p className="muted small">{t("hint", { timeZone: section.timeZone })} {t("strip")}</p>
      {section.teams.map((team) => (
        <div key={team.teamId} data-team={team.teamName}>
          <h3>{team.teamName}</h3>
          {team.withheld ? (
            <p className="muted small">{t("withheld")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t("clock")}</th>
                    <th>{t("started")}</th>
                    <th>{t("deadline")}</th>
                    <th>{t("submitted")}</th>
                    <th>{t("missing")}</th>
                    <th>{t("result")}</th>
                  </tr>
                </thead>
                <tbody>
                  {team.clocks.map((c) => (
                    <tr key={c.clockId} data-clock={c.clockId}>
                      <td>
                        <strong>{c.label}</strong>
                        <div className="muted small">{c.law} · {c.audience}</div>
                      </td>
                      <td>{c.started ?? dash}</td>
                      <td>{c.deadline ?? dash}</td>
                      <td>{c.submitted ?? dash}</td>
                      <td>{c.missingFields.length ? c.missingFields.join(", ") : dash}</td>
                      <td>
                        <span className={`badge ${RESULT_BADGE[c.timeliness] ?? ""}`}>{t(`timeliness.${c.timeliness}`)}</span>
                        {c.lateByMinutes !== null && <span className="small"> {t("lateBy", { time: lateText(c.lateByMinutes) })}</span>}
                        <ClockStrip row={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

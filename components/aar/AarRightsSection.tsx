// The AAR page's "Decision rights" section: per team, the decisions taken without their owner
// and those taken against a consulted role's vote, with a CSV link. Server-rendered; the data
// is lib/reports/aar-rights.ts.
import { getTranslations } from "next-intl/server";
import { rightsFindings, type AarRightsSection as Section } from "@/lib/reports/aar-rights";

export async function AarRightsSection({ section, sessionId }: { section: Section; sessionId: string }) {
  const t = await getTranslations("rights.aar");
  return (
    <section className="card aar-section" aria-labelledby="aar-rights" data-testid="aar-rights">
      <h2 id="aar-rights">{t("title")}</h2>
      <p className="muted small">
        {t("hint")} <a href={`/api/sessions/${sessionId}/aar/rights?format=csv`} download>{t("csv")}</a>
      </p>
      {section.teams.map((team) => (
        <div key={team.teamId} data-team={team.teamName}>
          <h3>{team.teamName}</h3>
          {team.withheld ? (
            <p className="muted small">{t("withheld")}</p>
          ) : team.rows.length === 0 ? (
            <p className="muted small">{t("none")}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t("decision")}</th>
                    <th>{t("chosen")}</th>
                    <th>{t("finding")}</th>
                  </tr>
                </thead>
                <tbody>
                  {team.rows.map((r) => (
                    <tr key={`${r.nodeId}/${r.visit}`} data-node={r.nodeId}>
                      <td>{r.decision}</td>
                      <td>{r.chosen}</td>
                      <td>
                        <ul className="plain-list">
                          {rightsFindings(r, (key, values) => t(key, values), section.minGroupSize ?? 0).map((line) => (
                            <li key={line}><span className="badge warn">{line}</span></li>
                          ))}
                        </ul>
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

// Training gaps: topics missed across the filtered sessions, and topics that stayed weak for a
// team over consecutive sessions.
import Link from "@/components/ui/IntentLink";
import { getFormatter, getTranslations } from "next-intl/server";
import type { GapRank, TeamPersistentGaps } from "@/lib/reports/gaps";

export async function GapRanking({ gaps }: { gaps: GapRank[] }) {
  const t = await getTranslations("reports");
  const format = await getFormatter();
  if (!gaps.length) return <p className="muted" data-testid="gaps-empty">{t("gaps.empty")}</p>;
  // On a phone the table scrolls sideways inside its card (shaded edges show there is more).
  return (
    <div className="table-scroll scroll-hint" data-testid="gap-ranking-scroll">
    <table className="table" data-testid="gap-ranking">
      <thead>
        <tr>
          <th scope="col">{t("gaps.topic")}</th>
          <th scope="col" className="num">{t("gaps.occurrences")}</th>
          <th scope="col" className="num">{t("gaps.cost")}</th>
          <th scope="col" className="num">{t("gaps.teams")}</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((g) => (
          <tr key={g.trainingId}>
            <td>{g.title}</td>
            <td className="num">{format.number(g.occurrences)}</td>
            <td className="num">{format.number(g.cost, { maximumFractionDigits: 1 })}</td>
            <td className="num">{format.number(g.teams)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export async function PersistentGapList({ teams, linkTeams = true, limit = 4 }: { teams: TeamPersistentGaps[]; linkTeams?: boolean; limit?: number }) {
  const t = await getTranslations("reports");
  const flagged = teams.filter((team) => team.gaps.suppressed || team.gaps.value.length > 0);
  if (!flagged.length) return <p className="muted" data-testid="persistent-empty">{t("persistent.empty")}</p>;
  return (
    <ul className="plain-list persistent-list" data-testid="persistent-gaps">
      {flagged.map((team) => (
        <li key={team.teamId}>
          <strong>{linkTeams ? <Link href={`/reports/teams/${encodeURIComponent(team.teamId)}`}>{team.name}</Link> : team.name}</strong>
          {team.gaps.suppressed ? (
            <span className="muted small"> — {t("withheld.smallTeam", { respondents: team.gaps.respondents, k: team.gaps.minGroupSize })}</span>
          ) : (
            <ul className="tag-list">
              {team.gaps.value.slice(0, limit).map((g) => (
                <li key={g.trainingId} className="tag tag-warn" title={t("persistent.title", { streak: g.streak, occurrences: g.occurrences })}>
                  {g.title} · {t("persistent.streak", { streak: g.streak })}
                </li>
              ))}
              {team.gaps.value.length > limit && <li className="tag">{t("persistent.more", { count: team.gaps.value.length - limit })}</li>}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

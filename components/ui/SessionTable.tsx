import Link from "@/components/ui/IntentLink";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import type { SessionRow } from "@/lib/home/overview";

const STATUS_BADGE: Record<string, string> = { LOBBY: "", RUNNING: "ok", PAUSED: "warn", ENDED: "neutral", ABORTED: "danger" };

export async function SessionTable({ sessions, empty }: { sessions: SessionRow[]; empty: React.ReactNode }) {
  if (sessions.length === 0) return <div className="empty">{empty}</div>;
  const t = await getTranslations("home");
  const tAar = await getTranslations("aar");
  const format = await getFormatter();
  const now = await getNow();
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr><th>{t("table.session")}</th><th>{t("table.scenario")}</th><th>{t("table.teams")}</th><th>{t("table.status")}</th><th>{t("table.created")}</th></tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={s.drill ? `/drills/${s.id}` : `/sessions/${s.id}`}>{s.title}</Link>
                {s.status !== "LOBBY" && <> · <Link className="small" href={s.drill ? `/drills/${s.id}/report` : `/sessions/${s.id}/aar`} data-testid="session-aar-link">{tAar("link")}</Link></>}
              </td>
              <td>{s.scenarioTitle}</td>
              <td>{format.number(s.teams)}</td>
              <td><span className={`badge ${STATUS_BADGE[s.status] ?? ""}`}>{t("statusName", { status: s.status })}</span></td>
              <td className="small muted">
                <time dateTime={s.createdAt.toISOString()} title={format.relativeTime(s.createdAt, now)}>{format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

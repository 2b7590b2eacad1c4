// The dashboard's "on-time notification rate" card: per team, the share of its regulatory
// notices sent in time, in each period (lib/reports/notification-rate.ts).
import { getFormatter, getTranslations } from "next-intl/server";
import type { NotificationRate } from "@/lib/reports/notification-rate";

export async function NotificationRateCard({ rate }: { rate: NotificationRate }) {
  const t = await getTranslations("rights.dashboard");
  const format = await getFormatter();
  const period = (iso: string) => format.dateTime(new Date(iso), rate.bucket === "month" ? { year: "numeric", month: "short", timeZone: "UTC" } : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return (
    <section className="card report-section" aria-labelledby="notification-rate-heading" data-testid="notification-rate">
      <h2 id="notification-rate-heading">{t("title")}</h2>
      <p className="muted small">{t("hint")} {t("source")}</p>
      {rate.teams.length === 0 ? (
        <p className="muted" data-testid="notification-rate-empty">{t("empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("team")}</th>
                {rate.buckets.map((b) => <th key={b}>{period(b)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rate.teams.map((team) => (
                <tr key={team.id} data-team={team.name}>
                  <th scope="row">{team.name}</th>
                  {rate.buckets.map((b) => {
                    const p = team.points.find((x) => x.bucket === b);
                    if (!p) return <td key={b} className="muted">—</td>;
                    if (p.suppressed || p.rate === null) return <td key={b} className="muted small">{t("withheld", { k: rate.minGroupSize })}</td>;
                    return (
                      <td key={b} data-rate={p.rate}>
                        <strong>{format.number(p.rate, { style: "percent", maximumFractionDigits: 0 })}</strong>
                        <div className="small muted">{t("rate", { sent: p.onTime, due: p.due })}</div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

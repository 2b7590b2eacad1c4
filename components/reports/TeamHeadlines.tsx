// The dashboard's opening line per team: latest readiness and its trend arrow.
import { getFormatter, getTranslations } from "next-intl/server";
import type { TeamHeadline } from "@/lib/reports/headlines";

const ARROW = { improved: "↑", declined: "↓", unchanged: "→" } as const;

export async function TeamHeadlines({ headlines, bucket }: { headlines: TeamHeadline[]; bucket: "week" | "month" }) {
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const period = (iso: string) => format.dateTime(new Date(iso), bucket === "month" ? { year: "numeric", month: "short", timeZone: "UTC" } : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  if (headlines.length === 0) return null;
  return (
    <ul className="team-headlines" data-testid="team-headlines" aria-label={t("headlines.label")}>
      {headlines.map((h) => (
        <li key={h.id} className="card team-headline" data-team={h.name} data-trend={h.trend ?? "none"}>
          <div className="small muted">{h.name}</div>
          {h.latest ? (
            <>
              <div className="team-headline-figure">
                {format.number(h.latest.percent / 100, { style: "percent", maximumFractionDigits: 0 })}{" "}
                {h.trend && <span className={`trend-arrow trend-${h.trend}`} aria-hidden>{ARROW[h.trend]}</span>}
              </div>
              <div className="small muted">
                {h.trend ? t("headlines.trend", { trend: h.trend, since: period(h.previous!.bucket) }) : t("headlines.firstPeriod")} · {period(h.latest.bucket)}
              </div>
            </>
          ) : (
            <div className="small muted">{t("headlines.withheld")}</div>
          )}
        </li>
      ))}
    </ul>
  );
}

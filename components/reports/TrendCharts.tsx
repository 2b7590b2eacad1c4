"use client";
// Readiness over time as line charts (recharts): one line per team, and one per capability.
// A period withheld for a small group is a gap in its line.
import { useFormatter, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendSeries } from "@/lib/reports/dashboard";
import { MIN_TREND_PERIODS } from "@/lib/reports/headlines";

const COLOURS = ["#1f4fd1", "#b42318", "#12733c", "#8a5a00", "#7a3fc4", "#0e7490", "#c2410c", "#4d7c0f", "#be185d", "#475569", "#0369a1", "#a16207"];

function TrendChart({ title, series, buckets, bucket, testId }: { title: string; series: TrendSeries[]; buckets: string[]; bucket: "week" | "month"; testId: string }) {
  const t = useTranslations("reports");
  const format = useFormatter();
  const label = (iso: string) =>
    bucket === "month" ? format.dateTime(new Date(iso), { year: "numeric", month: "short", timeZone: "UTC" }) : format.dateTime(new Date(iso), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const data = buckets.map((b) => {
    const row: Record<string, string | number | null> = { bucket: b };
    for (const s of series) row[s.id] = s.points.find((p) => p.bucket === b)?.percent ?? null;
    return row;
  });
  return (
    <figure className="card trend-card" data-testid={testId}>
      <figcaption><h3>{title}</h3></figcaption>
      {series.length === 0 ? (
        <p className="muted">{t("trends.empty")}</p>
      ) : (
        <div className="trend-chart">
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#dde1e6" />
              <XAxis dataKey="bucket" tickFormatter={label} fontSize={12} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} width={44} />
              <Tooltip
                labelFormatter={(v) => label(String(v))}
                formatter={(value) => (typeof value === "number" ? format.number(value / 100, { style: "percent", maximumFractionDigits: 1 }) : t("trends.withheld"))}
              />
              <Legend />
              {series.map((s, i) => (
                <Line key={s.id} type="monotone" dataKey={s.id} name={s.name} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

export function TrendCharts({ teams, capabilities, buckets, bucket, minGroupSize }: { teams: TrendSeries[]; capabilities: TrendSeries[]; buckets: string[]; bucket: "week" | "month"; minGroupSize: number }) {
  const t = useTranslations("reports");
  const td = useTranslations("dashboard");
  // One period is one point, not a trend: say when there will be one instead of drawing it.
  if (buckets.length < MIN_TREND_PERIODS) return <p className="card muted" data-testid="trends-after-two">{td("trendsAfterTwo")}</p>;
  // A series withheld in every period would only be an empty legend entry; it is named below instead.
  const shown = (list: TrendSeries[]) => list.filter((s) => s.points.some((p) => !p.suppressed));
  const hidden = [...teams, ...capabilities].filter((s) => s.points.every((p) => p.suppressed)).map((s) => s.name);
  const gaps = [...teams, ...capabilities].some((s) => s.points.some((p) => p.suppressed));
  return (
    <>
      <div className="trend-grid">
        <TrendChart title={t("trends.byTeam")} series={shown(teams)} buckets={buckets} bucket={bucket} testId="trend-teams" />
        <TrendChart title={t("trends.byCapability")} series={shown(capabilities)} buckets={buckets} bucket={bucket} testId="trend-capabilities" />
      </div>
      {gaps && (
        <p className="muted small" data-testid="trend-withheld">
          {t("trends.withheldNote", { k: minGroupSize })}
          {hidden.length > 0 && <> {t("trends.hiddenSeries", { names: hidden.join(", "), k: minGroupSize })}</>}
        </p>
      )}
    </>
  );
}

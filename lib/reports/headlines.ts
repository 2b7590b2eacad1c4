// A headline per team for the dashboard: its latest readiness and which way it went since the
// period before (an arrow), from the trend series already computed, so both always agree.
// Withheld periods are skipped. Pure.
import { compareReadiness } from "./aar-values";
import type { Trend } from "./aar-types";
import type { TrendSeries } from "./dashboard";

export type TeamHeadline = { id: string; name: string; latest: { bucket: string; percent: number } | null; previous: { bucket: string; percent: number } | null; trend: Trend | null };

export function teamHeadlines(series: TrendSeries[]): TeamHeadline[] {
  return series.map((s) => {
    const shown = s.points.filter((p): p is typeof p & { percent: number } => !p.suppressed && p.percent !== null);
    const latest = shown.at(-1) ?? null;
    const previous = shown.length > 1 ? shown.at(-2)! : null;
    return {
      id: s.id,
      name: s.name,
      latest: latest && { bucket: latest.bucket, percent: latest.percent },
      previous: previous && { bucket: previous.bucket, percent: previous.percent },
      trend: latest && previous ? compareReadiness({ percent: previous.percent, rating: null }, { percent: latest.percent, rating: null }) : null,
    };
  });
}

/** Whether a trend chart has something to show: at least two periods. */
export const MIN_TREND_PERIODS = 2;

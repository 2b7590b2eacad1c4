// The dashboard's "on-time notification rate": per organisation team and period, the share of
// its regulatory notices (one per clock that started on its path) sent by the deadline. Pure,
// over already judged clocks (lib/scoring/clocks.ts's timeliness per clock); where those come
// from is lib/reports/notification-rate-load.ts. A period whose team had fewer than k
// respondents is withheld, as the trend lines are.
import type { Timeliness } from "@/lib/scoring/clocks";

/** One team's run of one session: when it ran, how many voted at most, and each clock's timeliness. */
export type TeamClockOutcome = { teamId: string; teamName: string; at: Date; respondents: number; timeliness: readonly Timeliness[] };

/** Clocks that count towards the rate: a notice was due and was sent in time, late, or never. */
export function countsTowardsRate(t: Timeliness): boolean {
  return t === "on-time" || t === "late" || t === "never";
}

export type RatePoint = { bucket: string; due: number; onTime: number; rate: number | null; suppressed: boolean; respondents: number };
export type RateSeries = { id: string; name: string; points: RatePoint[] };
export type NotificationRate = { bucket: "week" | "month"; buckets: string[]; teams: RateSeries[]; minGroupSize: number };

/** The start of the UTC week (Monday, as Postgres date_trunc) or month holding `at`, as ISO text. */
export function periodStart(at: Date, bucket: "week" | "month"): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), bucket === "month" ? 1 : at.getUTCDate()));
  if (bucket === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString();
}

/**
 * Per team and period: notices due (clocks that started and were not stopped by hand or left
 * undecided when the exercise stopped), how many went out on time, and the rate (null when
 * none was due). Teams are sorted by name, periods by time.
 */
export function onTimeNotificationRate(outcomes: readonly TeamClockOutcome[], bucket: "week" | "month", minGroupSize: number): NotificationRate {
  const byTeam = new Map<string, { name: string; periods: Map<string, { due: number; onTime: number; respondents: number }> }>();
  for (const o of outcomes) {
    const team = byTeam.get(o.teamId) ?? { name: o.teamName, periods: new Map() };
    byTeam.set(o.teamId, team);
    const key = periodStart(o.at, bucket);
    const p = team.periods.get(key) ?? { due: 0, onTime: 0, respondents: 0 };
    team.periods.set(key, p);
    for (const t of o.timeliness) {
      if (!countsTowardsRate(t)) continue;
      p.due++;
      if (t === "on-time") p.onTime++;
    }
    p.respondents = Math.max(p.respondents, o.respondents);
  }
  const buckets = new Set<string>();
  const teams: RateSeries[] = [...byTeam.entries()]
    .map(([id, team]) => ({
      id,
      name: team.name,
      points: [...team.periods.entries()]
        .filter(([, p]) => p.due > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([b, p]): RatePoint => {
          buckets.add(b);
          const suppressed = p.respondents < minGroupSize;
          return suppressed ? { bucket: b, due: 0, onTime: 0, rate: null, suppressed, respondents: p.respondents } : { bucket: b, due: p.due, onTime: p.onTime, rate: p.onTime / p.due, suppressed, respondents: p.respondents };
        }),
    }))
    .filter((s) => s.points.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { bucket, buckets: [...buckets].sort(), teams, minGroupSize };
}

// Display rules shared by the AAR page and its PDF, so both say the same thing: percentages
// rounded to whole numbers, durations in minutes and seconds, and the chosen option of a
// timeout named as such. Pure; the translator and formatter are passed in.
import type { createFormatter } from "next-intl";

type Formatter = Pick<ReturnType<typeof createFormatter>, "number" | "dateTime">;
type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function percentText(format: Formatter, percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return "—";
  return format.number(percent / 100, { style: "percent", maximumFractionDigits: 0 });
}

/** "3 min 20 s" style, from the `aar.duration` message. */
export function durationText(t: Translate, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return t("duration.hours", { hours, minutes });
  if (minutes > 0) return t("duration.minutes", { minutes, seconds });
  return t("duration.seconds", { seconds });
}

export function dateText(format: Formatter, iso: string | null | undefined): string {
  if (!iso) return "—";
  return format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
}

export function dayText(format: Formatter, day: string | null | undefined): string {
  if (!day) return "—";
  return format.dateTime(new Date(`${day.slice(0, 10)}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
}

export function clockText(format: Formatter, iso: string): string {
  return format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" });
}

/** Raw points as "earned of best", keeping negative earnings visible. */
export function pointsText(format: Formatter, earned: number, best: number): string {
  return `${format.number(earned, { maximumFractionDigits: 2 })} / ${format.number(best, { maximumFractionDigits: 2 })}`;
}

/** Votes per option at a lock, with long option labels shortened: "Isolate the hosts…: 2 · Wait: 1". */
export function tallyText(entry: { tally: Array<{ label: string; votes: number }> }, maxLabel = 48): string {
  return entry.tally
    .filter((x) => x.votes > 0)
    .map((x) => `${x.label.length > maxLabel ? `${x.label.slice(0, maxLabel - 1).trimEnd()}…` : x.label}: ${x.votes}`)
    .join(" · ");
}

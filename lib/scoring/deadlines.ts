// Deadline arithmetic in the story's time zone: local wall time ↔ instants, and adding a
// regime's span to a start. Hours are elapsed time (72 hours across a DST change is still
// 72 hours); calendar days and months keep the local wall time, so they stretch or shrink by
// the DST hour; business days end at local midnight after the Nth working day. Pure: the
// zone rules come from Intl, so the result is the same on every server.
import type { Duration } from "../scenario/regimes";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Local = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall time of an instant in `timeZone`. */
export function toLocal(ms: number, timeZone: string): Local {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

function asUtc(l: Local): number {
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. A time that does not
 * exist (skipped by a spring-forward) moves forward by the gap; an ambiguous one (autumn)
 * takes the earlier instant.
 */
export function fromLocal(local: Local, timeZone: string): number {
  const wanted = asUtc(local);
  // The offset can differ on either side of a change: try both and keep one that round-trips.
  const guesses = [wanted - offsetAt(wanted - DAY, timeZone), wanted - offsetAt(wanted + DAY, timeZone)].sort((a, b) => a - b);
  for (const guess of guesses) if (asUtc(toLocal(guess, timeZone)) === wanted) return guess;
  return guesses[1];
}

function offsetAt(ms: number, timeZone: string): number {
  return asUtc(toLocal(ms, timeZone)) - Math.floor(ms / 1000) * 1000;
}

/** Parses "YYYY-MM-DDTHH:mm[:ss]" as local time in `timeZone`. */
export function parseLocal(text: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a local date and time such as 2026-06-13T09:40`);
  const [, year, month, day, hour, minute, second] = m.map(Number);
  return fromLocal({ year, month, day, hour, minute, second: second || 0 }, timeZone);
}

const isoDate = (l: Pick<Local, "year" | "month" | "day">) =>
  `${l.year}-${String(l.month).padStart(2, "0")}-${String(l.day).padStart(2, "0")}`;

/** Moves a local date by whole days (through UTC dates, so month ends roll over). */
function shiftDate(l: Local, days: number): Local {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return { ...l, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export type CalendarRules = { timeZone: string; holidays?: readonly string[] };

export function isBusinessDay(l: Pick<Local, "year" | "month" | "day">, holidays: readonly string[] = []): boolean {
  const weekday = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(isoDate(l));
}

/** `start` plus `span`, counted in the story's calendar. */
export function addDuration(start: number, span: Duration, rules: CalendarRules): number {
  if ("hours" in span) return start + span.hours * HOUR;
  const local = toLocal(start, rules.timeZone);
  if ("days" in span) return fromLocal(shiftDate(local, span.days), rules.timeZone);
  if ("months" in span) {
    const monthIndex = local.month - 1 + span.months;
    const year = local.year + Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return fromLocal({ ...local, year, month, day: Math.min(local.day, lastDay) }, rules.timeZone);
  }
  // Business days: the start day does not count; the notice is due by the end of the Nth working day after it.
  let day = local;
  let counted = 0;
  while (counted < span.businessDays) {
    day = shiftDate(day, 1);
    if (isBusinessDay(day, rules.holidays)) counted++;
  }
  const nextMidnight = shiftDate({ ...day, hour: 0, minute: 0, second: 0 }, 1);
  return fromLocal(nextMidnight, rules.timeZone) - 1000;
}

/** "Sat 14 Jun, 09:40"-style text is the UI's job; this gives the ISO local form for reports and CSV. */
export function formatLocal(ms: number, timeZone: string): string {
  const l = toLocal(ms, timeZone);
  return `${isoDate(l)} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}

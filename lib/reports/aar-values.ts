// Small conversions the report's assembly shares: stored JSON to points and ratings, dates to
// ISO strings, a node's display title, and the trend between two readings.
import { HSEEP_RATINGS, ZPoints, type THseepRating, type TPoints } from "@/lib/scoring";
import type { TNode } from "@/lib/scenario";
import type { Trend } from "./aar-types";

const RATING_RANK: Record<THseepRating, number> = { P: 3, S: 2, M: 1, U: 0 };
/** Same rating: a change of at least this many points of readiness counts as a change. */
export const TREND_MIN_POINTS = 5;

export function isRating(value: unknown): value is THseepRating {
  return typeof value === "string" && (HSEEP_RATINGS as readonly string[]).includes(value);
}

export function points(value: unknown): TPoints {
  const parsed = ZPoints.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function day(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function nodeTitle(node: TNode | undefined, fallback: string): string {
  if (!node) return fallback;
  switch (node.type) {
    case "inject":
    case "end":
      return node.title;
    case "decision":
      return node.title ?? firstLine(node.prompt) ?? node.id;
    default:
      return node.id;
  }
}

function firstLine(markdown: string): string | null {
  const line = markdown.split("\n").map((l) => l.replace(/^[#>*\-\s]+/, "").trim()).find(Boolean);
  if (!line) return null;
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

/** Whether the team did better or worse than before: by rating first, then by readiness. */
export function compareReadiness(
  then: { percent: number | null; rating: THseepRating | null },
  now: { percent: number | null; rating: THseepRating | null },
): Trend {
  if (then.rating && now.rating && then.rating !== now.rating) return RATING_RANK[now.rating] > RATING_RANK[then.rating] ? "improved" : "declined";
  if (then.percent !== null && now.percent !== null) {
    const diff = now.percent - then.percent;
    if (diff >= TREND_MIN_POINTS) return "improved";
    if (diff <= -TREND_MIN_POINTS) return "declined";
  }
  return "unchanged";
}

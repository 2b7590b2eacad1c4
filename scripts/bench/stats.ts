// Small statistics for the live-session benchmark: nearest-rank percentiles over
// latency samples, and the one clock every process of the benchmark stamps with.
import { performance } from "node:perf_hooks";

export type Distribution = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/**
 * Milliseconds since the Unix epoch with sub-millisecond resolution. Every process on
 * the machine derives it from the same system clock, so a send stamped in one process
 * and a receipt stamped in another can be subtracted.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Nearest-rank percentile of an ascending array. */
function rank(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

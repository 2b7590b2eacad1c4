"use client";
import { Icon } from "./Icon";
import { formatDuration, useRemainingMs } from "./use-countdown";

/** The decision timer: ticking while running, frozen (with its remaining time) while paused. */
export function Countdown({ deadlineAt, remainingMs, clockOffsetMs, size = "normal" }: {
  deadlineAt: string | null;
  remainingMs: number | null;
  clockOffsetMs: number;
  size?: "normal" | "large";
}) {
  const left = useRemainingMs(deadlineAt, remainingMs, clockOffsetMs);
  if (left === null) return null;
  const paused = !deadlineAt;
  const urgent = !paused && left <= 30_000;
  return (
    <div className={`countdown${urgent ? " urgent" : ""}${paused ? " paused" : ""}${size === "large" ? " large" : ""}`} role="timer" aria-live="off" data-testid="countdown">
      <Icon name={paused ? "pause" : "clock"} size={size === "large" ? 28 : 15} className="countdown-icon" />
      <span className="countdown-value">{left === 0 ? "Time is up" : formatDuration(left)}</span>
      {paused && <span className="countdown-note">paused</span>}
    </div>
  );
}

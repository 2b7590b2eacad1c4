"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Icon } from "./Icon";
import { durationParts, useRemainingMs } from "./use-countdown";

/** The decision timer: ticking while running, frozen (with its remaining time) while paused. */
export function Countdown({ deadlineAt, remainingMs, clockOffsetMs, size = "normal" }: {
  deadlineAt: string | null;
  remainingMs: number | null;
  clockOffsetMs: number;
  size?: "normal" | "large";
}) {
  const t = useTranslations("live.countdown");
  const format = useFormatter();
  const left = useRemainingMs(deadlineAt, remainingMs, clockOffsetMs);
  if (left === null) return null;
  const paused = !deadlineAt;
  const urgent = !paused && left <= 30_000;
  const { minutes, seconds } = durationParts(left);
  // m:ss with the locale's digits; the full wording is for screen readers.
  const clock = `${format.number(minutes)}:${format.number(seconds, { minimumIntegerDigits: 2 })}`;
  return (
    <div className={`countdown${urgent ? " urgent" : ""}${paused ? " paused" : ""}${size === "large" ? " large" : ""}`} role="timer" aria-live="off" data-testid="countdown">
      <Icon name={paused ? "pause" : "clock"} size={size === "large" ? 28 : 15} className="countdown-icon" />
      <span className="countdown-value" aria-label={left === 0 ? undefined : t("label", { minutes, seconds })}>{left === 0 ? t("timeUp") : clock}</span>
      {paused && <span className="countdown-note">{t("paused")}</span>}
    </div>
  );
}

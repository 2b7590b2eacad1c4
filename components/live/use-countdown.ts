"use client";
// Time left at a decision, from the server's deadline and the measured clock offset.
// The server owns the timer; this only shows it. Nothing ticks during server rendering,
// so the first client render matches the HTML.
import { useEffect, useState } from "react";

export function useRemainingMs(deadlineAt: string | null, pausedRemainingMs: number | null, clockOffsetMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!deadlineAt) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [deadlineAt]);
  if (!deadlineAt) return pausedRemainingMs;
  if (now === null) return null;
  return Math.max(0, Date.parse(deadlineAt) - (now + clockOffsetMs));
}

/** Whole minutes and seconds left, rounding up (a timer never shows 0:00 while time remains). */
export function durationParts(ms: number): { minutes: number; seconds: number } {
  const total = Math.ceil(ms / 1000);
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}


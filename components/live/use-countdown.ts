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

export function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

"use client";
// The story's fictional "now" for one team, ticking in the browser from the server's last
// word: `storyNow` at `serverTime`, moved on by `compression` × the real time since, while the
// session runs. Display only: the server decides when a clock is breached. Nothing ticks
// during server rendering, so the first client render matches the HTML.
import { useEffect, useState } from "react";
import type { TeamClocks } from "@/lib/session/clock-views";
import { WARNING_SHARE } from "@/lib/scoring/clocks";

export function useStoryNow(view: TeamClocks | undefined, offsetMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  const ticking = Boolean(view?.running && view.compression);
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [ticking, view?.serverTime]);
  if (!view || now === null) return null;
  const story = Date.parse(view.storyNow);
  if (!ticking) return story;
  return story + Math.max(0, now + offsetMs - Date.parse(view.serverTime)) * view.compression!;
}

/** What a clock shows at the ticking story time: the server's status, with "warning" once a quarter of the window is left. */
export function shownStatus(clock: TeamClocks["clocks"][number], storyNow: number | null): TeamClocks["clocks"][number]["status"] {
  if (clock.status !== "running" || storyNow === null || !clock.startedAt || !clock.deadlineAt) return clock.status;
  const start = Date.parse(clock.startedAt);
  const end = Date.parse(clock.deadlineAt);
  return end > start && (end - storyNow) / (end - start) <= WARNING_SHARE ? "warning" : "running";
}

// Pure rules of a drill's time: whether it is open yet, over, and how long a scenario
// timer runs in it. No I/O, so the play path, the facilitator's page and "My drills" agree.
import type { TDecisionNode } from "@/lib/scenario";

export type DrillTimes = { opensAt: Date; closesAt: Date; closedAt: Date | null };
export type DrillPhase = "scheduled" | "open" | "closed";

export function drillPhase(drill: DrillTimes, now: Date): DrillPhase {
  if (drill.closedAt && drill.closedAt.getTime() <= now.getTime()) return "closed";
  if (drill.closesAt.getTime() <= now.getTime()) return "closed";
  if (drill.opensAt.getTime() > now.getTime()) return "scheduled";
  return "open";
}

/** The time limit of a decision in this drill, in seconds; null when timers are off or it has none. */
export function drillTimeLimit(node: Pick<TDecisionNode, "timeLimitSeconds">, timerScale: number | null): number | null {
  if (timerScale === null || !node.timeLimitSeconds) return null;
  return Math.max(5, Math.round(node.timeLimitSeconds * timerScale));
}

/** A late answer is still taken within this grace after the deadline (network, clock skew). */
export const TIMER_GRACE_MS = 2000;

export type ProgressStatus = "invited" | "opened" | "started" | "finished";

export function progressStatus(p: { openedAt: Date | null; startedAt: Date | null; finishedAt: Date | null }): ProgressStatus {
  if (p.finishedAt) return "finished";
  if (p.startedAt) return "started";
  if (p.openedAt) return "opened";
  return "invited";
}

const DAY_MS = 86_400_000;

/** Whether the automatic reminder is due: the drill is open and its deadline is at most `reminderDays` away (0 = never). */
export function reminderDue(drill: DrillTimes & { reminderDays: number }, now: Date): boolean {
  if (drill.reminderDays <= 0 || drillPhase(drill, now) !== "open") return false;
  return drill.closesAt.getTime() - drill.reminderDays * DAY_MS <= now.getTime();
}

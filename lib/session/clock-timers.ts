// Regulatory clock timers: when a team's next clock runs out in real time (story time ticks at
// the scenario's compression factor while the session runs), this process wakes up and lets
// lib/session/clocks.ts judge the clocks again. They share the decision timers' host and
// ownership (lib/session/timers.ts), keyed apart; firing re-reads everything from the
// database and records a breach at most once, so a stale or repeated timer does nothing.
import { logError } from "@/lib/log/logger";
import type { TimerHost, TimerOwnership } from "@/lib/session/timers";

/** Slack after the computed instant, so the story has surely passed the deadline when the timer fires. */
const FIRE_SLACK_MS = 20;

export class ClockTimers {
  private armed = new Map<string, { sessionId: string; at: number }>();
  private owns: TimerOwnership = () => true;

  constructor(
    private readonly host: TimerHost,
    private readonly fire: (sessionId: string, teamId: string) => Promise<unknown>,
  ) {}

  setOwnership(owns: TimerOwnership): void {
    this.owns = owns;
  }

  private static key(teamId: string): string {
    return `clock:${teamId}`;
  }

  /** Arms (or, with null, cancels) the team's clock timer for the real instant `at`. */
  schedule(sessionId: string, teamId: string, at: number | null): void {
    if (at === null || !this.owns(sessionId)) {
      this.cancel(teamId);
      return;
    }
    const due = Math.ceil(at) + FIRE_SLACK_MS;
    if (this.armed.get(teamId)?.at === due) return;
    this.armed.set(teamId, { sessionId, at: due });
    this.host.schedule(ClockTimers.key(teamId), new Date(due), () => {
      this.armed.delete(teamId);
      void this.fire(sessionId, teamId).catch((e: unknown) => logError(`clock timer for team ${teamId} failed`, e));
    });
  }

  cancel(teamId: string): void {
    this.host.cancel(ClockTimers.key(teamId));
    this.armed.delete(teamId);
  }

  disarm(sessionId: string): void {
    for (const [teamId, armed] of this.armed) if (armed.sessionId === sessionId) this.cancel(teamId);
  }
}

// Decision timers: where they run (a TimerHost), which ones this process has armed, and
// the one path that arms them from the database, for one session (when this node takes
// it over) or for all (after a restart). Firing re-checks everything in the database
// (lib/session/facilitator.ts), so a stale or repeated timer does nothing.
import { logError } from "@/lib/log/logger";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { asState, visitOf } from "@/lib/session/lifecycle";
import { teamsWithTimers } from "@/lib/session/store";

/** Runs `fire` at `at`; the service re-checks everything when it fires. */
export interface TimerHost {
  schedule(teamId: string, at: Date, fire: () => void): void;
  cancel(teamId: string): void;
}

/** Whether this process arms a session's timers (always, unless several nodes share it). */
export type TimerOwnership = (sessionId: string) => boolean;

export class InProcessTimers implements TimerHost {
  private timers = new Map<string, NodeJS.Timeout>();
  schedule(teamId: string, at: Date, fire: () => void) {
    this.cancel(teamId);
    const delay = Math.max(0, at.getTime() - Date.now());
    // setTimeout caps at ~24.8 days; decision timers are minutes long.
    this.timers.set(teamId, setTimeout(() => {
      this.timers.delete(teamId);
      fire();
    }, Math.min(delay, 2_000_000_000)));
  }
  cancel(teamId: string) {
    const t = this.timers.get(teamId);
    if (t) clearTimeout(t);
    this.timers.delete(teamId);
  }
  cancelAll() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** Fires a team's timer for the decision visit it was armed for. */
export type FireTimer = (teamId: string, nodeId: string, visit: number) => Promise<unknown>;

/** The timers this process has armed, per team, so re-arming the same deadline is a no-op. */
export class TeamTimers {
  private armed = new Map<string, { sessionId: string; signature: string }>();
  private owns: TimerOwnership = () => true;

  constructor(
    private readonly host: TimerHost,
    private readonly fire: FireTimer,
  ) {}

  /** With several nodes, only the session's owner arms its timers (see lib/realtime/cluster.ts). */
  setOwnership(owns: TimerOwnership): void {
    this.owns = owns;
  }

  /** Arms (or, without a deadline, cancels) a team's timer; `sessionId` defaults to the one it was armed for. */
  schedule(teamId: string, deadlineAt: Date | null, nodeId: string, visit: number, sessionId?: string): void {
    const session = sessionId ?? this.armed.get(teamId)?.sessionId;
    if (!deadlineAt || (session && !this.owns(session))) {
      this.cancel(teamId);
      return;
    }
    const signature = `${deadlineAt.getTime()}:${nodeId}:${visit}`;
    if (this.armed.get(teamId)?.signature === signature) return;
    this.armed.set(teamId, { sessionId: session ?? "", signature });
    this.host.schedule(teamId, deadlineAt, () => {
      this.armed.delete(teamId);
      void this.fire(teamId, nodeId, visit).catch((e: unknown) => logError(`timer for team ${teamId} failed`, e));
    });
  }

  cancel(teamId: string): void {
    this.host.cancel(teamId);
    this.armed.delete(teamId);
  }

  /** Cancels every timer armed here for one session. */
  disarm(sessionId: string): void {
    for (const [teamId, armed] of this.armed) if (armed.sessionId === sessionId) this.cancel(teamId);
  }

  /** Arms every running timer from the database, of one session or of all (idempotent); returns how many teams have one. */
  async armFromDatabase(prisma: PrismaClient, sessionId?: string): Promise<number> {
    const teams = await teamsWithTimers(prisma, sessionId);
    for (const team of teams) {
      const state = asState(team.state);
      if (state) this.schedule(team.id, team.deadlineAt, state.nodeId, visitOf(state), team.sessionId);
    }
    return teams.length;
  }
}

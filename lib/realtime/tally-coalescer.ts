// Votes reach the console's tallies on their own path, not inside a console build: the
// teams whose votes committed are gathered per session for one short window, counted
// from the first of them, then read and pushed together (`console:tally`). One flush per
// session runs at a time; teams that change during it are flushed right after it, once
// the window of their own first change has passed. A flush that fails is logged, and the
// next change (or the console build that follows every vote) brings the numbers back.
import { logError } from "@/lib/log/logger";

/** Votes committed within this window after the first one are pushed together. */
export const TALLY_WINDOW_MS = 50;

type Pending = {
  teams: Set<string>;
  /** When the oldest change not yet flushed arrived (performance.now()), or null. */
  since: number | null;
  timer: NodeJS.Timeout | null;
  flushing: boolean;
};

export class TallyCoalescer {
  /** Flushes so far, over every session (tests assert coalescing). */
  flushes = 0;
  private readonly sessions = new Map<string, Pending>();

  constructor(
    private readonly flush: (sessionId: string, teamIds: string[]) => Promise<void>,
    private readonly windowMs = TALLY_WINDOW_MS,
  ) {}

  /** Votes of these teams committed: their tallies are pushed within one window. */
  changed(sessionId: string, teamIds: Iterable<string>): void {
    let p = this.sessions.get(sessionId);
    if (!p) this.sessions.set(sessionId, (p = { teams: new Set(), since: null, timer: null, flushing: false }));
    for (const id of teamIds) p.teams.add(id);
    if (!p.teams.size) return;
    p.since ??= performance.now();
    if (!p.timer && !p.flushing) this.schedule(sessionId, p);
  }

  private schedule(sessionId: string, p: Pending): void {
    const wait = Math.max(0, (p.since ?? performance.now()) + this.windowMs - performance.now());
    p.timer = setTimeout(() => {
      p.timer = null;
      void this.run(sessionId, p);
    }, wait);
  }

  private async run(sessionId: string, p: Pending): Promise<void> {
    const teams = [...p.teams];
    p.teams.clear();
    p.since = null;
    p.flushing = true;
    this.flushes++;
    try {
      await this.flush(sessionId, teams);
    } catch (e) {
      logError(`the live tallies of session ${sessionId} could not be pushed`, e);
    } finally {
      p.flushing = false;
      if (p.teams.size) this.schedule(sessionId, p);
      else this.sessions.delete(sessionId);
    }
  }
}

// The facilitator console's view of each watched session, built at most once per change
// window and shared by every watcher of it: consoles, present screens (projectors), and
// a console that (re)connects, which gets the last built view instead of a build of its
// own. A build reads the whole roster and every open tally, so it must never run once per
// watcher, and never ahead of what participants are waiting for: it starts only when no
// participant-facing work (a facilitator's command, a team or participant push) is in
// flight, so a participant's update never queues behind it. Every wait is counted from the
// first change a build has not yet covered, never from the end of the last build, so a
// change (a vote) reaches the console within one window plus the build that shows it.
import type { ConsoleTallies, ConsoleUpdate, ConsoleView, TeamTally } from "@/lib/session/views";
import type { LiveTally } from "@/lib/session/vote-batcher";
import { redactConsoleView, visibilityOf, VISIBILITY_LEVELS, type VisibilityLevel } from "@/lib/privacy/visibility";
import type { RosterChains } from "@/lib/realtime/roster-delta";
import { logError } from "@/lib/log/logger";

/** Changes within this window after the first one are built together. */
export const CONSOLE_WINDOW_MS = 100;
/** A build that took longer stretches the next window to its own length, up to this. */
export const CONSOLE_MAX_WINDOW_MS = 250;
/**
 * A build gives way to participant-facing work only until this long after the change it
 * covers: past it, the console (the tallies) would fall more than a window behind.
 */
const PRIORITY_MAX_WAIT_MS = CONSOLE_MAX_WINDOW_MS;

/** Consoles watch a session in one room per visibility level: a build is redacted once per level, never per viewer. */
export function consoleRoom(sessionId: string, level: VisibilityLevel): string {
  return `console:${sessionId}:${level}`;
}

export type ConsoleHubDeps = {
  build(sessionId: string): Promise<ConsoleView>;
  minGroupSize(): Promise<number>;
  /** Watchers of a room on this node (alone, rooms nobody here watches are skipped). */
  watchers(room: string): number;
  emit(room: string, update: ConsoleUpdate): void;
  emitTallies(room: string, tallies: ConsoleTallies): void;
  /** With several nodes a watcher may be on another node: build and push every level. */
  clustered(): boolean;
};

type Built = { view: ConsoleView; rosterVersion: number; tallySeq: number };


type Refresh = {
  timer: NodeJS.Timeout | null;
  building: boolean;
  /** A change arrived since the build that is running (or since the last one). */
  dirty: boolean;
  /** When the oldest change no build has covered yet arrived (performance.now()), or null. */
  dirtySince: number | null;
  costMs: number;
  /** The last push to each level's room, as redacted for it. */
  latest: Map<VisibilityLevel, Built>;
  /** Watchers waiting for the next build to finish. */
  waiting: Array<() => void>;
  /** The last build before redaction, which tally pushes are redacted against, and the k it was redacted with. */
  base: { view: ConsoleView; k: number } | null;
  /** The tally sequence number of the last build: older tally pushes are dropped. */
  tallySeq: number;
};

export class ConsoleHub {
  /** Builds so far, over every session (tests assert one build per change, not per watcher). */
  builds = 0;
  private readonly sessions = new Map<string, Refresh>();
  private urgent = 0;
  private idle: Array<() => void> = [];
  private lastSeq = 0;

  constructor(
    private readonly deps: ConsoleHubDeps,
    private readonly rosters: RosterChains,
  ) {}

  /** Something the console shows changed: a build follows within one window. */
  changed(sessionId: string): void {
    const r = this.refresh(sessionId);
    this.markDirty(r);
    if (!r.timer && !r.building) this.schedule(sessionId, r);
  }

  private markDirty(r: Refresh): void {
    if (!r.dirty || r.dirtySince === null) r.dirtySince = performance.now();
    r.dirty = true;
  }

  /**
   * Runs participant-facing work ahead of console builds: a build waits until none is in
   * flight (at most PRIORITY_MAX_WAIT_MS).
   */
  async first<T>(work: () => Promise<T>): Promise<T> {
    this.urgent++;
    try {
      return await work();
    } finally {
      if (--this.urgent === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  /**
   * The view for a watcher who just joined `level`'s room, with the roster version its
   * next pushes build on: the last build when nothing changed since, else the next build.
   */
  async view(sessionId: string, level: VisibilityLevel): Promise<Built> {
    const r = this.refresh(sessionId);
    // With several nodes, a change made on another node never marks this one's build stale:
    // a new watcher then gets a fresh build, not the last one made here.
    const shared = !this.deps.clustered();
    const cached = r.latest.get(level);
    if (cached && shared && !r.dirty && !r.building && !r.timer) return cached;
    // The push this watcher is about to receive carries the whole roster: it holds none yet.
    this.rosters.reset(consoleRoom(sessionId, level));
    await new Promise<void>((resolve) => {
      r.waiting.push(resolve);
      // A level nobody watched was not pushed: mark the session changed so the build covers it.
      if (!cached || !shared) this.markDirty(r);
      if (!r.timer && !r.building) this.schedule(sessionId, r, 0);
    });
    const built = r.latest.get(level);
    if (!built) throw new Error(`the console view of session ${sessionId} could not be built`);
    return built;
  }

  private refresh(sessionId: string): Refresh {
    let r = this.sessions.get(sessionId);
    if (!r) this.sessions.set(sessionId, (r = { timer: null, building: false, dirty: false, dirtySince: null, costMs: 0, latest: new Map(), waiting: [], base: null, tallySeq: 0 }));
    return r;
  }

  /**
   * The window (100 ms, stretched to the last build's length, at most 250 ms) runs from the
   * oldest change not yet built: a change that arrived during a long build is built as soon
   * as that build ends, not a whole window later.
   */
  private windowLeft(r: Refresh): number {
    const window = Math.min(CONSOLE_MAX_WINDOW_MS, Math.max(CONSOLE_WINDOW_MS, r.costMs));
    return r.dirtySince === null ? window : Math.max(0, r.dirtySince + window - performance.now());
  }

  private schedule(sessionId: string, r: Refresh, wait = this.windowLeft(r)): void {
    r.timer = setTimeout(() => {
      r.timer = null;
      void this.run(sessionId, r);
    }, wait);
  }

  private watched(sessionId: string): VisibilityLevel[] {
    if (this.deps.clustered()) return [...VISIBILITY_LEVELS];
    return VISIBILITY_LEVELS.filter((level) => this.deps.watchers(consoleRoom(sessionId, level)) > 0);
  }

  private async run(sessionId: string, r: Refresh): Promise<void> {
    if (this.watched(sessionId).length === 0 && r.waiting.length === 0) {
      // Nobody watches here: forget the session until someone does.
      this.sessions.delete(sessionId);
      for (const level of VISIBILITY_LEVELS) this.rosters.forget(consoleRoom(sessionId, level));
      return;
    }
    r.building = true;
    const since = r.dirtySince ?? performance.now();
    const waiting = r.waiting.splice(0);
    try {
      await this.priorityWait(Math.max(0, since + PRIORITY_MAX_WAIT_MS - performance.now()));
      // Changes up to here are in this build; later ones start the next window.
      r.dirty = false;
      r.dirtySince = null;
      const seq = this.nextTallySeq();
      const started = performance.now();
      this.builds++;
      const [view, k] = await Promise.all([this.deps.build(sessionId), this.deps.minGroupSize()]);
      const levels = this.watched(sessionId);
      // A watcher waiting on a level nobody else watches (its socket left meanwhile) still gets an answer.
      const wanted = new Set([...levels, ...(waiting.length ? VISIBILITY_LEVELS : [])]);
      r.latest.clear();
      for (const level of VISIBILITY_LEVELS) {
        if (!wanted.has(level)) continue;
        const room = consoleRoom(sessionId, level);
        const seen = redactConsoleView(view, visibilityOf(level, view.session.anonymous), k);
        // Alone, a push carries only the roster entries that changed; in a cluster the whole roster.
        const update = this.rosters.encode(room, seen, this.deps.clustered());
        r.latest.set(level, { view: seen, rosterVersion: update.rosterVersion, tallySeq: seq });
        if (levels.includes(level)) this.deps.emit(room, { ...update, tallySeq: seq });
      }
      r.base = { view, k };
      r.tallySeq = Math.max(r.tallySeq, seq);
      r.costMs = performance.now() - started;
    } catch (e) {
      logError("console broadcast failed", e);
      r.latest.clear();
    } finally {
      r.building = false;
      for (const wake of waiting) wake();
      // Changes made while it was built follow in the next window.
      if (r.dirty || r.waiting.length) this.schedule(sessionId, r, r.waiting.length ? 0 : undefined);
    }
  }

  /**
   * Orders tally reads and console builds: taken when a read starts, so a push read earlier
   * than the view a watcher holds is dropped. Microseconds since the epoch, so pushes from
   * several nodes order by when they were read.
   */
  nextTallySeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, Date.now() * 1000);
    return this.lastSeq;
  }

  /**
   * Pushes teams' tallies, as a commit at `seq` left them, to every watched level, redacted
   * exactly as the last build was: the tally is put in that build's team and the team goes
   * through the same redaction (k, anonymity) with the same k. A team whose open decision
   * is not the one the last build shows is left to the next build, and so is the whole
   * push when a build read later. Nothing here waits: the push leaves in the same tick.
   */
  pushTallies(sessionId: string, seq: number, tallies: readonly LiveTally[]): void {
    const r = this.sessions.get(sessionId);
    const base = r?.base;
    if (!r || !base || seq <= r.tallySeq || !tallies.length) return;
    const byTeam = new Map(tallies.map((t) => [t.teamId, t]));
    const teams = base.view.teams.flatMap((team) => {
      const live = byTeam.get(team.id);
      return live && team.node?.type === "decision" && team.node.id === live.nodeId && team.visit === live.visit ? [{ ...team, tally: live.tally }] : [];
    });
    if (!teams.length) return;
    const serverTime = new Date().toISOString();
    for (const level of this.watched(sessionId)) {
      const seen = redactConsoleView({ ...base.view, teams, roster: [], answers: [] }, visibilityOf(level, base.view.session.anonymous), base.k);
      const shown: TeamTally[] = seen.teams.map((t) => ({ teamId: t.id, nodeId: byTeam.get(t.id)!.nodeId, visit: t.visit, tally: t.tally, withheld: t.withheld ?? null }));
      this.deps.emitTallies(consoleRoom(sessionId, level), { sessionId, tallySeq: seq, teams: shown, serverTime });
    }
  }

  /** Waits until no participant-facing work is in flight, at most `maxMs`. */
  private priorityWait(maxMs: number): Promise<void> {
    if (this.urgent === 0 || maxMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idle.push(done);
    });
  }
}

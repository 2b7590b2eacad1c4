// What the benchmark's watchers (the facilitator's console, present screens) receive, kept
// as the browser keeps it: the console's pushes and their bytes, each watcher's roster
// (re-watching when a change list does not apply), and when the tallies counted how many
// votes, for vote → console tally.
import type { Socket } from "socket.io-client";
import { applyRosterUpdate, type ConsoleRoster } from "../../lib/realtime/roster-delta";
import type { ConsoleTallies, ConsoleUpdate, ConsoleView } from "../../lib/session/views";
import { call } from "../../tests/helpers/live";
import { DECISION } from "./scenario";
import { distribution, now } from "./stats";
import type { BenchResult } from "./live-types";

type Shown = Array<{ at: number; total: number }>;

export class ConsoleObserver {
  /** When the console's tallies (console:state or console:tally) counted how many votes. */
  private readonly tallies: Shown = [];
  /** The console:state pushes alone: when a whole build counted how many votes. */
  private readonly builtTallies: Shown = [];
  /** Each team's tally total at the decision, as the console shows it. */
  private readonly teamTotals = new Map<string, number>();

  constructor(private readonly result: BenchResult) {}

  /** Counts what the facilitator's console receives and follows its tallies. */
  observe(socket: Socket): void {
    // What the open console receives: whole rosters or change lists (lib/realtime/roster-delta.ts).
    socket.on("console:state", (update: { roster?: unknown[]; rosterChanges?: { upsert: unknown[]; size: number } }) => {
      const c = this.result.console;
      const bytes = Buffer.byteLength(JSON.stringify(update));
      c.pushes++;
      c.bytes += bytes;
      if (update.roster) {
        c.wholeRosters++;
        if (update.roster.length) c.entryBytes = Buffer.byteLength(JSON.stringify(update.roster)) / update.roster.length;
        c.bytesIfWhole += bytes;
      } else if (update.rosterChanges) {
        c.changeLists++;
        c.bytesIfWhole += bytes + Math.max(0, update.rosterChanges.size - update.rosterChanges.upsert.length) * c.entryBytes;
      }
      c.largestRoster = Math.max(c.largestRoster, update.roster?.length ?? update.rosterChanges?.size ?? 0);
    });
    // When the console's tallies counted how many votes, for vote → console tally.
    socket.on("console:state", (update: ConsoleUpdate) => {
      const at = now();
      for (const t of update.teams) this.teamTotals.set(t.id, t.node?.id === DECISION.nodeId ? (t.tally?.total ?? 0) : 0);
      this.tallies.push({ at, total: this.shownTotal() });
      this.builtTallies.push({ at, total: update.teams.reduce((n, t) => n + (t.node?.id === DECISION.nodeId ? (t.tally?.total ?? 0) : 0), 0) });
    });
    // Tallies pushed on their own between builds (console:tally), as the browser applies them.
    socket.on("console:tally", (update: ConsoleTallies) => {
      for (const t of update.teams) if (t.nodeId === DECISION.nodeId) this.teamTotals.set(t.teamId, t.tally?.total ?? 0);
      this.tallies.push({ at: now(), total: this.shownTotal() });
    });
  }

  private shownTotal(): number {
    return [...this.teamTotals.values()].reduce((n, v) => n + v, 0);
  }

  /** A watcher's roster, kept the way the browser keeps it (components/live/use-connection.ts). */
  keepRoster(socket: Socket, sessionId: string, view: ConsoleView, version: number | null): void {
    let held: ConsoleRoster | null = { roster: view.roster, version };
    let resyncing = false;
    socket.on("console:state", (update: ConsoleUpdate) => {
      if (resyncing) return;
      const next = applyRosterUpdate(held, update);
      if (next !== "resync") {
        held = next;
        return;
      }
      resyncing = true;
      this.result.watchers.resyncs++;
      void call(socket, "console:watch", { sessionId })
        .then((r) => {
          if (r.ok) held = { roster: (r.view as ConsoleView).roster, version: (r as { rosterVersion?: number }).rosterVersion ?? null };
        })
        .finally(() => (resyncing = false));
    });
  }

  /**
   * Vote → console tally: the k-th acknowledged vote (acks in order) against the first push
   * whose tallies count k votes; by any push, and by whole builds alone.
   */
  measureVoteToTally(ackTimes: number[]): void {
    const acks = [...ackTimes].sort((a, b) => a - b);
    const delaysTo = (shown: Shown) => {
      const delays: number[] = [];
      let never = 0;
      let j = 0;
      acks.forEach((at, i) => {
        while (j < shown.length && shown[j].total < i + 1) j++;
        if (j < shown.length) delays.push(Math.max(0, shown[j].at - at));
        else never++;
      });
      return { delays, never };
    };
    const live = delaysTo(this.tallies);
    this.result.watchers.votesNeverShown = live.never;
    this.result.watchers.voteToTallyMs = distribution(live.delays);
    this.result.watchers.voteToBuildMs = distribution(delaysTo(this.builtTallies).delays);
  }
}

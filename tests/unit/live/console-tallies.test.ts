// The console store (console and present pages) applies console:tally pushes only when newer
// than what it shows, and only to a team still at that decision; an older build keeps them.
import { beforeEach, describe, expect, it } from "vitest";
import { applyConsoleTallies, applyConsoleUpdate, applyConsoleView, useConsoleStore } from "@/components/live/stores";
import type { ConsoleTeam, ConsoleUpdate, ConsoleView } from "@/lib/session/views";

const DECISION = { type: "decision" as const, id: "d1", title: null, prompt: "?", decidedBy: "team", timeLimitSeconds: null, options: [{ id: "a", label: "A", available: true }] };
const tally = (a: number) => ({ counts: { a }, counted: a, total: a, winner: a ? "a" : null, tied: [], method: "majority" });

function team(id: string, a: number, over: Partial<ConsoleTeam> = {}): ConsoleTeam {
  return {
    id, name: id, revision: 1, phase: "running", node: DECISION, visit: 1, deadlineAt: null, remainingMs: null, lastDecision: null, revealed: null,
    scores: {}, outcome: null, members: 3, tally: tally(a), voters: [], reveal: null, withoutOwner: [], ...over,
  } as ConsoleTeam;
}

function view(teams: ConsoleTeam[]): ConsoleView {
  return {
    session: { id: "s1", title: "T", status: "RUNNING", anonymous: true, selfAssign: true, locale: "en", joinCode: "ABC", joinUrl: "x", scenarioTitle: "S", scenarioLocale: "en", contentHash: "h", startedAt: null, endedAt: null },
    roles: [], capabilities: [], teams, roster: [], answers: [], notes: [], serverTime: new Date().toISOString(),
  };
}

const tallies = (tallySeq: number, teams: Array<{ teamId: string; a: number; nodeId?: string; visit?: number }>) => ({
  sessionId: "s1",
  tallySeq,
  serverTime: new Date().toISOString(),
  teams: teams.map((t) => ({ teamId: t.teamId, nodeId: t.nodeId ?? "d1", visit: t.visit ?? 1, tally: tally(t.a), withheld: null })),
});

const shown = () => useConsoleStore.getState().view!.teams.map((t) => t.tally?.total ?? null);

describe("console store: console:tally", () => {
  beforeEach(() => applyConsoleView(view([team("t1", 0), team("t2", 0, { node: null })]), null, 10));

  it("applies a newer push to the teams still at its decision, and no other", () => {
    applyConsoleTallies(tallies(11, [{ teamId: "t1", a: 2 }, { teamId: "t2", a: 5 }]));
    expect(shown()).toEqual([2, 0]);
    applyConsoleTallies(tallies(12, [{ teamId: "t1", a: 3, visit: 2 }]));
    expect(shown()).toEqual([2, 0]);
    expect(useConsoleStore.getState().tallySeq).toBe(12);
  });

  it("drops a push older than what it shows, and one for another session", () => {
    applyConsoleTallies(tallies(9, [{ teamId: "t1", a: 2 }]));
    applyConsoleTallies({ ...tallies(20, [{ teamId: "t1", a: 4 }]), sessionId: "other" });
    expect(shown()).toEqual([0, 0]);
  });

  it("keeps newer tallies over a build read before them, and takes a later build's", () => {
    applyConsoleTallies(tallies(15, [{ teamId: "t1", a: 4 }]));
    const { roster: _r, ...rest } = view([team("t1", 3), team("t2", 0, { node: null })]);
    applyConsoleUpdate({ ...rest, roster: [], rosterVersion: 1, tallySeq: 14 } as ConsoleUpdate);
    expect(shown()).toEqual([4, 0]);
    applyConsoleUpdate({ ...rest, teams: [team("t1", 5), team("t2", 0, { node: null })], roster: [], rosterVersion: 2, tallySeq: 16 } as ConsoleUpdate);
    expect(shown()).toEqual([5, 0]);
    expect(useConsoleStore.getState().tallySeq).toBe(16);
  });
});

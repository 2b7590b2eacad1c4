// Live tallies between console builds: the hub's redaction and ordering of console:tally
// (lib/realtime/console-hub.ts), fed with the tallies a vote batch's commit left behind.
import { describe, expect, it } from "vitest";
import { ConsoleHub, consoleRoom } from "@/lib/realtime/console-hub";
import type { LiveTally } from "@/lib/session/vote-batcher";
import { RosterChains } from "@/lib/realtime/roster-delta";
import type { ConsoleTallies, ConsoleTeam, ConsoleUpdate, ConsoleView } from "@/lib/session/views";

const DECISION = { type: "decision" as const, id: "d1", title: null, prompt: "?", decidedBy: "team", timeLimitSeconds: null, options: [{ id: "a", label: "A", available: true }, { id: "b", label: "B", available: true }] };

function team(id: string, over: Partial<ConsoleTeam> = {}): ConsoleTeam {
  return {
    id, name: id, revision: 1, phase: "running", node: DECISION, visit: 1, deadlineAt: null, remainingMs: null, lastDecision: null, revealed: null,
    scores: { s: 1 }, outcome: null, members: 5, tally: { counts: { a: 0, b: 0 }, counted: 0, total: 0, winner: null, tied: [], method: "majority" },
    voters: [], reveal: null, withoutOwner: [], ...over,
  } as ConsoleTeam;
}

function view(anonymous: boolean, teams: ConsoleTeam[]): ConsoleView {
  return {
    session: { id: "s1", title: "T", status: "RUNNING", anonymous, selfAssign: true, locale: "en", joinCode: "ABC", joinUrl: "x", scenarioTitle: "S", scenarioLocale: "en", contentHash: "h", startedAt: null, endedAt: null },
    roles: [], capabilities: [], teams, roster: [{ id: "p1", displayName: "Ann", teamId: "t1", roleId: null, connected: true }], answers: [], notes: [], serverTime: "now",
  };
}

const tallyOf = (a: number, b: number) => ({ counts: { a, b }, counted: a + b, total: a + b, winner: a > b ? "a" : b > a ? "b" : null, tied: a === b && a > 0 ? ["a", "b"] : [], method: "majority" as const });

async function hubWith(base: ConsoleView, levels: Record<string, number>, k = { value: 3 }) {
  const states: Array<{ room: string; update: ConsoleUpdate }> = [];
  const tallies: Array<{ room: string; tallies: ConsoleTallies }> = [];
  const hub = new ConsoleHub(
    {
      build: async () => base,
      minGroupSize: async () => k.value,
      watchers: (room) => levels[room] ?? 0,
      emit: (room, update) => states.push({ room, update }),
      emitTallies: (room, t) => tallies.push({ room, tallies: t }),
      clustered: () => false,
    },
    new RosterChains(),
  );
  const built = await hub.view("s1", "raw");
  return { hub, states, tallies, built };
}

describe("ConsoleHub.pushTallies", () => {
  const live = (teamId: string, a: number, b: number, nodeId = "d1", visit = 1): LiveTally => ({ teamId, nodeId, visit, tally: tallyOf(a, b) });

  it("sends each watched level the tally as its console:state would show it (k, anonymity)", async () => {
    const { hub, tallies } = await hubWith(view(true, [team("t1"), team("t2")]), { [consoleRoom("s1", "raw")]: 1, [consoleRoom("s1", "aggregate")]: 1 });
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 2, 0), live("t2", 3, 1)]);
    const raw = tallies.find((t) => t.room === consoleRoom("s1", "raw"))!.tallies;
    const agg = tallies.find((t) => t.room === consoleRoom("s1", "aggregate"))!.tallies;
    expect(raw.teams).toEqual([
      { teamId: "t1", nodeId: "d1", visit: 1, tally: tallyOf(2, 0), withheld: null },
      { teamId: "t2", nodeId: "d1", visit: 1, tally: tallyOf(3, 1), withheld: null },
    ]);
    // Below k = 3 votes the aggregate level sees no tally, only that it is withheld, as in a build.
    expect(agg.teams[0]).toEqual({ teamId: "t1", nodeId: "d1", visit: 1, tally: null, withheld: { suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" } });
    expect(agg.teams[1].tally).toEqual(tallyOf(3, 1));
    expect(JSON.stringify(agg)).not.toContain("Ann");
  });

  it("drops a push read before the last build, and a team whose open decision the build does not show", async () => {
    const { hub, tallies, built } = await hubWith(view(false, [team("t1"), team("t2", { node: null })]), { [consoleRoom("s1", "raw")]: 1 });
    const early = hub.nextTallySeq();
    expect(built.tallySeq).toBeGreaterThan(0);
    // A build after `early` was taken: the push is older than what watchers hold.
    hub.changed("s1");
    const rebuilt = await hub.view("s1", "raw");
    expect(rebuilt.tallySeq).toBeGreaterThan(early);
    hub.pushTallies("s1", early, [live("t1", 1, 0)]);
    expect(tallies).toHaveLength(0);
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 1, 0, "d1", 2), live("t2", 1, 0)]);
    expect(tallies).toHaveLength(0);
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 1, 1)]);
    expect(tallies.map((t) => t.tallies.teams.map((x) => x.teamId))).toEqual([["t1"]]);
    expect(tallies[0].tallies.tallySeq).toBeGreaterThan(rebuilt.tallySeq);
  });

  it("stamps every console:state with a tally sequence later than the pushes read before it", async () => {
    const { hub, states } = await hubWith(view(false, [team("t1")]), { [consoleRoom("s1", "raw")]: 1 });
    const seq = hub.nextTallySeq();
    hub.changed("s1");
    await hub.view("s1", "raw");
    const last = states[states.length - 1].update;
    expect(last.tallySeq).toBeGreaterThan(seq);
  });

  it("pushes in the same tick, redacted with the k of the build the watchers hold", async () => {
    const k = { value: 3 };
    const { hub, tallies } = await hubWith(view(true, [team("t1")]), { [consoleRoom("s1", "aggregate")]: 1 }, k);
    // A new minimum group size reaches the watchers with the next build; until then a push
    // is withheld or shown exactly as the view they hold.
    k.value = 10;
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 3, 1)]);
    expect(tallies).toHaveLength(1);
    expect(tallies[0].tallies.teams[0]).toMatchObject({ tally: tallyOf(3, 1), withheld: null });
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 2, 0)]);
    expect(tallies[1].tallies.teams[0]).toMatchObject({ tally: null, withheld: { suppressed: true, respondents: 2, minGroupSize: 3 } });
    hub.changed("s1");
    await hub.view("s1", "aggregate");
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 3, 1)]);
    expect(tallies[2].tallies.teams[0]).toMatchObject({ tally: null, withheld: { suppressed: true, respondents: 4, minGroupSize: 10 } });
  });

  it("pushes nothing for a session nobody watches", async () => {
    const { hub, tallies } = await hubWith(view(false, [team("t1")]), {});
    hub.pushTallies("s1", hub.nextTallySeq(), [live("t1", 1, 0)]);
    expect(tallies).toHaveLength(0);
  });
});

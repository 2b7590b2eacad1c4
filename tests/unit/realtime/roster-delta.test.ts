import { describe, expect, it } from "vitest";
import { applyRosterUpdate, RosterChains, type ConsoleRoster } from "@/lib/realtime/roster-delta";
import type { ConsoleView, RosterEntry } from "@/lib/session/views";

const view = (roster: RosterEntry[]): ConsoleView => ({
  session: { id: "s1", title: "Drill", status: "RUNNING", anonymous: true, selfAssign: true, locale: "en", joinCode: "ABCD-EFGH", joinUrl: "", scenarioTitle: "", scenarioLocale: "en", contentHash: "", startedAt: null, endedAt: null },
  roles: [],
  capabilities: [],
  teams: [],
  roster,
  answers: [],
  notes: [],
  serverTime: new Date(0).toISOString(),
});
const person = (n: number, extra: Partial<RosterEntry> = {}): RosterEntry => ({ id: `p${n}`, displayName: `Person ${n}`, teamId: "t1", roleId: null, connected: true, ...extra });
const people = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => person(from + i));

describe("console roster changes", () => {
  it("sends the whole roster first, then only what changed, and the console rebuilds the same roster", () => {
    const chains = new RosterChains();
    let held: ConsoleRoster | null = null;
    const push = (roster: RosterEntry[]) => {
      const update = chains.encode("s1", view(roster));
      const next = applyRosterUpdate(held, update);
      if (next === "resync") throw new Error("unexpected resync");
      held = next;
      expect(held.roster).toEqual(roster);
      return update;
    };

    const first = push(people(1, 10));
    expect(first.roster).toHaveLength(10);
    expect(first.rosterChanges).toBeUndefined();

    // Two join, one disconnects, one moves team: four entries travel, not twelve.
    const roster = [...people(1, 12)];
    roster[2] = person(3, { connected: false });
    roster[5] = person(6, { teamId: "t2" });
    const second = push(roster);
    expect(second.roster).toBeUndefined();
    expect(second.rosterChanges?.upsert.map((e) => e.id)).toEqual(["p3", "p6", "p11", "p12"]);
    expect(second.rosterChanges?.remove).toEqual([]);

    // A new role or a new name travels too; an equal entry in a new object does not.
    roster[0] = person(1, { roleId: "ciso" });
    roster[1] = person(2, { displayName: "Renamed" });
    roster[7] = { ...person(8) };
    const renamed = push(roster);
    expect(renamed.rosterChanges?.upsert.map((e) => e.id)).toEqual(["p1", "p2"]);

    // An erased participant is removed; nothing else travels.
    const third = push(roster.filter((e) => e.id !== "p4"));
    expect(third.rosterChanges).toMatchObject({ upsert: [], remove: ["p4"], size: 11 });

    // Nothing changed: the version stays, so a console that missed nothing keeps applying.
    const fourth = push(roster.filter((e) => e.id !== "p4"));
    expect(fourth.rosterChanges).toMatchObject({ upsert: [], remove: [], base: third.rosterVersion });
    expect(fourth.rosterVersion).toBe(third.rosterVersion);
  });

  it("asks for the whole view when the changes were made against another roster", () => {
    const chains = new RosterChains();
    const first = chains.encode("s1", view(people(1, 10)));
    const second = chains.encode("s1", view(people(1, 11)));
    // A console that missed `first` (it watched through console:watch meanwhile).
    expect(applyRosterUpdate({ roster: people(1, 10), version: null }, second)).toBe("resync");
    expect(applyRosterUpdate(null, second)).toBe("resync");
    expect(applyRosterUpdate({ roster: people(1, 10), version: first.rosterVersion + 999 }, second)).toBe("resync");
    // A roster that does not add up to the announced size is refused too.
    expect(applyRosterUpdate({ roster: people(1, 9), version: first.rosterVersion }, second)).toBe("resync");
    expect(applyRosterUpdate({ roster: people(1, 10), version: first.rosterVersion }, second)).toEqual({ roster: people(1, 11), version: second.rosterVersion });
  });

  it("sends the whole roster again after a reset, when most of it changed, and when asked to", () => {
    const chains = new RosterChains();
    chains.encode("s1", view(people(1, 10)));
    chains.reset("s1");
    expect(chains.encode("s1", view(people(1, 10))).roster).toHaveLength(10);
    expect(chains.encode("s1", view(people(1, 10).map((e) => ({ ...e, connected: false })))).roster).toHaveLength(10);
    expect(chains.encode("s1", view(people(1, 11)), true).roster).toHaveLength(11);
    // Sessions keep separate chains.
    expect(chains.encode("s2", view(people(1, 3))).roster).toHaveLength(3);
    expect(chains.encode("s1", view(people(1, 12))).rosterChanges?.upsert).toHaveLength(1);
  });
});

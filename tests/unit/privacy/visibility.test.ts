import { describe, expect, it } from "vitest";
import { redactConsoleView, sessionVisibility, voteAsSeen } from "@/lib/privacy/visibility";
import type { ConsoleTeam, ConsoleView } from "@/lib/session/views";
import type { Role } from "@/lib/auth/types";

const OWNER = { id: "u-owner", role: "FACILITATOR" as Role };
const VIEWERS: Record<string, { id: string; role: Role }> = {
  admin: { id: "u-admin", role: "ADMIN" },
  owner: OWNER,
  granted: { id: "u-granted", role: "FACILITATOR" },
  stranger: { id: "u-stranger", role: "FACILITATOR" },
  manager: { id: "u-manager", role: "MANAGER" },
  participant: { id: "u-employee", role: "PARTICIPANT" },
};
const scope = (anonymous: boolean) => ({ facilitatorId: OWNER.id, grantedUserIds: ["u-granted"], anonymous });

function team(name: string, members: number, votes: number, counted = votes): ConsoleTeam {
  return {
    id: `t-${name}`,
    name,
    revision: 1,
    phase: "running",
    node: null,
    visit: 1,
    deadlineAt: null,
    remainingMs: null,
    lastDecision: null,
    revealed: null,
    scores: { respond: 2 },
    outcome: null,
    members,
    tally: { counts: { a: votes }, counted, total: votes, winner: counted ? "a" : null, tied: [], method: counted === votes ? "majority" : "role" },
    voters: Array.from({ length: votes }, (_, i) => ({ participantId: `p${i}`, displayName: `Person ${i}`, optionId: "a" })),
    reveal: { nodeId: "d", visit: 1, title: null, prompt: "p", chosenOptionId: "a", options: [{ id: "a", label: "A", votes }], total: votes },
  };
}

function view(anonymous: boolean): ConsoleView {
  return {
    session: { id: "s", title: "t", status: "RUNNING", anonymous, selfAssign: true, locale: "en", joinCode: "ABC", joinUrl: "u", scenarioTitle: "x", scenarioLocale: "en", contentHash: "h", startedAt: null, endedAt: null },
    roles: [],
    capabilities: [],
    teams: [team("Big", 5, 4, 1), team("Small", 2, 2)],
    roster: [{ id: "p0", displayName: "Person 0", teamId: "t-Big", roleId: null, connected: true }],
    answers: [{ id: "r", teamId: "t-Big", participant: "Person 0", nodeId: "n", question: "q", text: "my words", value: null, at: "2026-01-01T00:00:00Z" }],
    notes: [],
    serverTime: "2026-01-01T00:00:00Z",
  };
}

describe("session visibility", () => {
  it("follows the permission matrix and its scope rules for every role, named and anonymous", () => {
    const levels = (anonymous: boolean) => Object.fromEntries(Object.entries(VIEWERS).map(([k, u]) => [k, sessionVisibility(u, scope(anonymous))?.level ?? null]));
    expect(levels(false)).toEqual({ admin: "raw", owner: "raw", granted: "raw", stranger: null, manager: "raw", participant: null });
    expect(levels(true)).toEqual({ admin: "raw", owner: "raw", granted: "raw", stranger: null, manager: "aggregate", participant: null });
    // Who voted for what: named sessions only, for every viewer.
    expect(sessionVisibility(VIEWERS.admin, scope(true))!.voters).toBe(false);
    expect(sessionVisibility(VIEWERS.manager, scope(false))!.voters).toBe(true);
  });

  it("gives an aggregate viewer no answers, names or voters, and withholds each small figure by its own count", () => {
    const seen = redactConsoleView(view(true), sessionVisibility(VIEWERS.manager, scope(true))!, 3);
    expect(seen.answers).toEqual([]);
    expect(seen.roster.map((p) => p.displayName)).toEqual([""]);
    expect(JSON.stringify(seen)).not.toContain("Person");
    const [big, small] = seen.teams;
    // Four votes: counts shown; one deciding vote (a role's): who leads is withheld.
    expect(big.tally).toMatchObject({ counts: { a: 4 }, total: 4, winner: null, tied: [] });
    expect(big.scores).toEqual({ respond: 2 });
    expect(big.withheld).toBeNull();
    // Two votes in a team of two: tally and scores withheld, and the view says why.
    expect(small.tally).toBeNull();
    expect(small.scores).toEqual({});
    expect(small.withheld).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
  });

  it("gives a raw viewer everything, except who voted in an anonymous session", () => {
    const named = redactConsoleView(view(false), sessionVisibility(VIEWERS.owner, scope(false))!, 3);
    expect(named.answers[0].text).toBe("my words");
    expect(named.teams[1]).toMatchObject({ tally: { total: 2 }, voters: [{ displayName: "Person 0" }, { displayName: "Person 1" }], withheld: null });
    const anonymous = redactConsoleView(view(true), sessionVisibility(VIEWERS.owner, scope(true))!, 3);
    expect(anonymous.answers[0].text).toBe("my words");
    expect(anonymous.teams.flatMap((t) => t.voters)).toEqual([]);
    expect(anonymous.teams[1].tally).toMatchObject({ total: 2 });
    expect(voteAsSeen({ optionId: "a", participant: { displayName: "P" } }, sessionVisibility(VIEWERS.owner, scope(true))!)).toEqual({ optionId: "a", participant: null });
    expect(voteAsSeen({ optionId: "a", participant: "P" }, sessionVisibility(VIEWERS.owner, scope(false))!)).toEqual({ optionId: "a", participant: "P" });
  });

  it("withholds the present screen's reveal of a locked decision below k votes, for every viewer", () => {
    for (const viewer of [VIEWERS.owner, VIEWERS.manager]) {
      const [big, small] = redactConsoleView(view(true), sessionVisibility(viewer, scope(true))!, 3).teams;
      expect(big.reveal).toMatchObject({ total: 4, options: [{ id: "a", votes: 4 }] });
      expect(big.revealWithheld).toBeNull();
      expect(small.reveal).toBeNull();
      expect(small.revealWithheld).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
    }
  });
});

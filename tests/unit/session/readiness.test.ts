import { describe, expect, it } from "vitest";
import { checkReadiness, decidingRoleIds, plannedTeamsReachK } from "@/lib/session/readiness";
import { autoBalance, type BalanceInput } from "@/lib/session/auto-balance";

const teams = [{ id: "red" }, { id: "blue" }];
const p = (id: string, teamId: string | null, roleId: string | null = null) => ({ id, teamId, roleId });

describe("decidingRoleIds", () => {
  it("lists the roles that decide a decision, in role order, without the team vote", () => {
    const scenario = {
      roles: [{ id: "ciso" }, { id: "legal" }, { id: "comms" }],
      nodes: [
        { type: "decision", decidedBy: "legal" },
        { type: "decision", decidedBy: "team-vote" },
        { type: "inject" },
        { type: "decision", decidedBy: "ciso" },
        { type: "decision", decidedBy: "legal" },
      ],
    } as unknown as Parameters<typeof decidingRoleIds>[0];
    expect(decidingRoleIds(scenario)).toEqual(["ciso", "legal"]);
  });
});

describe("checkReadiness", () => {
  it("is ready when every team holds its deciding roles, reaches k, and nobody is unplaced", () => {
    const roster = [p("a", "red", "ciso"), p("b", "red"), p("c", "blue", "ciso"), p("d", "blue")];
    const r = checkReadiness({ teams, roster, decidingRoles: ["ciso"], minGroupSize: 2 });
    expect(r.ready).toBe(true);
    expect(r.checks.map((c) => [c.id, c.ok])).toEqual([["DECIDING_ROLES", true], ["GROUP_SIZE", true], ["EVERYONE_PLACED", true]]);
  });

  it("names the team missing a deciding role, the team below k with its size, and who has no team", () => {
    const roster = [p("a", "red", "ciso"), p("b", "red", "legal"), p("c", "blue", "ciso"), p("d", null, "legal")];
    const r = checkReadiness({ teams, roster, decidingRoles: ["ciso", "legal"], minGroupSize: 2 });
    expect(r.ready).toBe(false);
    expect(r.checks[0]).toEqual({ id: "DECIDING_ROLES", ok: false, missing: [{ teamId: "blue", roleIds: ["legal"] }] });
    expect(r.checks[1]).toEqual({ id: "GROUP_SIZE", ok: false, minGroupSize: 2, small: [{ teamId: "blue", members: 1 }] });
    expect(r.checks[2]).toEqual({ id: "EVERYONE_PLACED", ok: false, unplaced: ["d"] });
  });

  it("counts an empty team as below k, and a person in a team outside the session as unplaced", () => {
    const r = checkReadiness({ teams, roster: [p("a", "red"), p("b", "red"), p("x", "gone")], decidingRoles: [], minGroupSize: 2 });
    expect(r.checks[1]).toMatchObject({ ok: false, small: [{ teamId: "blue", members: 0 }] });
    expect(r.checks[2]).toMatchObject({ ok: false, unplaced: ["x"] });
    expect(r.checks[0].ok).toBe(true);
  });
});

describe("plannedTeamsReachK", () => {
  it("warns when the expected people cannot give every planned team k members", () => {
    expect(plannedTeamsReachK(12, 3, 5)).toEqual({ ok: false, perTeam: 4, largestTeamCount: 2 });
    expect(plannedTeamsReachK(15, 3, 5)).toEqual({ ok: true, perTeam: 5, largestTeamCount: 3 });
    expect(plannedTeamsReachK(4, 0, 2).ok).toBe(false);
  });
});

/** The roster after the moves. */
function apply(input: BalanceInput) {
  const moves = autoBalance(input);
  const after = input.roster.map((q) => {
    const m = moves.find((x) => x.participantId === q.id);
    return m ? { id: q.id, teamId: m.teamId, roleId: m.roleId } : q;
  });
  return { moves, after };
}

describe("autoBalance", () => {
  it("gives every team each deciding role first, then spreads everyone within one of each other", () => {
    const roster = [p("a", null), p("b", null), p("c", null), p("d", null), p("e", null), p("f", null, "legal"), p("g", null)];
    const { after } = apply({ teams, roster, decidingRoles: ["ciso", "legal"] });
    const r = checkReadiness({ teams, roster: after, decidingRoles: ["ciso", "legal"], minGroupSize: 3 });
    expect(r.ready).toBe(true);
    const sizes = teams.map((t) => after.filter((q) => q.teamId === t.id).length).sort();
    expect(sizes).toEqual([3, 4]);
    // The person who already held a deciding role keeps it.
    expect(after.find((q) => q.id === "f")!.roleId).toBe("legal");
  });

  it("moves nobody when the teams are already balanced and staffed", () => {
    const roster = [p("a", "red", "ciso"), p("b", "red"), p("c", "blue", "ciso"), p("d", "blue")];
    expect(autoBalance({ teams, roster, decidingRoles: ["ciso"] })).toEqual([]);
  });

  it("keeps a team's only role holder and moves a surplus member instead", () => {
    const roster = [p("a", "red", "ciso"), p("b", "red"), p("c", "red"), p("d", "red"), p("e", "blue", "ciso")];
    const { moves, after } = apply({ teams, roster, decidingRoles: ["ciso"] });
    expect(after.find((q) => q.id === "a")!.teamId).toBe("red");
    expect(after.find((q) => q.id === "e")!.teamId).toBe("blue");
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ teamId: "blue", roleId: null });
  });

  it("fills each team's first deciding role before any team's second when people are few", () => {
    const roster = [p("a", null), p("b", null)];
    const { after } = apply({ teams, roster, decidingRoles: ["ciso", "legal"] });
    expect(after.map((q) => q.roleId).sort()).toEqual(["ciso", "ciso"]);
    expect(new Set(after.map((q) => q.teamId)).size).toBe(2);
  });

  it("does nothing without teams or people", () => {
    expect(autoBalance({ teams: [], roster: [p("a", null)], decidingRoles: [] })).toEqual([]);
    expect(autoBalance({ teams, roster: [], decidingRoles: ["ciso"] })).toEqual([]);
  });
});

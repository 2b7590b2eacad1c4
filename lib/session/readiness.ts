// Whether a session's teams are ready to start: the lobby checklist the console shows and
// the reasons its Start button warns with. Pure: the console passes the roster it holds,
// the scenario's deciding roles and the privacy setting k (lib/privacy/suppression.ts).
// A team below k gets a blank report (every figure withheld), so the check says so early.
import { TEAM_VOTE, type TScenario } from "@/lib/scenario";

/** The roles that decide at least one of the scenario's decisions, in the scenario's role order. */
export function decidingRoleIds(scenario: Pick<TScenario, "roles" | "nodes">): string[] {
  const deciding = new Set<string>();
  for (const node of scenario.nodes) {
    if (node.type === "decision" && node.decidedBy && node.decidedBy !== TEAM_VOTE) deciding.add(node.decidedBy);
  }
  return scenario.roles.map((r) => r.id).filter((id) => deciding.has(id));
}

export type ReadinessInput = {
  teams: Array<{ id: string }>;
  roster: Array<{ id: string; teamId: string | null; roleId: string | null }>;
  /** Roles whose holder casts a decision's vote (decidingRoleIds). */
  decidingRoles: string[];
  /** k: figures over fewer people are withheld from reports. */
  minGroupSize: number;
};

/** One check of the checklist; `ok` false lists exactly what is wrong. */
export type ReadinessCheck =
  | { id: "DECIDING_ROLES"; ok: boolean; missing: Array<{ teamId: string; roleIds: string[] }> }
  | { id: "GROUP_SIZE"; ok: boolean; minGroupSize: number; small: Array<{ teamId: string; members: number }> }
  | { id: "EVERYONE_PLACED"; ok: boolean; unplaced: string[] };

export type Readiness = { ready: boolean; checks: ReadinessCheck[] };

/** How many members each team has, by team id (every team listed, empty ones at 0). */
export function teamSizes(teams: ReadinessInput["teams"], roster: ReadinessInput["roster"]): Map<string, number> {
  const sizes = new Map(teams.map((t) => [t.id, 0]));
  for (const p of roster) if (p.teamId && sizes.has(p.teamId)) sizes.set(p.teamId, sizes.get(p.teamId)! + 1);
  return sizes;
}

/** The three checks, in the order the console lists them. */
export function checkReadiness(input: ReadinessInput): Readiness {
  const { teams, roster, decidingRoles, minGroupSize } = input;
  const known = new Set(teams.map((t) => t.id));
  const missing = teams
    .map((t) => {
      const held = new Set(roster.filter((p) => p.teamId === t.id && p.roleId).map((p) => p.roleId));
      return { teamId: t.id, roleIds: decidingRoles.filter((r) => !held.has(r)) };
    })
    .filter((m) => m.roleIds.length > 0);
  const sizes = teamSizes(teams, roster);
  const small = teams.map((t) => ({ teamId: t.id, members: sizes.get(t.id) ?? 0 })).filter((s) => s.members < minGroupSize);
  const unplaced = roster.filter((p) => !p.teamId || !known.has(p.teamId)).map((p) => p.id);
  const checks: ReadinessCheck[] = [
    { id: "DECIDING_ROLES", ok: missing.length === 0, missing },
    { id: "GROUP_SIZE", ok: small.length === 0, minGroupSize, small },
    { id: "EVERYONE_PLACED", ok: unplaced.length === 0, unplaced },
  ];
  return { ready: checks.every((c) => c.ok), checks };
}

/**
 * Whether the planned teams can each reach k with the people expected: the new-session
 * form's warning. `largestTeamCount` is how many teams of at least k those people make.
 */
export function plannedTeamsReachK(expectedParticipants: number, teams: number, minGroupSize: number): { ok: boolean; perTeam: number; largestTeamCount: number } {
  const perTeam = teams > 0 ? Math.floor(expectedParticipants / teams) : 0;
  return { ok: teams > 0 && perTeam >= minGroupSize, perTeam, largestTeamCount: Math.floor(expectedParticipants / minGroupSize) };
}

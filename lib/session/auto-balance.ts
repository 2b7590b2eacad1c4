// Auto-balance for the lobby's assignment board: spreads everyone over the teams in
// near-equal numbers, giving each team a holder of every deciding role first (round
// robin, so every team gets its first deciding role before any gets its second). It moves
// as few people as it can: a team keeps its role holders and, while it has room, its
// members. Pure; the console sends the returned moves as `assign` commands.

export type BalanceInput = {
  teams: Array<{ id: string }>;
  /** In joining order; earlier people keep their place first. */
  roster: Array<{ id: string; teamId: string | null; roleId: string | null }>;
  decidingRoles: string[];
};

export type Move = { participantId: string; teamId: string; roleId: string | null };

/** Team sizes that differ by at most one, the larger ones first. */
function targets(people: number, teams: number): number[] {
  return Array.from({ length: teams }, (_, i) => Math.floor(people / teams) + (i < people % teams ? 1 : 0));
}

/** The assignments that balance the teams; people already where they should be are left out. */
export function autoBalance({ teams, roster, decidingRoles }: BalanceInput): Move[] {
  if (teams.length === 0 || roster.length === 0) return [];
  const teamIds = teams.map((t) => t.id);
  const target = new Map(teamIds.map((id, i) => [id, targets(roster.length, teams.length)[i]]));
  const placed = new Map<string, { teamId: string; roleId: string | null }>();
  const count = new Map(teamIds.map((id) => [id, 0]));
  const place = (p: BalanceInput["roster"][number], teamId: string, roleId: string | null) => {
    placed.set(p.id, { teamId, roleId });
    count.set(teamId, count.get(teamId)! + 1);
  };
  const free = () => roster.filter((p) => !placed.has(p.id));

  // Deciding roles, round robin: role by role, team by team, while the team has room.
  for (const role of decidingRoles) {
    for (const teamId of teamIds) {
      if (count.get(teamId)! >= target.get(teamId)!) continue;
      const candidates = free();
      const pick =
        candidates.find((p) => p.teamId === teamId && p.roleId === role) ??
        candidates.find((p) => p.roleId === role && !p.teamId) ??
        candidates.find((p) => p.roleId === role && !holdsNeededRole(p, roster, decidingRoles)) ??
        candidates.find((p) => p.teamId === teamId && !decidingRoles.includes(p.roleId ?? "")) ??
        candidates.find((p) => !p.teamId && !decidingRoles.includes(p.roleId ?? "")) ??
        candidates.find((p) => !decidingRoles.includes(p.roleId ?? "")) ??
        candidates[0];
      if (pick) place(pick, teamId, role);
    }
  }
  // Everyone else: stay while the team has room, then fill the team with the most room.
  for (const p of free()) {
    if (p.teamId && count.has(p.teamId) && count.get(p.teamId)! < target.get(p.teamId)!) place(p, p.teamId, p.roleId);
  }
  for (const p of free()) {
    const teamId = teamIds.reduce((best, id) => (target.get(id)! - count.get(id)! > target.get(best)! - count.get(best)! ? id : best), teamIds[0]);
    place(p, teamId, p.roleId);
  }
  return roster
    .filter((p) => placed.get(p.id)!.teamId !== p.teamId || placed.get(p.id)!.roleId !== p.roleId)
    .map((p) => ({ participantId: p.id, ...placed.get(p.id)! }));
}

/** Whether `p` is the only holder of a deciding role in their current team (moving them would open a gap). */
function holdsNeededRole(p: BalanceInput["roster"][number], roster: BalanceInput["roster"], decidingRoles: string[]): boolean {
  if (!p.teamId || !p.roleId || !decidingRoles.includes(p.roleId)) return false;
  return roster.filter((q) => q.teamId === p.teamId && q.roleId === p.roleId).length === 1;
}

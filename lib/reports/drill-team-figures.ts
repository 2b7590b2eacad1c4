// What one drill adds to the manager dashboard (docs/scoring.md, "Drills on the dashboard"):
// per organisation team with at least k finished people, one figure per capability that
// weighs like one live team-session. Pure. The percent is the team's mean of its people's
// percentages (each person counts once, as in the drill's report); the points behind it are
// scaled to a typical person's best points, so that summing it with live team-sessions gives
// a drill team the weight of one team that walked one path, not of every person in it.
import { isSmallGroup } from "@/lib/privacy/suppression";
import { POINTS_EPSILON } from "@/lib/scoring";
import type { DrillPersonScore } from "./drill-aggregate";

type DrillTeamCapability = { capabilityId: string; earned: number; best: number; decisions: number; respondents: number };
type DrillTeamFigures = { teamId: string; people: number; decisions: number; capabilities: DrillTeamCapability[] };

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Figures per team of ≥ k finished people; smaller teams and people without a team add nothing. */
export function drillTeamFigures(people: readonly Pick<DrillPersonScore, "teamId" | "path" | "readiness">[], minGroupSize: number): DrillTeamFigures[] {
  const byTeam = new Map<string, typeof people[number][]>();
  for (const person of people) {
    if (person.teamId === null || !person.path.finished) continue;
    byTeam.set(person.teamId, [...(byTeam.get(person.teamId) ?? []), person]);
  }
  const out: DrillTeamFigures[] = [];
  for (const [teamId, members] of [...byTeam.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (isSmallGroup(members.length, minGroupSize)) continue;
    const ids = [...new Set(members.flatMap((m) => m.readiness.capabilities.map((c) => c.capabilityId)))];
    const capabilities = ids.flatMap((capabilityId): DrillTeamCapability[] => {
      const assessed = members.flatMap((m) => m.readiness.capabilities.filter((c) => c.capabilityId === capabilityId && c.percent !== null));
      if (!assessed.length) return [];
      // A penalty-only capability (no best points to earn) cannot carry a mean between 0 and 100 %
      // on best = 0, so it weighs one nominal point.
      const best = Math.max(mean(assessed.map((c) => c.best)), 0) > POINTS_EPSILON ? mean(assessed.map((c) => c.best)) : 1;
      const earned = (mean(assessed.map((c) => c.percent!)) / 100) * best;
      return [{ capabilityId, earned, best, decisions: Math.max(1, Math.round(mean(assessed.map((c) => c.decisions)))), respondents: assessed.length }];
    });
    out.push({ teamId, people: members.length, decisions: Math.round(mean(members.map((m) => m.path.decisions.length))), capabilities });
  }
  return out;
}

// Feeds a closed drill into the manager dashboard: one session team per organisation team of
// at least k finished people, with its per-capability figures (lib/reports/drill-team-figures.ts)
// in session_team_scores and session_team_totals, the tables a live team-session's decisions
// fill. The report triggers (migrations *report_rollup*, *reports_gap_rollup*) then keep the
// rollup as for a live session, and the dashboard reads drills and live sessions alike.
// Written when the drill is closed early, when the deadline sweep closes it
// (./deadline-sweep.ts), and when its report is computed after the deadline if neither
// did; rewritten whole each time, so a reopened and closed again drill counts its final answers.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TScenario } from "@/lib/scenario";
import type { Tx } from "@/lib/session/store";
import { newId } from "@/lib/db/ids";
import { drillPhase } from "./lifecycle";
import type { DrillPersonScore } from "@/lib/reports/drill-aggregate";
import { drillTeamFigures } from "@/lib/reports/drill-team-figures";
import { scoreFinishedRuns } from "./report-load";

/** Replaces the drill's session teams with its final team figures, in the caller's transaction. */
export async function writeDrillTeamFigures(tx: Tx, sessionId: string, scenario: TScenario, k: number, people?: DrillPersonScore[]): Promise<number> {
  const figures = drillTeamFigures(people ?? (await scoreFinishedRuns(tx, sessionId, scenario)), k);
  const names = new Map((await tx.team.findMany({ where: { id: { in: figures.map((f) => f.teamId) } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]));
  await tx.sessionTeam.deleteMany({ where: { sessionId } });
  for (const [position, team] of figures.entries()) {
    const id = newId();
    await tx.sessionTeam.create({ data: { id, sessionId, teamId: team.teamId, name: names.get(team.teamId) ?? team.teamId, position } });
    await tx.sessionTeamScore.createMany({ data: team.capabilities.map((c) => ({ sessionTeamId: id, sessionId, ...c })) });
    await tx.sessionTeamTotal.create({ data: { sessionTeamId: id, decisions: team.decisions, respondents: team.people } });
  }
  return figures.length;
}

/**
 * Writes the drill's team figures when it is closed. `force` rewrites them (the drill was just
 * closed); otherwise they are written only when missing (a deadline that passed unnoticed).
 * Returns whether anything was written.
 */
export async function recordDrillInReports(prisma: PrismaClient, sessionId: string, scenario: TScenario, k: number, opts: { force?: boolean; people?: DrillPersonScore[] } = {}): Promise<boolean> {
  const drill = await prisma.drill.findUnique({ where: { sessionId }, include: { session: { select: { status: true } } } });
  if (!drill || drillPhase(drill, new Date()) !== "closed") return false;
  const recorded = drill.session.status === "ENDED" && (await prisma.sessionTeam.count({ where: { sessionId } })) > 0;
  if (recorded && !opts.force) return false;
  const people = opts.people ?? (await scoreFinishedRuns(prisma, sessionId, scenario));
  await prisma.$transaction(async (tx) => {
    // The deadline passed without a close: the drill ends at its deadline, as closing it would.
    if (drill.session.status !== "ENDED") await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "ENDED", endedAt: drill.closedAt ?? drill.closesAt } });
    await writeDrillTeamFigures(tx, sessionId, scenario, k, people);
  });
  return true;
}

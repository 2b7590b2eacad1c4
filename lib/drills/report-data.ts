// What the drill report's page and route load, wired to the process's database and scenario
// cache: the viewer's visibility and k, the scored runs, and, once the drill is closed, its
// team figures fed into the manager dashboard (./report-rollup.ts).
import type { SignedInUser } from "@/lib/auth/types";
import type { LoadedSessionScope } from "@/lib/auth/session-scope";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { getSessionService } from "@/lib/session/runtime";
import { minGroupSize, visibilityIn } from "@/lib/session/viewer";
import { buildDrillReport, scoreFinishedRuns, type DrillReport } from "./report-load";
import { recordDrillInReports } from "./report-rollup";

async function drillScenario(sessionId: string) {
  const session = await getPrisma().exerciseSession.findUnique({ where: { id: sessionId }, select: { mode: true, scenarioId: true } });
  if (!session) throw new DomainError("SESSION_NOT_FOUND", "no session has this id");
  if (session.mode !== "DRILL") throw new DomainError("NOT_A_DRILL", "this session is a live session, not a drill");
  return getSessionService().scenarioFor(session.scenarioId);
}

/** The drill's report as `user` may see it (the caller checked the reports view on the session). */
export async function drillReportFor(user: SignedInUser, scope: LoadedSessionScope): Promise<DrillReport> {
  const prisma = getPrisma();
  const visibility = visibilityIn(user, scope);
  const scenario = await drillScenario(scope.sessionId);
  const k = await minGroupSize();
  const people = await scoreFinishedRuns(prisma, scope.sessionId, scenario);
  await recordDrillInReports(prisma, scope.sessionId, scenario, k, { people });
  return buildDrillReport(prisma, { sessionId: scope.sessionId, scenario, visibility, minGroupSize: k, people });
}

/** After an early close: the drill's final team figures go into the dashboard. */
export async function recordClosedDrill(sessionId: string): Promise<void> {
  const scenario = await drillScenario(sessionId);
  await recordDrillInReports(getPrisma(), sessionId, scenario, await minGroupSize(), { force: true });
}

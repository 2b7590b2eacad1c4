// What the role-aware home page shows each role.
import { getPrisma } from "@/lib/db/client";
import type { SignedInUser } from "@/lib/auth/types";
import { sessionListScope } from "@/lib/auth/permissions";
import { listScenarioEntries } from "@/lib/catalog/store";

/** The Prisma filter for the sessions a user's lists may show (scope rules in permissions.ts). */
export function visibleSessionsWhere(user: SignedInUser): object {
  const scope = sessionListScope(user);
  if (scope.kind === "all") return {};
  if (scope.kind === "own-or-granted") return { OR: [{ facilitatorId: scope.userId }, { grants: { some: { userId: scope.userId } } }] };
  return { id: { in: [] } };
}

export type SessionRow = { id: string; title: string; status: string; createdAt: Date; scenarioTitle: string; teams: number; drill: boolean };

export type HomeOverview =
  | { kind: "facilitator"; scenarioCount: number; sessions: SessionRow[] }
  | { kind: "manager"; completedSessions: number; teams: number; sessions: SessionRow[] }
  | { kind: "admin"; users: number; scenarioCount: number; sessions: SessionRow[] }
  | { kind: "participant" };

async function recentSessions(where: object): Promise<SessionRow[]> {
  const rows = await getPrisma().exerciseSession.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, title: true, status: true, mode: true, createdAt: true, scenario: { select: { title: true } }, _count: { select: { teams: true } } },
  });
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, createdAt: r.createdAt, scenarioTitle: r.scenario.title, teams: r._count.teams, drill: r.mode === "DRILL" }));
}

/** Scenarios in the library as the catalogue lists them: one per scenario, whatever its versions and languages. */
async function countScenarios(): Promise<number> {
  return (await listScenarioEntries(getPrisma())).length;
}

export async function loadHomeOverview(user: SignedInUser): Promise<HomeOverview> {
  const prisma = getPrisma();
  switch (user.role) {
    case "FACILITATOR":
      return {
        kind: "facilitator",
        scenarioCount: await countScenarios(),
        sessions: await recentSessions(visibleSessionsWhere(user)),
      };
    case "MANAGER":
      return {
        kind: "manager",
        completedSessions: await prisma.exerciseSession.count({ where: { status: "ENDED" } }),
        teams: await prisma.team.count(),
        sessions: await recentSessions({ status: "ENDED" }),
      };
    case "ADMIN":
      return { kind: "admin", users: await prisma.user.count(), scenarioCount: await countScenarios(), sessions: await recentSessions({}) };
    default:
      return { kind: "participant" };
  }
}

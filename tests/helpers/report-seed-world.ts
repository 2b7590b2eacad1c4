// The report rollups' seeded world, built once per database target and shared by every rollup
// comparison (dashboard rollup, dashboard views, training gaps): every decision of it goes
// through the triggers, which is the slow part, so the comparisons read and change one world
// instead of each building its own. Also the filter parser the report tests share.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseReportFilters, type TReportFilters } from "@/lib/reports/filters";
import { seedReports, type ReportSeed } from "../../scripts/bench/reports-seed";

/** Parsed report filters from query-string parameters; a bad parameter fails the test with its issues. */
export function reportFilters(p: Record<string, string | string[]> = {}): TReportFilters {
  const r = parseReportFilters(p);
  if (!r.ok) throw new Error(`bad report filters ${JSON.stringify(p)}: ${JSON.stringify(r.issues)}`);
  return r.filters;
}

export type RollupWorld = { a: ReportSeed; b: ReportSeed };

/**
 * Two scenarios, sessions every 20 hours (several share a day; weeks and months are crossed),
 * a small team, a silent team and aborted sessions (listed by the drill-down, not counted by
 * the heat-map), all inserted with the triggers on: 368 decisions.
 */
export async function seedRollupWorld(prisma: PrismaClient): Promise<RollupWorld> {
  const a = await seedReports(prisma, { tag: "ra", sessions: 16, teams: 4, decisionsPerTeam: 4, start: new Date("2026-01-28T20:00:00Z"), spacingHours: 20, abortEvery: 7, smallTeamVoters: 2, silentTeam: true });
  const b = await seedReports(prisma, { tag: "rb", sessions: 6, teams: 2, decisionsPerTeam: 4, start: new Date("2026-02-10T09:00:00Z"), spacingHours: 30, scenarioFile: "scenarios/cloud-tenant-takeover.json" });
  return { a, b };
}

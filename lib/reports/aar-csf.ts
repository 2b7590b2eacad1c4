// The AAR's NIST CSF 2.0 table: one row per function the scenario maps to, followed by its
// categories, one column per team. Shared by the web page and the PDF.
import { rollUpCsf, type CsfLine } from "@/lib/scoring";
import type { AarReport } from "./aar";

export interface CsfMatrixRow {
  id: string;
  name: string;
  level: "function" | "category";
  cells: Array<{ teamId: string; suppressed: boolean; percent: number | null; earned: number; best: number }>;
}

export function csfMatrix(report: Pick<AarReport, "overview" | "teams">): CsfMatrixRow[] {
  const declared = report.overview.capabilities.map((c) => ({ id: c.id, framework: c.framework ?? undefined, ref: c.ref ?? undefined }));
  const structure = rollUpCsf(declared, []);
  const perTeam = new Map(
    report.teams.map((team) => [
      team.id,
      team.breakdown.suppressed ? null : rollUpCsf(declared, team.breakdown.value.readiness.capabilities),
    ]),
  );
  const cell = (teamId: string, find: (lines: ReturnType<typeof rollUpCsf>) => CsfLine | undefined) => {
    const lines = perTeam.get(teamId);
    const value = lines ? find(lines) : undefined;
    return { teamId, suppressed: lines === null, percent: value?.percent ?? null, earned: value?.earned ?? 0, best: value?.best ?? 0 };
  };
  return structure.flatMap((fn) => [
    { id: fn.id, name: fn.name, level: "function" as const, cells: report.teams.map((t) => cell(t.id, (lines) => lines.find((l) => l.id === fn.id))) },
    ...fn.categories.map((category) => ({
      id: category.id,
      name: category.name,
      level: "category" as const,
      cells: report.teams.map((t) => cell(t.id, (lines) => lines.find((l) => l.id === fn.id)?.categories.find((c) => c.id === category.id))),
    })),
  ]);
}

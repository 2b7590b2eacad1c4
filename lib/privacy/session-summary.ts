// A session's aggregate summary for reports: each team's locked decisions with their vote
// counts. Counts over fewer voters than the small-group threshold are withheld, with why.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/privacy/settings";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import { toCsv } from "@/lib/audit/csv";

export type SummaryDecision = { nodeId: string; visit: number; optionId: string; method: string; counts: Suppressible<Record<string, number>> };
export type SessionSummary = {
  session: { id: string; title: string; status: string; anonymous: boolean };
  minGroupSize: number;
  teams: Array<{ id: string; name: string; participants: number; decisions: SummaryDecision[] }>;
  findings: number;
};

export async function sessionSummary(prisma: PrismaClient, sessionId: string): Promise<SessionSummary | null> {
  const s = await prisma.exerciseSession.findUnique({
    where: { id: sessionId },
    include: {
      teams: { orderBy: { position: "asc" }, include: { decisions: { orderBy: { decidedAt: "asc" } }, _count: { select: { participants: true } } } },
      _count: { select: { aarFindings: true } },
    },
  });
  if (!s) return null;
  const { minGroupSize } = await getSettings(prisma);
  return {
    session: { id: s.id, title: s.title, status: s.status, anonymous: s.anonymous },
    minGroupSize,
    findings: s._count.aarFindings,
    teams: s.teams.map((t) => ({
      id: t.id,
      name: t.name,
      participants: t._count.participants,
      decisions: t.decisions.map((d) => {
        const tally = (d.tally ?? {}) as { counts?: Record<string, number>; counted?: number };
        return { nodeId: d.nodeId, visit: d.visit, optionId: d.optionId, method: d.method, counts: suppressSmallGroup(tally.counted ?? 0, minGroupSize, tally.counts ?? {}) };
      }),
    })),
  };
}

export function summaryCsv(summary: SessionSummary): string {
  const rows: unknown[][] = [];
  for (const team of summary.teams) {
    for (const d of team.decisions) {
      rows.push([team.name, d.nodeId, d.visit, d.optionId, d.method, d.counts.respondents, d.counts.suppressed ? `hidden: fewer than ${summary.minGroupSize} voters` : d.counts.value]);
    }
  }
  return toCsv(["team", "decision", "visit", "chosen", "method", "voters", "counts"], rows);
}

/** A strength or area for improvement added to a session's report. */
export const ZFindingInput = z.strictObject({
  capabilityId: z.string().trim().min(1).max(100),
  kind: z.enum(["STRENGTH", "AREA_FOR_IMPROVEMENT"]),
  text: z.string().trim().min(1, "write the finding").max(4000),
  teamId: z.string().min(1).max(64).nullable().optional(),
});

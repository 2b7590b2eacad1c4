// "Verified by exercise": an improvement item of a team is proposed as verified when a later
// session of the same organisation team rates the item's capability P or S. The proposal is
// computed from the later session's report as its reader sees it; a person confirms it
// (lib/improvements/ledger.ts), which records the session as the evidence.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import type { AarReport } from "@/lib/reports/aar";
import { reportScope, scopeWhere } from "@/lib/reports/scope";

export type VerificationProposal = {
  itemId: string;
  action: string;
  capabilityId: string;
  capabilityName: string;
  teamName: string;
  rating: "P" | "S";
  origin: { sessionId: string; title: string } | null;
};

/** Final P or S ratings in this report, keyed `${orgTeamId}:${capabilityId}`. */
export function passingRatings(report: AarReport): Map<string, { rating: "P" | "S"; capabilityName: string; teamName: string }> {
  const orgTeamOf = new Map(report.teams.map((t) => [t.id, t.orgTeamId] as const));
  const out = new Map<string, { rating: "P" | "S"; capabilityName: string; teamName: string }>();
  for (const c of report.capabilities) {
    for (const t of c.teams) {
      const org = orgTeamOf.get(t.teamId);
      if (org && (t.final === "P" || t.final === "S")) out.set(`${org}:${c.id}`, { rating: t.final, capabilityName: c.name, teamName: t.teamName });
    }
  }
  return out;
}

/**
 * Items this session's report can verify: of its organisation teams, on a capability it rated
 * P or S, written before the session started, not verified or cancelled yet, and from a session
 * the viewer may see (or from no session, for those who see every report).
 */
export async function proposeVerifications(prisma: PrismaClient, report: AarReport, viewer: Pick<SignedInUser, "id" | "role">): Promise<VerificationProposal[]> {
  const passing = passingRatings(report);
  if (!passing.size) return [];
  const scope = reportScope(viewer);
  if (!scope) return [];
  const orgTeamIds = [...new Set([...passing.keys()].map((k) => k.split(":")[0]))];
  const capabilityIds = [...new Set([...passing.keys()].map((k) => k.slice(k.indexOf(":") + 1)))];
  const before = new Date(report.overview.startedAt ?? report.overview.createdAt);
  const items = await prisma.improvementItem.findMany({
    where: {
      teamId: { in: orgTeamIds },
      capabilityId: { in: capabilityIds },
      verifiedAt: null,
      status: { in: ["OPEN", "IN_PROGRESS", "DONE"] },
      createdAt: { lt: before },
      OR: [{ originSessionId: null, ...(scope.kind === "all" ? {} : { id: "-" }) }, { originSessionId: { not: report.overview.sessionId }, originSession: scopeWhere(scope) }],
    },
    include: { originSession: { select: { id: true, title: true } } },
    orderBy: { createdAt: "asc" },
  });
  return items.flatMap((i) => {
    const hit = passing.get(`${i.teamId}:${i.capabilityId}`);
    if (!hit) return [];
    return [{ itemId: i.id, action: i.action, capabilityId: i.capabilityId, capabilityName: hit.capabilityName, teamName: hit.teamName, rating: hit.rating, origin: i.originSession ? { sessionId: i.originSession.id, title: i.originSession.title } : null }];
  });
}

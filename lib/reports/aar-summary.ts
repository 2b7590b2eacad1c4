// The answer first: the block that opens the after-action report (page and PDF). Overall
// readiness, the rating per capability at a glance, the three biggest gaps and the open
// improvement items with their owners, computed from the assembled report so it can never
// disagree with the sections below it. Teams withheld as small groups are left out, as they
// are everywhere else in the report.
import { proposeRating, readinessPercent, type THseepRating, type TRatingThresholds } from "@/lib/scoring";
import type { AarCapability, AarPlanItem, AarTeam } from "./aar-types";

const RANK: Record<THseepRating, number> = { P: 3, S: 2, M: 1, U: 0 };
/** How many gaps the summary names. */
export const SUMMARY_GAPS = 3;

export interface AarSummaryCapability {
  id: string;
  name: string;
  /** Readiness of the shown teams together (points earned ÷ best over all their decisions). */
  percent: number | null;
  /** The weakest shown team's rating that counts (its override, else the proposal): a capability is as ready as its weakest team. */
  rating: THseepRating | null;
  /** The team with that rating when there is more than one team. */
  weakestTeam: string | null;
}

export interface AarSummary {
  readiness: { percent: number | null; rating: THseepRating | null };
  /** Assessed capabilities in the scenario's order. */
  capabilities: AarSummaryCapability[];
  /** Capabilities not rated P, lowest readiness first, at most SUMMARY_GAPS. */
  gaps: AarSummaryCapability[];
  /** Plan items still open or in progress (this session's and carried over), overdue first, then by due date. */
  openItems: Array<Pick<AarPlanItem, "id" | "action" | "owner" | "dueDate" | "overdue" | "status" | "capabilityName" | "teamName" | "carried">>;
  /** Teams left out of the figures because they are small groups. */
  withheldTeams: number;
}

export function summariseAar(capabilities: AarCapability[], teams: AarTeam[], plan: { items: AarPlanItem[]; carried: AarPlanItem[] }, thresholds: TRatingThresholds): AarSummary {
  const shown = new Set(teams.filter((t) => !t.breakdown.suppressed).map((t) => t.id));
  const multiTeam = shown.size > 1;
  let earned = 0;
  let best = 0;
  let decisions = 0;
  const rows: AarSummaryCapability[] = [];
  for (const cap of capabilities) {
    const visible = cap.teams.filter((t) => shown.has(t.teamId) && !t.withheld && t.readiness && t.readiness.decisions > 0);
    if (!visible.length) continue;
    const sum = visible.reduce((acc, t) => ({ earned: acc.earned + t.readiness!.earned, best: acc.best + t.readiness!.best, decisions: acc.decisions + t.readiness!.decisions }), { earned: 0, best: 0, decisions: 0 });
    earned += sum.earned;
    best += sum.best;
    decisions += sum.decisions;
    const rated = visible.filter((t) => t.final !== null).sort((a, b) => RANK[a.final!] - RANK[b.final!] || (a.readiness!.percent ?? 0) - (b.readiness!.percent ?? 0));
    const weakest = rated[0] ?? null;
    rows.push({
      id: cap.id,
      name: cap.name,
      percent: readinessPercent(sum.earned, sum.best, sum.decisions).percent,
      rating: weakest?.final ?? null,
      weakestTeam: multiTeam && weakest ? weakest.teamName : null,
    });
  }
  const overall = readinessPercent(earned, best, decisions).percent;
  const gaps = rows
    .filter((r) => r.rating !== null && r.rating !== "P")
    .sort((a, b) => RANK[a.rating!] - RANK[b.rating!] || (a.percent ?? 0) - (b.percent ?? 0) || a.name.localeCompare(b.name))
    .slice(0, SUMMARY_GAPS);
  const open = [...plan.items, ...plan.carried]
    .filter((i) => i.status === "OPEN" || i.status === "IN_PROGRESS")
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.action.localeCompare(b.action))
    .map(({ id, action, owner, dueDate, overdue, status, capabilityName, teamName, carried }) => ({ id, action, owner, dueDate, overdue, status, capabilityName, teamName, carried }));
  return {
    readiness: { percent: overall, rating: proposeRating(overall, thresholds) },
    capabilities: rows,
    gaps,
    openItems: open,
    withheldTeams: teams.length - shown.size,
  };
}

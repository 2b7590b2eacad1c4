// Results as CSV and JSON: the dashboard's filtered view (team × capability) and one session
// (session team × capability, plus its decisions in JSON). Small groups are withheld with the
// reason, exactly as on screen.
import { fileNameStem } from "@/lib/text/file-name";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import { figures, heatMap, type Figures } from "./dashboard";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { toCsv, type CsvValue } from "./csv";
import { pooledRows, type PooledLabels } from "./export-pooled";
import { pooledView } from "./pooled";

export type ResultRow = {
  teamId: string | null;
  team: string;
  capabilityId: string;
  capability: string;
  sessions: number;
  /** Null on the pooled rows (all teams together). */
  respondents: number | null;
  suppressed: boolean;
  /**
   * Why a row is withheld: "small-group" (fewer than minGroupSize respondents); on the pooled
   * rows "pool-below-k" (the hidden teams in it stay below k) or "pool-withheld-below-k" (no pool offered).
   */
  reason: string | null;
  earned: number | null;
  best: number | null;
  decisions: number | null;
  percent: number | null;
  proposed: string | null;
  rating: string | null;
  overridden: boolean;
};

export const RESULT_COLUMNS = ["team", "team_id", "capability", "capability_id", "sessions", "respondents", "decisions", "earned", "best", "readiness_percent", "proposed_rating", "rating", "overridden", "withheld_reason"] as const;

export function resultsCsv(rows: readonly ResultRow[]): string {
  return toCsv(
    RESULT_COLUMNS,
    rows.map((r): CsvValue[] => [
      r.team, r.teamId, r.capability, r.capabilityId, r.sessions, r.respondents, r.decisions, r.earned, r.best,
      r.percent === null ? null : Math.round(r.percent * 100) / 100, r.proposed, r.rating, r.overridden, r.reason,
    ]),
  );
}

function shown(f: Figures, rating: string | null, overridden: boolean) {
  return { suppressed: false, reason: null, earned: f.earned, best: f.best, decisions: f.decisions, percent: f.percent, proposed: f.proposed, rating, overridden };
}
const WITHHELD = { suppressed: true, reason: "small-group", earned: null, best: null, decisions: null, percent: null, proposed: null, rating: null, overridden: false };

/** The dashboard's heat-map as rows, in the on-screen order, then the pooled view's rows when it has one. */
export async function dashboardResults(db: PrismaClient, scope: ReportScope, filters: TReportFilters, minGroupSize: number, labels: PooledLabels): Promise<ResultRow[]> {
  const map = await heatMap(db, scope, filters, minGroupSize);
  const rows: ResultRow[] = [];
  for (const team of map.teams) {
    for (const cap of map.capabilities) {
      const base = { teamId: team.teamId, team: team.name, capabilityId: cap.id, capability: cap.name, respondents: team.respondents };
      if (team.row.suppressed) {
        rows.push({ ...base, sessions: team.sessions, ...WITHHELD });
        continue;
      }
      const cell = team.row.value.cells[cap.id];
      if (!cell) continue;
      if (cell.suppressed) rows.push({ ...base, respondents: cell.respondents, sessions: team.sessions, ...WITHHELD });
      else rows.push({ ...base, respondents: cell.respondents, sessions: cell.value.sessions, ...shown(cell.value, cell.value.override?.rating ?? cell.value.proposed, !!cell.value.override) });
    }
  }
  return [...rows, ...pooledRows(map.pooled, labels, Math.max(0, ...map.teams.map((t) => t.sessions)))];
}

export type SessionExport = {
  session: { id: string; title: string; status: string; anonymous: boolean; scenario: string; startedAt: Date | null; endedAt: Date | null };
  minGroupSize: number;
  results: ResultRow[];
  teams: Array<{
    name: string;
    respondents: number;
    /** Each decision's votes are shown or withheld by that decision's own respondent count. */
    decisions: Array<{ nodeId: string; visit: number; optionId: string; method: string; points: unknown; bestPoints: unknown; votes: Suppressible<Record<string, number>>; enteredAt: Date; decidedAt: Date }>;
  }>;
};

/** One session's results per team and capability, with its decisions, then the pooled view's rows when it has one. */
export async function sessionResults(db: PrismaClient, sessionId: string, minGroupSize: number, labels: PooledLabels): Promise<SessionExport | null> {
  const s = await db.exerciseSession.findUnique({ where: { id: sessionId }, include: { scenario: { select: { title: true, document: true } } } });
  if (!s) return null;
  const [cells, teams, decisions] = await Promise.all([
    db.$queryRaw<Array<{ sessionTeamId: string; capabilityId: string; earned: number; best: number; decisions: number; respondents: number; rating: string | null }>>`
      select ds.session_team_id as "sessionTeamId", ds.capability_id as "capabilityId", sum(ds.earned)::float8 as earned, sum(ds.best)::float8 as best,
        count(*)::int as decisions,
        -- A cell's figure is as small a group as its smallest decision that anyone voted in.
        coalesce(min(ds.respondents) filter (where ds.respondents > 0), 0)::int as respondents, max(ro.rating) as rating
      from decision_scores ds left join rating_overrides ro on ro.session_team_id = ds.session_team_id and ro.capability_id = ds.capability_id
      where ds.session_id = ${sessionId} group by 1, 2`,
    db.$queryRaw<Array<{ id: string; name: string; teamId: string | null; respondents: number }>>`
      select st.id, st.name, st.team_id as "teamId", coalesce(max(case when jsonb_typeof(d.tally->'total') = 'number' then (d.tally->>'total')::float8::int end), 0)::int as respondents
      from session_teams st left join decisions d on d.session_team_id = st.id where st.session_id = ${sessionId}
      group by st.id, st.name, st.team_id, st.position order by st.position, st.name`,
    db.decision.findMany({ where: { sessionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] }),
  ]);
  const doc = s.scenario.document as { capabilities?: Array<{ id: string; name: string }> };
  const names = new Map((Array.isArray(doc?.capabilities) ? doc.capabilities : []).map((c) => [c.id, c.name]));
  const order = [...names.keys()];
  const rank = (id: string) => (order.indexOf(id) + 1 || 1e9);
  const results: ResultRow[] = [];
  for (const t of teams) {
    for (const c of cells.filter((x) => x.sessionTeamId === t.id).sort((a, b) => rank(a.capabilityId) - rank(b.capabilityId) || a.capabilityId.localeCompare(b.capabilityId))) {
      const base = { teamId: t.teamId, team: t.name, capabilityId: c.capabilityId, capability: names.get(c.capabilityId) ?? c.capabilityId, sessions: 1, respondents: c.respondents };
      const gate = suppressSmallGroup(c.respondents, minGroupSize, null);
      if (gate.suppressed) results.push({ ...base, ...WITHHELD });
      else {
        const f = figures(c.earned, c.best, c.decisions);
        results.push({ ...base, ...shown(f, c.rating ?? f.proposed, c.rating !== null) });
      }
    }
  }
  // The pool by the same rule as the rows above: a team is hidden as a whole below k
  // respondents, a cell by its own count.
  const pooled = pooledView(
    teams.map((t) => ({ id: t.id, withheld: suppressSmallGroup(t.respondents, minGroupSize, null).suppressed, respondents: t.respondents, decisions: cells.filter((c) => c.sessionTeamId === t.id).reduce((n, c) => n + c.decisions, 0) })),
    cells.map((c) => ({ teamId: c.sessionTeamId, capabilityId: c.capabilityId, withheld: suppressSmallGroup(c.respondents, minGroupSize, null).suppressed, respondents: c.respondents, earned: c.earned, best: c.best, decisions: c.decisions })),
    [...new Set(cells.map((c) => c.capabilityId))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((id) => ({ id, name: names.get(id) ?? id })),
    minGroupSize,
  );
  results.push(...pooledRows(pooled, labels, 1));
  return {
    session: { id: s.id, title: s.title, status: s.status, anonymous: s.anonymous, scenario: s.scenario.title, startedAt: s.startedAt, endedAt: s.endedAt },
    minGroupSize,
    results,
    teams: teams.map((t) => ({
      name: t.name,
      respondents: t.respondents,
      decisions: decisions.filter((d) => d.sessionTeamId === t.id).map((d) => {
        const votes = recordedVotes(d.tally);
        return { nodeId: d.nodeId, visit: d.visit, optionId: d.optionId, method: d.method, points: d.points, bestPoints: d.bestPoints, votes: suppressSmallGroup(votes.total, minGroupSize, votes.counts), enteredAt: d.enteredAt, decidedAt: d.decidedAt };
      }),
    })),
  };
}

/** A locked decision's recorded vote counts and how many voted (the tally's total, else the counts' sum). */
function recordedVotes(tally: unknown): { counts: Record<string, number>; total: number } {
  const t = (tally ?? {}) as { counts?: unknown; total?: unknown };
  const counts: Record<string, number> = {};
  if (t.counts && typeof t.counts === "object") for (const [id, n] of Object.entries(t.counts)) if (typeof n === "number") counts[id] = n;
  const sum = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, total: typeof t.total === "number" ? Math.max(t.total, sum) : sum };
}

/** A file name safe in a Content-Disposition header. */
export function exportFileName(stem: string, format: "csv" | "json"): string {
  return `${fileNameStem(stem, "results", 80)}.${format}`;
}


// Training gaps across sessions. Each team's session is analysed once by lib/scoring
// (analyseTrainingGaps needs the scenario document and replays the team's path) and stored in
// gap_analyses/gap_topics; rankings across teams and sessions then aggregate in SQL.
// A new decision deletes the team's stored analysis and queues the team session (triggers), so
// it is redone when next read. The unscoped views read rollups (lib/reports/gaps-rollup.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario, type TScenario } from "@/lib/scenario";
import { analyseTrainingGaps, persistentGaps, ZRecordedDecision, type GapSession, type PersistentGap } from "@/lib/scoring";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { TReportFilters } from "./filters";
import type { ReportScope } from "./scope";
import { scopedTeams, sessionConditions } from "./sql";
import type { RowSource } from "./rollup";
import { gapSource, latestFromRollup, latestFromSessions, rollupGapRanking, rollupTeamIds, WEAK_SET_MAX } from "./gaps-rollup";

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

const BATCH = 500;

/**
 * Analyses every covered team session that has decisions but no stored analysis. Returns
 * how many were analysed. Only ended sessions are covered, so no decision arrives meanwhile.
 */
export async function refreshGapAnalyses(db: Db, scope: ReportScope, filters: TReportFilters): Promise<number> {
  let done = 0;
  const scenarios = new Map<string, TScenario | null>();
  for (;;) {
    // The queue holds every team session whose decisions changed since its analysis (kept by
    // triggers), so this reads a few rows rather than every covered team session.
    const stale = await db.$queryRaw<Array<{ sessionTeamId: string; scenarioId: string }>>`
      select q.session_team_id as "sessionTeamId", s.scenario_id as "scenarioId"
      from gap_analysis_queue q
      join session_teams st on st.id = q.session_team_id
      join exercise_sessions s on s.id = st.session_id
      join scenarios sc on sc.id = s.scenario_id
      where st.team_id is not null ${filters.team.length ? Prisma.sql`and st.team_id in (${Prisma.join([...filters.team])})` : Prisma.empty}
        and ${sessionConditions(scope, filters, undefined, { typedStatus: true })}
        and not exists (select 1 from gap_analyses ga where ga.session_team_id = q.session_team_id)
        and exists (select 1 from decisions d where d.session_team_id = q.session_team_id)
      limit ${BATCH}`;
    if (!stale.length) return done;
    const missing = [...new Set(stale.map((s) => s.scenarioId))].filter((id) => !scenarios.has(id));
    if (missing.length) {
      const docs = await db.$queryRaw<Array<{ id: string; document: unknown }>>`select id, document from scenarios where id in (${Prisma.join(missing)})`;
      for (const d of docs) {
        const parsed = ZScenario.safeParse(d.document);
        scenarios.set(d.id, parsed.success ? parsed.data : null);
      }
    }
    const rows = await db.$queryRaw<Array<{ sessionTeamId: string; nodeId: string; visit: number; optionId: string; points: unknown; bestPoints: unknown; enteredAt: Date; decidedAt: Date }>>`
      select session_team_id as "sessionTeamId", node_id as "nodeId", visit, option_id as "optionId", points, best_points as "bestPoints", entered_at as "enteredAt", decided_at as "decidedAt"
      from decisions where session_team_id in (${Prisma.join(stale.map((s) => s.sessionTeamId))})`;
    const byTeam = new Map<string, typeof rows>();
    for (const r of rows) byTeam.set(r.sessionTeamId, [...(byTeam.get(r.sessionTeamId) ?? []), r]);

    const analyses: Prisma.Sql[] = [];
    const topics: Prisma.Sql[] = [];
    for (const { sessionTeamId, scenarioId } of stale) {
      const records = (byTeam.get(sessionTeamId) ?? []).flatMap((r) => {
        const p = ZRecordedDecision.safeParse(r);
        return p.success ? [p.data] : [];
      });
      const scenario = scenarios.get(scenarioId);
      // A scenario document that no longer parses cannot be analysed; it is stored as empty so it is not retried forever.
      const report = scenario ? analyseTrainingGaps(scenario, records) : null;
      analyses.push(Prisma.sql`(${sessionTeamId}, ${records.length}, ${report?.totalLost ?? 0})`);
      if (!report) continue;
      const titles = new Map(scenario!.training.map((t) => [t.id, t.title]));
      const weak = new Set(report.gaps.map((g) => g.trainingId));
      for (const g of report.gaps) topics.push(Prisma.sql`(${sessionTeamId}, ${g.trainingId}, ${g.title}, ${g.occurrences}, ${g.totalCost}, true)`);
      for (const id of report.assessedTopics) if (!weak.has(id)) topics.push(Prisma.sql`(${sessionTeamId}, ${id}, ${titles.get(id) ?? id}, 0, 0, true)`);
    }
    await db.$executeRaw`insert into gap_analyses (session_team_id, decisions, total_lost, analysed_at) select v.a, v.b::int, v.c::float8, now()
      from (values ${Prisma.join(analyses)}) as v(a, b, c) on conflict (session_team_id) do nothing`;
    for (let i = 0; i < topics.length; i += 1000) {
      await db.$executeRaw`insert into gap_topics (session_team_id, training_id, title, occurrences, cost, assessed)
        select v.a, v.b, v.c, v.d::int, v.e::float8, v.f from (values ${Prisma.join(topics.slice(i, i + 1000))}) as v(a, b, c, d, e, f)
        on conflict (session_team_id, training_id) do nothing`;
    }
    done += stale.length;
  }
}

export type GapRank = { trainingId: string; title: string; occurrences: number; cost: number; sessions: number; teams: number };

/**
 * Topics missed across the covered sessions: most occurrences first, then cost, then id.
 * `teamIds` narrows to those teams (callers pass the teams not withheld as small groups).
 */
export async function gapRanking(db: Db, scope: ReportScope, filters: TReportFilters, opts: { teamIds?: readonly string[]; limit?: number; source?: RowSource } = {}): Promise<GapRank[]> {
  if (opts.teamIds && opts.teamIds.length === 0) return [];
  const limit = opts.limit ?? 20;
  if (gapSource(scope, filters, opts.source) === "rollup") {
    // teamIds naming every team with sessions in the filters is the same as no teamIds; leaving
    // out a few of them (small groups) subtracts the sessions only they were weak in.
    const wanted = opts.teamIds ? new Set(opts.teamIds) : null;
    const leftOut = wanted ? (await rollupTeamIds(db, filters)).filter((id) => !wanted.has(id)) : [];
    if (leftOut.length <= WEAK_SET_MAX) return rollupGapRanking(db, filters, limit, leftOut);
  }
  return db.$queryRaw<GapRank[]>`
    with ${scopedTeams(scope, filters, opts.teamIds ? { teamIds: opts.teamIds } : {})}
    select gt.training_id as "trainingId", max(gt.title) as title, sum(gt.occurrences)::int as occurrences, sum(gt.cost)::float8 as cost,
      count(distinct scoped.session_id)::int as sessions, count(distinct scoped.team_id)::int as teams
    from scoped join gap_topics gt on gt.session_team_id = scoped.session_team_id
    where gt.occurrences > 0
    group by gt.training_id
    order by occurrences desc, cost desc, gt.training_id
    limit ${limit}`;
}

/** How many of each team's latest sessions the persistent-gap rule looks back over. */
export const PERSISTENCE_WINDOW = 12;

export type TeamPersistentGaps = { teamId: string; name: string; gaps: Suppressible<PersistentGap[]> };

/**
 * Per team, topics weak in consecutive sessions (lib/scoring persistentGaps) over the team's
 * latest PERSISTENCE_WINDOW covered sessions. Suppressed like the team's heat-map row.
 */
export async function persistentTeamGaps(db: Db, scope: ReportScope, filters: TReportFilters, minGroupSize: number, opts: { source?: RowSource } = {}): Promise<TeamPersistentGaps[]> {
  const latest = gapSource(scope, filters, opts.source) === "rollup" ? latestFromRollup(filters, PERSISTENCE_WINDOW) : latestFromSessions(scope, filters, PERSISTENCE_WINDOW);
  const rows = await db.$queryRaw<Array<{ teamId: string; name: string; sessionId: string; sessionTeamId: string; respondents: number; trainingId: string | null; title: string | null; occurrences: number | null; cost: number | null }>>`
    with ${latest}
    select latest.team_id as "teamId", t.name, latest.session_id as "sessionId", latest.session_team_id as "sessionTeamId",
      coalesce(tt.respondents, 0)::int as respondents,
      gt.training_id as "trainingId", gt.title, gt.occurrences, gt.cost
    from latest join teams t on t.id = latest.team_id
    left join session_team_totals tt on tt.session_team_id = latest.session_team_id
    left join gap_topics gt on gt.session_team_id = latest.session_team_id
    order by t.name, t.id, latest.at, latest.session_id, latest.session_team_id, gt.training_id`;
  type History = GapSession & { gaps: GapSession["gaps"][number][]; assessedTopics: string[] };
  const teams = new Map<string, { name: string; respondents: number; sessions: Map<string, History> }>();
  for (const r of rows) {
    const team = teams.get(r.teamId) ?? { name: r.name, respondents: 0, sessions: new Map() };
    teams.set(r.teamId, team);
    team.respondents = Math.max(team.respondents, r.respondents);
    const session = team.sessions.get(r.sessionTeamId) ?? { sessionId: r.sessionId, gaps: [], assessedTopics: [] };
    team.sessions.set(r.sessionTeamId, session);
    if (r.trainingId === null) continue;
    session.assessedTopics.push(r.trainingId);
    if ((r.occurrences ?? 0) > 0) session.gaps.push({ trainingId: r.trainingId, title: r.title ?? r.trainingId, occurrences: r.occurrences!, totalCost: r.cost ?? 0 });
  }
  return [...teams.entries()].map(([teamId, team]) => ({
    teamId,
    name: team.name,
    gaps: suppressSmallGroup(
      team.respondents,
      minGroupSize,
      persistentGaps([...team.sessions.values()]),
    ),
  }));
}

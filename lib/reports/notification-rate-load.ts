// Where the on-time notification rate's clock results come from: the ended sessions every
// dashboard figure covers (lib/reports/sql.ts). `clockOutcomesFromDecisions` judges each covered
// team run's clocks as the after-action report does (lib/reports/aar-clocks.ts): its path replayed
// from its recorded decisions, with the notices it sent (a rejected one does not count) and the
// facilitator's manual clock starts and stops (lib/session/clock-store.ts).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario, type TScenario } from "@/lib/scenario";
import { recordedClocks } from "@/lib/session/clock-store";
import { buildClockSection } from "./aar-clocks";
import type { TReportFilters } from "./filters";
import type { TeamClockOutcome } from "./notification-rate";
import type { ReportScope } from "./scope";
import { scopedTeams } from "./sql";

type Db = Pick<PrismaClient, "$queryRaw">;

type RunRow = { session_team_id: string; team_id: string; team_name: string; at: Date; scenario_id: string; node_id: string | null; respondents: number };

/** Each covered team run of a scenario that declares clocks, with its clocks judged from its decisions and notices. */
export async function clockOutcomesFromDecisions(db: Db, scope: ReportScope, filters: TReportFilters): Promise<TeamClockOutcome[]> {
  const runs = await db.$queryRaw<RunRow[]>`
    with ${scopedTeams(scope, filters)}
    select scoped.session_team_id, scoped.team_id, t.name as team_name, scoped.at, s.scenario_id,
      st.state->>'nodeId' as node_id, coalesce(tt.respondents, 0)::int as respondents
    from scoped
    join teams t on t.id = scoped.team_id
    join session_teams st on st.id = scoped.session_team_id
    join exercise_sessions s on s.id = scoped.session_id
    join scenarios sc on sc.id = s.scenario_id
    left join session_team_totals tt on tt.session_team_id = scoped.session_team_id
    where jsonb_typeof(sc.document->'clocks') = 'array' and jsonb_array_length(sc.document->'clocks') > 0`;
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.session_team_id);
  const [decisions, documents, recorded] = await Promise.all([
    db.$queryRaw<Array<{ sessionTeamId: string; nodeId: string; visit: number; optionId: string; decidedAt: Date }>>`
      select session_team_id as "sessionTeamId", node_id as "nodeId", visit, option_id as "optionId", decided_at as "decidedAt"
      from decisions where session_team_id in (${Prisma.join(ids)})`,
    db.$queryRaw<Array<{ id: string; document: unknown }>>`
      select id, document from scenarios where id in (${Prisma.join([...new Set(runs.map((r) => r.scenario_id))])})`,
    recordedClocks(db, { sessionTeamIds: ids }),
  ]);
  const scenarios = new Map<string, TScenario>(documents.map((d) => [d.id, ZScenario.parse(d.document)]));
  return runs.map((run) => {
    const section = buildClockSection({
      scenario: scenarios.get(run.scenario_id)!,
      teams: [{ id: run.session_team_id, name: run.team_name, currentNodeId: run.node_id }],
      decisions: decisions.filter((d) => d.sessionTeamId === run.session_team_id),
      notices: recorded.notices.filter((n) => n.sessionTeamId === run.session_team_id),
      manual: recorded.manual.filter((m) => m.sessionTeamId === run.session_team_id),
      withheld: new Set(),
    });
    return { teamId: run.team_id, teamName: run.team_name, at: run.at, respondents: run.respondents, timeliness: section?.teams[0]?.clocks.map((c) => c.timeliness) ?? [] };
  });
}

// What the dashboard's filter controls offer: scenarios and organisation teams of the sessions
// in scope, and how many sessions ended or were aborted. Each list is a semi-join from the
// few scenarios and teams, so it stays quick however many sessions there are.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { OVER_STATUSES } from "@/lib/session/lifecycle";
import type { ReportScope } from "./scope";
import { sessionConditions } from "./sql";

type Db = Pick<PrismaClient, "$queryRaw">;

export type FilterOptions = { scenarios: Array<{ slug: string; title: string }>; teams: Array<{ id: string; name: string }>; sessions: number; aborted: number };

/** What the filter controls offer: scenarios and teams of the sessions in scope. */
export async function filterOptions(db: Db, scope: ReportScope): Promise<FilterOptions> {
  const none = { team: [], bucket: "month" as const, mode: "all" as const };
  const [scenarios, teams, counts] = await Promise.all([
    db.$queryRaw<Array<{ slug: string; title: string }>>`
      select distinct on (sc0.slug) sc0.slug, sc0.title from scenarios sc0
      where exists (select 1 from exercise_sessions s join scenarios sc on sc.id = s.scenario_id
        where s.scenario_id = sc0.id and ${sessionConditions(scope, none, OVER_STATUSES)})
      order by sc0.slug, sc0.created_at desc`,
    db.$queryRaw<Array<{ id: string; name: string }>>`
      select t.id, t.name from teams t
      where exists (select 1 from session_teams st join exercise_sessions s on s.id = st.session_id join scenarios sc on sc.id = s.scenario_id
        where st.team_id = t.id and ${sessionConditions(scope, none, OVER_STATUSES)})
      order by t.name`,
    db.$queryRaw<Array<{ sessions: number; aborted: number }>>`
      select count(*) filter (where s.status = 'ENDED')::int as sessions, count(*) filter (where s.status = 'ABORTED')::int as aborted
      from exercise_sessions s join scenarios sc on sc.id = s.scenario_id where ${sessionConditions(scope, none, OVER_STATUSES)}`,
  ]);
  return { scenarios: scenarios.sort((a, b) => a.title.localeCompare(b.title)), teams, sessions: counts[0]?.sessions ?? 0, aborted: counts[0]?.aborted ?? 0 };
}

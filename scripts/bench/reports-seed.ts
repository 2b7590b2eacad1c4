// Seeds report data in bulk with SQL: ended sessions of one scenario, organisation teams in
// every session, and locked decisions whose points and best points come from the scenario's
// real options (a deterministic pseudo-random choice per team and decision). Used by
// `npm run bench:reports` and by the report tests.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario, type TScenario } from "@/lib/scenario";

export type ReportSeedOptions = {
  /** A tag that keeps ids unique when one database is seeded several times. */
  tag: string;
  sessions: number;
  teams: number;
  decisionsPerTeam: number;
  /** First session's start; one session per `spacingHours` after it. */
  start: Date;
  spacingHours?: number;
  scenarioFile?: string;
  facilitatorId?: string | null;
  /** Every n-th session is ABORTED instead of ENDED (0: none). */
  abortEvery?: number;
  /**
   * Most voters per decision for the last team: below the suppression threshold it is a
   * small group. Other teams have 3–7 voters.
   */
  smallTeamVoters?: number;
  /** Adds a team that takes part but never votes (every decision by the facilitator). */
  silentTeam?: boolean;
  /**
   * Loads with triggers off in one transaction, then rebuilds the report aggregates in a few
   * set-based statements (readyroom_rebuild_report_aggregates). For large benchmark loads:
   * the per-decision triggers would take most of an hour at 2,000,000 decisions. It rebuilds
   * the aggregates of the whole database, so use it on a fresh one.
   */
  bulk?: boolean;
};

export type ReportSeed = { scenarioId: string; slug: string; sessionIds: string[]; teamIds: string[]; teamNames: string[]; scenario: TScenario };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function bestPoints(scenario: TScenario, nodeId: string): Record<string, number> {
  const node = scenario.nodes.find((n) => n.id === nodeId);
  if (!node || node.type !== "decision") return {};
  const best: Record<string, number> = {};
  const choices = [...node.options.map((o) => o.score ?? {}), ...(node.onTimeout ? [node.onTimeout.score ?? {}] : [])];
  const keys = new Set(choices.flatMap((c) => Object.keys(c)));
  for (const k of keys) best[k] = Math.max(...choices.map((c) => c[k] ?? 0));
  return best;
}

type Sql = Pick<PrismaClient, "$executeRaw" | "$queryRaw">;

export async function seedReports(db: PrismaClient, opts: ReportSeedOptions): Promise<ReportSeed> {
  if (!opts.bulk) return insertReportRows(db, opts);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`set local session_replication_role = replica`;
    const seed = await insertReportRows(tx, opts);
    await tx.$executeRaw`select readyroom_rebuild_report_aggregates()`;
    return seed;
  }, { timeout: 4 * 3_600_000, maxWait: 60_000 });
}

async function insertReportRows(db: Sql, opts: ReportSeedOptions): Promise<ReportSeed> {
  const file = opts.scenarioFile ?? path.join(ROOT, "scenarios/ransomware-survey-platform.json");
  const scenario = ZScenario.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const tag = opts.tag;
  const scenarioId = `${tag}-scenario`;
  // A real SHA-256 (evidence packs check its form); the tag keeps (slug, hash) unique per seeding.
  const contentHash = crypto.createHash("sha256").update(`${tag}\n${JSON.stringify(scenario)}`).digest("hex");
  await db.$executeRaw`insert into scenarios (id, slug, title, locale, content_hash, document, source, created_at)
    values (${scenarioId}, ${scenario.id}, ${scenario.title}, ${scenario.locale ?? "en"}, ${contentHash}, ${JSON.stringify(scenario)}::jsonb, 'library', now())`;

  const teamNames = Array.from({ length: opts.teams }, (_, i) => `${tag} Team ${String(i + 1).padStart(2, "0")}`);
  if (opts.silentTeam) teamNames.push(`${tag} Silent team`);
  const teamIds = teamNames.map((_, i) => `${tag}-t${i + 1}`);
  await db.$executeRaw`insert into teams (id, name, created_at) values ${Prisma.join(teamIds.map((id, i) => Prisma.sql`(${id}, ${teamNames[i]}, now())`))}`;

  const spacing = (opts.spacingHours ?? 24) * 3_600_000;
  const abortEvery = opts.abortEvery ?? 0;
  // With the triggers on, sessions run while their decisions are recorded and end afterwards, as
  // a live session does: a decision of a running session costs the rollup one lookup, and the
  // end refreshes each team's keys once (a decision recorded into an ended session refreshes
  // its team's day, week and month for every capability it scores).
  await db.$executeRaw`insert into exercise_sessions (id, title, scenario_id, facilitator_id, join_code, status, anonymous, self_assign, locale, created_at, started_at, ended_at)
    select ${tag} || '-s' || i, 'Drill ' || i, ${scenarioId}, ${opts.facilitatorId ?? null},
      ${tag} || 'J' || i,
      (case when ${!opts.bulk} then 'RUNNING' when ${abortEvery}::int > 0 and i % ${abortEvery}::int = 0 then 'ABORTED' else 'ENDED' end)::"SessionStatus",
      i % 2 = 0, true, 'en',
      ${opts.start}::timestamp + (i - 1) * ${spacing}::bigint * interval '1 millisecond',
      ${opts.start}::timestamp + (i - 1) * ${spacing}::bigint * interval '1 millisecond',
      case when ${!opts.bulk} then null else ${opts.start}::timestamp + ((i - 1) * ${spacing}::bigint + 3600000) * interval '1 millisecond' end
    from generate_series(1, ${opts.sessions}::int) as i`;
  await db.$executeRaw`insert into session_teams (id, session_id, team_id, name, position, revision)
    select s.id || '-' || t.id, s.id, t.id, t.name, t.pos::int, 0
    from exercise_sessions s cross join (values ${Prisma.join(teamIds.map((id, i) => Prisma.sql`(${id}, ${teamNames[i]}, ${i}::int)`))}) as t(id, name, pos)
    where s.scenario_id = ${scenarioId}`;

  // The choice catalogue: every option and the timeout of every decision node.
  const decisionNodes = scenario.nodes.filter((n) => n.type === "decision");
  const choices = decisionNodes.flatMap((node, n) => {
    const best = JSON.stringify(bestPoints(scenario, node.id));
    const list = [...node.options.map((o) => ({ id: o.id, score: o.score ?? {} })), ...(node.onTimeout ? [{ id: "@timeout", score: node.onTimeout.score ?? {} }] : [])];
    const totals = list.map((c) => Object.values(c.score).reduce((a, b) => a + b, 0));
    const bestK = totals.indexOf(Math.max(...totals));
    return list.map((c, k) => Prisma.sql`(${n}::int, ${k}::int, ${list.length}::int, ${bestK}::int, ${node.id}, ${c.id}, ${JSON.stringify(c.score)}::jsonb, ${best}::jsonb)`);
  });
  const small = opts.smallTeamVoters ?? 2;
  const lastVotingTeam = teamIds[opts.teams - 1];
  const silent = opts.silentTeam ? teamIds[teamIds.length - 1] : null;
  const nodes = decisionNodes.length;
  await db.$executeRaw`
    with catalogue (n, k, options, best_k, node_id, option_id, points, best) as (values ${Prisma.join(choices)}),
    slots as (
      select st.id as session_team_id, st.session_id, st.team_id, s.started_at, g.j,
        (g.j - 1) % ${nodes}::int as n, (g.j - 1) / ${nodes}::int + 1 as visit,
        (hashtext(st.id || ':' || g.j)::bigint & 2147483647) as h,
        -- Teams differ in skill (the chance of taking the best option) and improve over time.
        least(90, 20 + 15 * st.position + floor(20 * extract(epoch from s.started_at - ${opts.start}::timestamp) / ${Math.max(1, opts.sessions * spacing / 1000)}::float8)) as skill
      from session_teams st join exercise_sessions s on s.id = st.session_id
      cross join generate_series(1, ${opts.decisionsPerTeam}::int) as g(j)
      where s.scenario_id = ${scenarioId}
    )
    insert into decisions (id, session_id, session_team_id, node_id, visit, option_id, method, tally, points, best_points, entered_at, decided_at)
    select slots.session_team_id || '-d' || slots.j, slots.session_id, slots.session_team_id, c.node_id, slots.visit, c.option_id,
      case when slots.team_id = ${silent} then 'facilitator' when c.option_id = '@timeout' then 'timeout' else 'majority' end,
      case when slots.team_id = ${silent} then '{"counts":{},"counted":0,"total":0}'::jsonb
        else jsonb_build_object('counts', jsonb_build_object(c.option_id, v.voters), 'counted', v.voters, 'total', v.voters) end,
      c.points, c.best,
      slots.started_at + (slots.j * 4) * interval '1 minute',
      slots.started_at + (slots.j * 4 + 2) * interval '1 minute'
    from slots
    join catalogue c on c.n = slots.n and c.k = case when (slots.h / 7) % 100 < slots.skill then c.best_k else slots.h % c.options end
    cross join lateral (select case when slots.team_id = ${lastVotingTeam} then 1 + slots.h % ${small}::int else 3 + slots.h % 5 end as voters) v`;
  if (!opts.bulk) {
    await db.$executeRaw`update exercise_sessions set
        status = (case when ${abortEvery}::int > 0 and substring(id from '[0-9]+$')::int % ${abortEvery}::int = 0 then 'ABORTED' else 'ENDED' end)::"SessionStatus",
        ended_at = started_at + interval '1 hour'
      where scenario_id = ${scenarioId}`;
  }
  const sessionIds = (await db.$queryRaw<Array<{ id: string }>>`select id from exercise_sessions where scenario_id = ${scenarioId} order by started_at`).map((r) => r.id);
  return { scenarioId, slug: scenario.id, sessionIds, teamIds, teamNames, scenario };
}

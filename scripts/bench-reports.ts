// `npm run bench:reports [-- --database embedded|postgres] [--url URL] [--sessions N] [--teams T]
// [--decisions D] [--runs R] [--seed bulk|triggers] [--json FILE]`: seeds a scratch database with
// ended sessions × teams × decisions (bulk SQL), then times each dashboard query (heat-map,
// trends, gaps, drill-down, with and without filters) over several runs, next to a plain
// count(*) over decisions as the baseline of the same run. The heat-map and trends are timed
// twice, from the rollup (now) and from the per-session tables (before), and their figures are
// compared; so are the drill-down, the gap ranking and persistent gaps (from their own rollups). A tool, not a test: it never fails on a figure. docs/performance.md.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { createDatabaseClient } from "@/lib/db/connect";
import { isDeepStrictEqual } from "node:util";
import { heatMap, trends } from "@/lib/reports/dashboard";
import { cellSessions } from "@/lib/reports/drilldown";
import { filterOptions } from "@/lib/reports/filter-options";
import { gapRanking, persistentTeamGaps, refreshGapAnalyses } from "@/lib/reports/gaps";
import { ZReportFilters, type TReportFilters } from "@/lib/reports/filters";
import type { ReportScope } from "@/lib/reports/scope";
import { openBenchDatabase, reopenBenchDatabase } from "./bench/database";
import { distribution, round } from "./bench/stats";
import { seedReports } from "./bench/reports-seed";

const USAGE = `usage: npm run bench:reports -- [options]

  --database KIND   embedded (default) or postgres (a scratch database, dropped afterwards)
  --url URL         Postgres server for --database postgres (default: $TEST_DATABASE_URL or
                    postgresql://postgres@127.0.0.1:5432/test); loopback only
  --sessions N      ended sessions to seed (default 1000)
  --teams T         teams in every session (default 10)
  --decisions D     locked decisions per team and session (default 20)
  --runs R          timed runs of each query (default 9, after one warm-up)
  --slow-runs S     timed runs of the slow "before" queries (default 3)
  --days D          the days the sessions are spread over, evenly (default 750: at 1,000
                    sessions one every 18 hours, as in the first measurements)
  --seed MODE       bulk (default: triggers off, aggregates rebuilt in set-based SQL) or
                    triggers (every decision through the triggers, as in use; slow)
  --json FILE       also write the figures to FILE
  --keep FILE       keep the seeded, analysed database afterwards and describe it in FILE
                    (Postgres: the scratch database; embedded: its folder)
  --reuse FILE      time the views on a database kept with --keep, without seeding again`;

const int = (name: string, max: number) => z.coerce.number({ error: `--${name} must be a number` }).int().min(1, `--${name} must be at least 1`).max(max, `--${name} must be at most ${max}`);
const ZArgs = z.object({
  database: z.enum(["embedded", "postgres"], { error: "--database must be embedded or postgres" }).default("embedded"),
  url: z.string().optional(),
  sessions: int("sessions", 100_000).default(1000),
  teams: int("teams", 100).default(10),
  decisions: int("decisions", 200).default(20),
  runs: int("runs", 1000).default(9),
  "slow-runs": int("slow-runs", 1000).default(3),
  days: int("days", 36_500).default(750),
  seed: z.enum(["bulk", "triggers"], { error: "--seed must be bulk or triggers" }).default("bulk"),
  json: z.string().optional(),
  keep: z.string().optional(),
  reuse: z.string().optional(),
  help: z.boolean().default(false),
});

/** What --keep writes and --reuse reads: where the seeded database is, and what was seeded. */
const ZKept = z.object({
  database: z.enum(["embedded", "postgres"]),
  location: z.string(),
  sessions: z.number(),
  teams: z.number(),
  decisions: z.number(),
  days: z.number(),
  seed: z.enum(["bulk", "triggers"]),
  seedSeconds: z.number(),
  firstGapAnalysisSeconds: z.number(),
  world: z.object({ slug: z.string(), teamIds: z.array(z.string()) }),
});

function parse() {
  const { values } = parseArgs({
    options: { database: { type: "string" }, url: { type: "string" }, sessions: { type: "string" }, teams: { type: "string" }, decisions: { type: "string" }, runs: { type: "string" }, "slow-runs": { type: "string" }, seed: { type: "string" }, days: { type: "string" }, json: { type: "string" }, keep: { type: "string" }, reuse: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const r = ZArgs.safeParse(values);
  if (!r.success) {
    console.error(`bench:reports: ${r.error.issues[0].message}\n\n${USAGE}`);
    process.exit(2);
  }
  return r.data;
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function main() {
  const args = parse();
  const kept = args.reuse ? ZKept.parse(JSON.parse(fs.readFileSync(args.reuse, "utf8"))) : null;
  if (kept) Object.assign(args, { database: kept.database, sessions: kept.sessions, teams: kept.teams, decisions: kept.decisions, days: kept.days, seed: kept.seed });
  const db = kept ? await reopenBenchDatabase(kept) : await openBenchDatabase(args.database, args.url, "rr-bench-reports-", { keep: !!args.keep });
  const prisma = createDatabaseClient(db.url, { max: 4 });
  try {
    console.log(`bench:reports on ${args.database}: ${kept ? `reusing the database kept in ${args.reuse}` : "seeding"} ${args.sessions} sessions × ${args.teams} teams × ${args.decisions} decisions …`);
    const [seedMs, seed] = kept
      ? [kept.seedSeconds * 1000, kept.world]
      : await time(() => seedReports(prisma, { tag: "bench", sessions: args.sessions, teams: args.teams, decisionsPerTeam: args.decisions, start: new Date("2024-01-01T09:00:00Z"), spacingHours: (args.days * 24) / args.sessions, abortEvery: 50, bulk: args.seed === "bulk" }));
    const counts = (await prisma.$queryRaw<Array<{ decisions: number; scores: number; rollup: number }>>`select (select count(*) from decisions)::int as decisions, (select count(*) from decision_scores)::int as scores, (select count(*) from report_rollup)::int as rollup`)[0];
    console.log(`seeded ${counts.decisions} decisions (${counts.scores} decision_scores rows, ${counts.rollup} rollup rows) in ${round(seedMs / 1000, 1)} s`);
    await prisma.$executeRawUnsafe("analyze");

    const all: ReportScope = { kind: "all" };
    const none = ZReportFilters.parse({});
    const dates = (await prisma.$queryRaw<Array<{ first: Date; last: Date }>>`select min(started_at) as first, max(started_at) as last from exercise_sessions`)[0];
    const mid = new Date((dates.first.getTime() + dates.last.getTime()) / 2);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const filtered: TReportFilters = ZReportFilters.parse({ scenario: seed.slug, team: [seed.teamIds[0], seed.teamIds[1]], from: day(new Date(mid.getTime() - 90 * 86_400_000)), to: day(mid) });

    // Like the bulk seed, the first analysis of every team session runs with triggers off and
    // rebuilds the gap rollups once at the end (--seed triggers keeps them on, as in use).
    const [gapMs, analysed] = kept ? [kept.firstGapAnalysisSeconds * 1000, 0] : await time(() =>
      args.seed === "triggers"
        ? refreshGapAnalyses(prisma, all, none)
        : prisma.$transaction(async (tx) => {
            await tx.$executeRaw`set local session_replication_role = replica`;
            const n = await refreshGapAnalyses(tx, all, none);
            await tx.$executeRaw`select readyroom_gap_rollup_rebuild()`;
            return n;
          }, { timeout: 24 * 3_600_000, maxWait: 60_000 }));
    await prisma.$executeRawUnsafe("analyze");
    if (!kept) console.log(`first gap analysis of ${analysed} team sessions (lib/scoring, stored once): ${round(gapMs / 1000, 1)} s`);
    if (args.keep) {
      const description: z.infer<typeof ZKept> = { database: args.database, location: db.location, sessions: args.sessions, teams: args.teams, decisions: args.decisions, days: args.days, seed: args.seed, seedSeconds: round(seedMs / 1000, 1), firstGapAnalysisSeconds: round(gapMs / 1000, 1), world: { slug: seed.slug, teamIds: seed.teamIds } };
      fs.writeFileSync(args.keep, JSON.stringify(description, null, 2));
      console.log(`kept the database (${db.location}); time it again with --reuse ${args.keep}`);
    }

    const k = 3;
    const before = { source: "sessions" } as const;
    const same: Record<string, boolean> = {};
    for (const [name, f] of [["unfiltered", none], ["filtered", filtered], ["filtered (week)", { ...filtered, bucket: "week" as const }]] as const) {
      same[`heat-map ${name}`] = isDeepStrictEqual(await heatMap(prisma, all, f, k), await heatMap(prisma, all, f, k, before));
      same[`trends ${name}`] = isDeepStrictEqual(await trends(prisma, all, f, k), await trends(prisma, all, f, k, before));
    }
    for (const [name, f] of [["unfiltered", none], ["by scenario and dates", { ...filtered, team: [] }]] as Array<[string, TReportFilters]>) {
      same[`gap ranking ${name}`] = isDeepStrictEqual(await gapRanking(prisma, all, f, { limit: 10 }), await gapRanking(prisma, all, f, { limit: 10, ...before }));
      same[`gap ranking without team 1 ${name}`] = isDeepStrictEqual(await gapRanking(prisma, all, f, { limit: 10, teamIds: seed.teamIds.slice(1) }), await gapRanking(prisma, all, f, { limit: 10, teamIds: seed.teamIds.slice(1), ...before }));
      same[`gap ranking without teams 1-3 ${name}`] = isDeepStrictEqual(await gapRanking(prisma, all, f, { limit: 10, teamIds: seed.teamIds.slice(3) }), await gapRanking(prisma, all, f, { limit: 10, teamIds: seed.teamIds.slice(3), ...before }));
      same[`persistent gaps ${name}`] = isDeepStrictEqual(await persistentTeamGaps(prisma, all, f, k), await persistentTeamGaps(prisma, all, f, k, before));
    }
    const drillCap = "RS";
    for (const [name, f] of [["unfiltered", none], ["filtered", filtered]] as const) {
      same[`drill-down ${name}`] = isDeepStrictEqual(await cellSessions(prisma, all, f, seed.teamIds[0], drillCap, k), await cellSessions(prisma, all, f, seed.teamIds[0], drillCap, k, 50, before));
    }
    console.log(`same figures from the rollup as from the per-session tables: ${Object.entries(same).map(([n, ok]) => `${n} ${ok ? "yes" : "NO"}`).join(", ")}`);
    const queries: Array<[string, () => Promise<unknown>]> = [
      ["baseline: select count(*) from decisions", () => prisma.$queryRaw`select count(*) from decisions`],
      ["heat-map", () => heatMap(prisma, all, none, k)],
      ["heat-map, filtered", () => heatMap(prisma, all, filtered, k)],
      ["before: heat-map, per-session tables", () => heatMap(prisma, all, none, k, before)],
      ["before: heat-map, filtered, per-session tables", () => heatMap(prisma, all, filtered, k, before)],
      ["before: heat-map cells via jsonb_each (no score table)", () => prisma.$queryRaw`
        select st.team_id, c.key, sum(coalesce((d.points->>c.key)::float8, 0)), sum(c.value::text::float8), count(*)
        from exercise_sessions s join session_teams st on st.session_id = s.id join decisions d on d.session_team_id = st.id
        cross join lateral jsonb_each(d.best_points) c
        where s.status = 'ENDED' group by 1, 2`],
      ["trends (month)", () => trends(prisma, all, none, k)],
      ["trends, filtered (week)", () => trends(prisma, all, { ...filtered, bucket: "week" }, k)],
      ["before: trends (month), per-session tables", () => trends(prisma, all, none, k, before)],
      ["before: trends, filtered (week), per-session tables", () => trends(prisma, all, { ...filtered, bucket: "week" }, k, before)],
      ["gaps: stale check + ranking", async () => { await refreshGapAnalyses(prisma, all, none); return gapRanking(prisma, all, none, { limit: 10 }); }],
      ["gaps: ranking, filtered", () => gapRanking(prisma, all, filtered, { limit: 10 })],
      ["gaps: ranking without one team (a small group)", () => gapRanking(prisma, all, none, { limit: 10, teamIds: seed.teamIds.slice(1) })],
      ["gaps: ranking without three teams", () => gapRanking(prisma, all, none, { limit: 10, teamIds: seed.teamIds.slice(3) })],
      ["before: gaps: ranking, per-session tables", () => gapRanking(prisma, all, none, { limit: 10, ...before })],
      ["before: gaps: ranking without one team, per-session tables", () => gapRanking(prisma, all, none, { limit: 10, teamIds: seed.teamIds.slice(1), ...before })],
      ["persistent gaps", () => persistentTeamGaps(prisma, all, none, k)],
      ["persistent gaps, filtered", () => persistentTeamGaps(prisma, all, filtered, k)],
      ["persistent gaps, by scenario and dates", () => persistentTeamGaps(prisma, all, { ...filtered, team: [] }, k)],
      ["before: persistent gaps, per-session tables", () => persistentTeamGaps(prisma, all, none, k, before)],
      ["before: persistent gaps, by scenario and dates, per-session tables", () => persistentTeamGaps(prisma, all, { ...filtered, team: [] }, k, before)],
      ["drill-down: one cell's sessions", () => cellSessions(prisma, all, none, seed.teamIds[0], drillCap, k)],
      ["drill-down, filtered", () => cellSessions(prisma, all, filtered, seed.teamIds[0], drillCap, k)],
      ["before: drill-down, per-session tables", () => cellSessions(prisma, all, none, seed.teamIds[0], drillCap, k, 50, before)],
      ["filter options", () => filterOptions(prisma, all)],
    ];
    const results: Array<{ query: string; p50: number; p95: number; max: number; ratio: number }> = [];
    let baseline = NaN;
    for (const [name, run] of queries) {
      await run();
      const samples: number[] = [];
      const slow = name.startsWith("before:") || name.includes("jsonb_each");
      for (let i = 0; i < (slow ? args["slow-runs"] : args.runs); i++) samples.push((await time(run))[0]);
      const d = distribution(samples);
      if (Number.isNaN(baseline)) baseline = d.p50;
      results.push({ query: name, p50: round(d.p50, 1), p95: round(d.p95, 1), max: round(d.max, 1), ratio: round(d.p50 / baseline, 1) });
    }
    const width = Math.max(...results.map((r) => r.query.length));
    console.log(`\n${"query".padEnd(width)}  p50 ms   p95 ms   × baseline`);
    for (const r of results) console.log(`${r.query.padEnd(width)}  ${String(r.p50).padStart(6)}   ${String(r.p95).padStart(6)}   ${String(r.ratio).padStart(6)}`);
    const report = { database: args.database, sessions: args.sessions, teams: args.teams, decisionsPerTeam: args.decisions, runs: args.runs, days: args.days, decisions: counts.decisions, scoreRows: counts.scores, seed: args.seed, rollupRows: counts.rollup, sameFigures: same, seedSeconds: round(seedMs / 1000, 1), firstGapAnalysisSeconds: round(gapMs / 1000, 1), node: process.version, cpus: os.cpus().length, results };
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2));
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

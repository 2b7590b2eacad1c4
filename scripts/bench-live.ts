// `npm run bench:live -- --participants N [--json FILE] [--database embedded|postgres] [--workers K]`:
// the live-session benchmark against the built app, with a bare socket.io server and raw
// `pg` inserts as baselines in the same run. A tool, not a test: it exits 1 only when the
// run was wrong (someone not joined, a team:state not delivered, a vote lost or doubled),
// never because a target was missed. docs/performance.md explains the figures.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureBuilt } from "./lib/build.mjs";
import { runLiveBenchmark } from "./bench/run";
import { DEFAULT_OPTIONS } from "./bench/live-types";
import { formatReport } from "./bench/report";

const USAGE = `usage: npm run bench:live -- --participants N [options]

  --participants N          participants in the one session (required)
  --json FILE               also write every figure to FILE as JSON
  --database KIND           embedded (default) or postgres
  --postgres-url URL        Postgres server for a scratch database (default: $BENCH_DATABASE_URL,
                            $TEST_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/test); loopback only
  --workers K               client worker processes (default ${DEFAULT_OPTIONS.workers})
  --teams T                 teams the participants are spread over (default ${DEFAULT_OPTIONS.teams})
  --revote                  every participant changes its vote once after voting
  --watchers N              staff pages watching the session: the facilitator's console, then
                            present screens and consoles in turn (default ${DEFAULT_OPTIONS.watchers}: one console, one present)
  --no-console              no console watching the session (the same as --watchers 0)
  --connect-concurrency C   clients connecting at the same time (default ${DEFAULT_OPTIONS.connectConcurrency})
  --budget-seconds S        stop waiting after S seconds in all (default ${DEFAULT_OPTIONS.budgetMs / 1000})
  --cpu-profile DIR         write CPU profiles of the app server's phases to DIR (slows it down)
  --server-log FILE         write the app server's output to FILE after the run
  --no-build                use dist/server.js as it is instead of rebuilding changed sources`;

const positiveInt = (name: string, max: number) =>
  z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be a whole number`).min(1, `--${name} must be at least 1`).max(max, `--${name} must be at most ${max}`);

const ZArgs = z.object({
  participants: positiveInt("participants", 20_000),
  json: z.string().optional(),
  database: z.enum(["embedded", "postgres"], { error: "--database must be embedded or postgres" }).default("embedded"),
  "postgres-url": z.string().optional(),
  workers: positiveInt("workers", 32).default(DEFAULT_OPTIONS.workers),
  teams: positiveInt("teams", 50).default(DEFAULT_OPTIONS.teams),
  revote: z.boolean().default(false),
  watchers: z.coerce.number({ error: "--watchers must be a number" }).int("--watchers must be a whole number").min(0, "--watchers must be at least 0").max(50, "--watchers must be at most 50").default(DEFAULT_OPTIONS.watchers),
  "no-console": z.boolean().default(false),
  "connect-concurrency": positiveInt("connect-concurrency", 5000).default(DEFAULT_OPTIONS.connectConcurrency),
  "budget-seconds": positiveInt("budget-seconds", 3600).default(DEFAULT_OPTIONS.budgetMs / 1000),
  "server-log": z.string().optional(),
  "cpu-profile": z.string().optional(),
  "no-build": z.boolean().default(false),
  help: z.boolean().default(false),
});

function parse() {
  const { values } = parseArgs({
    options: {
      participants: { type: "string" },
      json: { type: "string" },
      database: { type: "string" },
      "postgres-url": { type: "string" },
      workers: { type: "string" },
      teams: { type: "string" },
      revote: { type: "boolean" },
      watchers: { type: "string" },
      "no-console": { type: "boolean" },
      "connect-concurrency": { type: "string" },
      "budget-seconds": { type: "string" },
      "server-log": { type: "string" },
      "cpu-profile": { type: "string" },
      "no-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.path[0] === "participants" && values.participants === undefined ? "--participants is required" : issue.message;
    console.error(`bench:live: ${message}\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed.data;
}

async function main() {
  let args;
  try {
    args = parse();
  } catch (e) {
    console.error(`bench:live: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!args["no-build"]) ensureBuilt();
  const result = await runLiveBenchmark({
    participants: args.participants,
    database: args.database,
    ...(args["postgres-url"] ? { postgresUrl: args["postgres-url"] } : {}),
    workers: args.workers,
    teams: args.teams,
    revote: args.revote,
    watchers: args["no-console"] ? 0 : args.watchers,
    connectConcurrency: args["connect-concurrency"],
    budgetMs: args["budget-seconds"] * 1000,
    serverLog: args["server-log"],
    profileDir: args["cpu-profile"],
    log: (line) => console.error(line),
  });
  console.log(formatReport(result));
  if (args.json) {
    fs.writeFileSync(args.json, JSON.stringify(result, null, 2) + "\n");
    console.log(`\nAll figures: ${args.json}`);
  }
  process.exit(result.problems.length ? 1 : 0);
}

void main();

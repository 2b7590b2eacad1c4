// `npm run bench:drill [-- --participants N] [--think-ms MS] [--concurrency C] [--mail] [--json FILE]`:
// N participants (default 10,000) each play a whole 15-decision drill over HTTP as the drill page
// does, against the built app with its embedded database; prints decisions/s, answer latency,
// lost answers (acknowledged vs drill_answers rows), server RSS, and with --mail the invitations
// sent through the outbox to an SMTP server in this process and their duplicates by Message-ID.
// A tool, not a test: it exits 1 only when the run was wrong (an answer lost, someone not
// finished, a mail doubled), never because a target was missed. docs/performance.md, "Drills".
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureBuilt } from "./lib/build.mjs";
import { formatDrillReport, runDrillBenchmark } from "./bench/drill-run";

const USAGE = `usage: npm run bench:drill -- [options]

  --participants N   participants, each with a personal link (default 10000)
  --think-ms MS      think time before each answer, uniform from 0 to MS (default 2000)
  --concurrency C    participants playing at the same time (default 1000)
  --mail             send the invitations through the outbox to an SMTP server in this process
  --budget-seconds S stop starting participants after S seconds (default 3600)
  --json FILE        also write every figure to FILE as JSON
  --no-build         use dist/server.js as it is instead of rebuilding changed sources`;

const int = (name: string, min: number, max: number) =>
  z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be a whole number`).min(min, `--${name} must be at least ${min}`).max(max, `--${name} must be at most ${max}`);

const ZArgs = z.object({
  participants: int("participants", 1, 50_000).default(10_000),
  "think-ms": int("think-ms", 0, 60_000).default(2000),
  concurrency: int("concurrency", 1, 10_000).default(1000),
  mail: z.boolean().default(false),
  "budget-seconds": int("budget-seconds", 10, 24 * 3600).default(3600),
  json: z.string().optional(),
  "no-build": z.boolean().default(false),
  help: z.boolean().default(false),
});

async function main() {
  let args;
  try {
    const { values } = parseArgs({
      options: {
        participants: { type: "string" },
        "think-ms": { type: "string" },
        concurrency: { type: "string" },
        mail: { type: "boolean" },
        "budget-seconds": { type: "string" },
        json: { type: "string" },
        "no-build": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    args = ZArgs.parse(values);
  } catch (e) {
    const message = e instanceof z.ZodError ? e.issues[0].message : (e as Error).message;
    console.error(`bench:drill: ${message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!args["no-build"]) ensureBuilt();
  const result = await runDrillBenchmark({
    participants: args.participants,
    thinkMs: args["think-ms"],
    concurrency: args.concurrency,
    mail: args.mail,
    budgetMs: args["budget-seconds"] * 1000,
    log: (line) => console.error(line),
  });
  console.log(formatDrillReport(result));
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2) + "\n");
  process.exit(result.problems.length ? 1 : 0);
}

void main();

// `npm run bench:evidence [-- --database embedded|postgres] [--url URL] [--sessions N] [--teams T]
// [--decisions D] [--pdfs 0,5,20] [--json FILE]`: seeds a scratch database with one period of N
// ended sessions of a team (scripts/bench/reports-seed.ts) plus its improvement items (with
// status history and comments) and audit rows, then builds the period's evidence pack (the
// library function behind GET /api/evidence) with 0, 5 and 20 AAR PDFs, and runs
// `evidence:verify` on each result: wall time, ZIP size, peak RSS, the load average. Baselines of
// the same run: a count of the period's decisions, and the N AAR loads alone. Finally the PDF
// queue is held full (as by other exports) to check that the pack goes out without those PDFs
// and says which. A tool, not a test: it never fails on a figure. docs/evidence.md.
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { unzipSync } from "fflate";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { signingKeyFromEnv } from "@/lib/audit/signing-key";
import type { SignedInUser } from "@/lib/auth/types";
import { createDatabaseClient } from "@/lib/db/connect";
import { buildPeriodEvidence } from "@/lib/evidence/period";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { actAs } from "@/lib/improvements/history";
import { loadAar } from "@/lib/reports/aar-load";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
import type { RenderGate } from "@/lib/reports/pdf/render-gate";
import { openBenchDatabase } from "./bench/database";
import { round } from "./bench/stats";
import { seedReports } from "./bench/reports-seed";

const USAGE = `usage: npm run bench:evidence -- [options]

  --database KIND   embedded (default) or postgres (a scratch database, dropped afterwards)
  --url URL         Postgres server for --database postgres (default: $TEST_DATABASE_URL or
                    postgresql://postgres@127.0.0.1:5432/test); loopback only
  --sessions N      ended sessions of the team in the period (default 100, the most one pack takes)
  --teams T         teams in every session (default 3; the pack is for the first)
  --decisions D     locked decisions per team and session (default 20)
  --pdfs LIST       AAR PDFs per pack to time, comma-separated (default 0,5,20)
  --json FILE       also write the figures to FILE`;

const ZArgs = z.object({
  database: z.enum(["embedded", "postgres"], { error: "--database must be embedded or postgres" }).default("embedded"),
  url: z.string().optional(),
  sessions: z.coerce.number({ error: "--sessions must be a number" }).int().min(1, "--sessions must be at least 1").max(100, "--sessions must be at most 100 (EVIDENCE_TOO_LARGE above)").default(100),
  teams: z.coerce.number({ error: "--teams must be a number" }).int().min(1).max(20, "--teams must be at most 20").default(3),
  decisions: z.coerce.number({ error: "--decisions must be a number" }).int().min(1).max(200, "--decisions must be at most 200").default(20),
  pdfs: z
    .string()
    .default("0,5,20")
    .transform((s) => s.split(",").map((p) => Number(p.trim())))
    .refine((list) => list.every((n) => Number.isInteger(n) && n >= 0 && n <= 100), "--pdfs must list whole numbers from 0 to 100"),
  json: z.string().optional(),
  help: z.boolean().default(false),
});

function parse() {
  const { values } = parseArgs({
    options: { database: { type: "string" }, url: { type: "string" }, sessions: { type: "string" }, teams: { type: "string" }, decisions: { type: "string" }, pdfs: { type: "string" }, json: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const r = ZArgs.safeParse(values);
  if (!r.success) {
    console.error(`bench:evidence: ${r.error.issues[0].message}\n\n${USAGE}`);
    process.exit(2);
  }
  return r.data;
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");
const mb = (bytes: number) => round(bytes / 1_048_576, 1);

/** Wall time and the peak resident set size while `work` runs (sampled every 20 ms). */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; peakRss: number; result: T }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const start = performance.now();
  try {
    const result = await work();
    return { ms: performance.now() - start, peakRss: Math.max(peakRss, process.memoryUsage.rss()), result };
  } finally {
    clearInterval(sampler);
  }
}

/** `npm run -s evidence:verify FILE` as a child process: its exit code, wall time and peak RSS (GNU time). */
function verify(file: string): { code: number | null; ms: number; peakRssMb: number | null; firstLine: string } {
  const start = performance.now();
  const tsx = ["--import", "tsx", "scripts/evidence-verify.ts", file];
  const timed = fs.existsSync("/usr/bin/time");
  const child = timed ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...tsx], { encoding: "utf8" }) : spawnSync(process.execPath, tsx, { encoding: "utf8" });
  const kb = timed ? Number(child.stderr.trim().split("\n").at(-1)) : NaN;
  return { code: child.status, ms: performance.now() - start, peakRssMb: Number.isFinite(kb) ? round(kb / 1024, 1) : null, firstLine: child.stdout.split("\n")[0] ?? "" };
}

/** A period's worth of ledger and audit data on top of the sessions: what a real team accumulates. */
async function seedLedgerAndAudit(prisma: PrismaClient, admin: SignedInUser, sessionIds: string[], teamId: string, now: Date) {
  const capabilities = ["RS", "DE", "RC", "GV.RR", "RS.CO"];
  let items = 0;
  for (const [i, sessionId] of sessionIds.entries()) {
    await prisma.$transaction(async (tx) => {
      await actAs(tx, admin.id);
      for (let j = 0; j < 2; j++) {
        const due = new Date(now.getTime() + (i % 3 === 0 ? -30 : 60) * 86_400_000);
        const item = await tx.improvementItem.create({
          data: { originSessionId: sessionId, teamId, capabilityId: capabilities[(i + j) % capabilities.length], action: `Improvement ${i + 1}.${j + 1}: rehearse the runbook step`, owner: "Head of IT", dueDate: due, authorId: admin.id },
        });
        items++;
        // Later items move along the ledger: in progress, done, or verified by the next session.
        const later = sessionIds[i + 1];
        if ((i + j) % 4 === 1) await tx.improvementItem.update({ where: { id: item.id }, data: { status: "IN_PROGRESS" } });
        if ((i + j) % 4 === 2) await tx.improvementItem.update({ where: { id: item.id }, data: { status: "DONE", closedAt: now } });
        if ((i + j) % 4 === 3 && later) await tx.improvementItem.update({ where: { id: item.id }, data: { status: "DONE", closedAt: now, verifiedAt: now, verifiedBySessionId: later, verifiedById: admin.id } });
        if (j === 0) await tx.improvementComment.create({ data: { itemId: item.id, authorId: admin.id, text: "Scheduled with the service desk." } });
      }
    });
    // The audit rows a session gathers (views, exports, edits), with unrelated rows between them.
    await audit(prisma, admin, "create", "session", sessionId, { kind: "live" });
    await audit(prisma, admin, "view", "report", sessionId, { report: "aar" });
    await audit(prisma, admin, "export", "report", sessionId, { report: "aar", format: "pdf" });
    await audit(prisma, admin, "modify", "session", sessionId, { fields: ["title"] });
    await audit(prisma, { system: "scheduler" }, "view", "settings", null, {});
    await audit(prisma, admin, "login", "user", admin.id, {});
  }
  return items;
}

async function main() {
  const args = parse();
  const db = await openBenchDatabase(args.database, args.url, "rr-bench-evidence-");
  const prisma = createDatabaseClient(db.url, { max: 4 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rr-bench-evidence-out-"));
  try {
    const now = new Date();
    const start = new Date(now.getTime() - args.sessions * 86_400_000);
    console.log(`bench:evidence on ${args.database} (${os.cpus().length} cpus, load ${load()}): seeding ${args.sessions} sessions × ${args.teams} teams × ${args.decisions} decisions …`);
    const adminRow = await prisma.user.create({ data: { email: "bench-admin@example.com", name: "Bench admin", role: "ADMIN" } });
    const admin: SignedInUser = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: "ADMIN" };
    const seedStart = performance.now();
    const seed = await seedReports(prisma, { tag: "ev", sessions: args.sessions, teams: args.teams, decisionsPerTeam: args.decisions, start, spacingHours: 24, facilitatorId: admin.id, bulk: true });
    const items = await seedLedgerAndAudit(prisma, admin, seed.sessionIds, seed.teamIds[0], now);
    await prisma.$executeRawUnsafe("analyze");
    const auditRows = await prisma.auditLog.count();
    console.log(`seeded ${seed.sessionIds.length} sessions, ${items} improvement items, ${auditRows} audit rows in ${round((performance.now() - seedStart) / 1000, 1)} s`);

    const key = signingKeyFromEnv({ READYROOM_SIGNING_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString() });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const filters = { team: [seed.teamIds[0]], from: day(start), to: day(now) };
    const results: Array<Record<string, unknown>> = [];
    const row = (r: Record<string, unknown>) => {
      results.push({ ...r, load: load() });
      console.log(Object.entries({ ...r, load: load() }).map(([k, v]) => `${k}=${v}`).join("  "));
    };

    // Baselines of the same run.
    const count = await measure(() => prisma.$queryRaw<Array<{ n: number }>>`select count(*)::int as n from decisions d join exercise_sessions s on s.id = d.session_id where s.id in (${Prisma.join(seed.sessionIds)})`);
    row({ case: "baseline: count the period's decisions", ms: round(count.ms), decisions: count.result[0].n });
    const aars = await measure(async () => {
      for (const id of seed.sessionIds) await loadAar(prisma, id, admin, now);
    });
    row({ case: `baseline: ${seed.sessionIds.length} AAR loads alone`, ms: round(aars.ms), peakRssMb: mb(aars.peakRss) });

    for (const pdfs of args.pdfs) {
      process.env.READYROOM_EVIDENCE_PDFS = String(pdfs);
      const built = await measure(() => buildPeriodEvidence(prisma, admin, filters, "en", key, now));
      const file = path.join(tmp, `pack-${pdfs}.zip`);
      fs.writeFileSync(file, built.result.zip);
      const index = JSON.parse(Buffer.from(unzipSync(new Uint8Array(built.result.zip))["index.json"]).toString("utf8"));
      const checked = verify(file);
      row({ case: `pack, ${pdfs} PDFs`, sessions: built.result.manifest.scope.sessionIds.length, pdfsInside: index.pdfs.included, ms: round(built.ms), zipMb: mb(built.result.zip.length), peakRssMb: mb(built.peakRss), verifyMs: round(checked.ms), verifyRssMb: checked.peakRssMb, verifyExit: checked.code });
      if (checked.code !== 0) console.log(`  evidence:verify said: ${checked.firstLine}`);
    }

    // A full PDF queue: other exports hold every place on the renderer while this pack is made.
    process.env.READYROOM_EVIDENCE_PDFS = "5";
    await renderAarPdfOffThread(await loadAar(prisma, seed.sessionIds[0], admin, now), "en", now); // the gate exists after one render
    const gate = (globalThis as unknown as Record<symbol, RenderGate | undefined>)[Symbol.for("readyroom.pdf-gate")];
    const held: Array<{ release(): void }> = [];
    for (let answer = gate?.enter(); answer?.ok; answer = gate?.enter()) held.push(answer.ticket);
    const busy = await measure(() => buildPeriodEvidence(prisma, admin, filters, "en", key, now)).finally(() => held.forEach((t) => t.release()));
    const busyFile = path.join(tmp, "pack-busy.zip");
    fs.writeFileSync(busyFile, busy.result.zip);
    const busyIndex = JSON.parse(Buffer.from(unzipSync(new Uint8Array(busy.result.zip))["index.json"]).toString("utf8"));
    const busyCheck = verify(busyFile);
    row({ case: `pack, 5 PDFs, queue full (${held.length} places held)`, pdfsInside: busyIndex.pdfs.included, leftOutBusy: busyIndex.pdfs.leftOutBusy.length, ms: round(busy.ms), zipMb: mb(busy.result.zip.length), verifyExit: busyCheck.code });
    console.log(`  index.json: ${busyIndex.pdfs.note}`);

    const report = { database: args.database, sessions: args.sessions, teams: args.teams, decisionsPerTeam: args.decisions, items, auditRows, node: process.version, cpus: os.cpus().length, processMaxRssMb: round(process.resourceUsage().maxRSS / 1024, 1), results };
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2));
  } finally {
    await prisma.$disconnect();
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Nothing is sent twice after a crash: a mail worker process (npm run mail:worker) is killed
// with SIGKILL in the middle of sending a queue, a new one takes over after the lease, and the
// SMTP server in this process must hold every message exactly once, counted by Message-ID.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueMails, messageIdFor, type MailRequest } from "@/lib/mail/outbox";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import { startTestSmtp, type TestSmtp } from "../../helpers/smtp";

const N = 150;
const LEASE_MS = 12_000;
let db: Awaited<ReturnType<(typeof DB_TARGETS)[number]["open"]>>;
let prisma: PrismaClient;
let smtp: TestSmtp;
const children: ChildProcess[] = [];

function startWorkerProcess(): { proc: ChildProcess; exited: Promise<unknown>; output: () => string } {
  const proc = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/mail-worker.ts", "--poll-ms", "100"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, SMTP_URL: smtp.url, MAIL_FROM: "Readyroom <drills@rr.test>", MAIL_RATE_PER_SECOND: "40", MAIL_CONCURRENCY: "4", MAIL_LEASE_MS: String(LEASE_MS), MAIL_RETRY_BASE_MS: "200" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  children.push(proc);
  return { proc, exited: new Promise((r) => proc.on("exit", r)), output: () => output };
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  db = await DB_TARGETS[0].open();
  prisma = db.prisma;
  smtp = await startTestSmtp();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await smtp?.close();
  await db?.close();
});

describe("mail worker crash", () => {
  it("delivers every message exactly once across a SIGKILL mid-sending and a restart", { timeout: 300_000 }, async () => {
    const settings = { smtpUrl: smtp.url, from: "Readyroom <drills@rr.test>", domain: "rr.test", ratePerSecond: 40, concurrency: 4, maxAttempts: 8, retryBaseMs: 200, leaseMs: LEASE_MS };
    const requests: MailRequest[] = Array.from({ length: N }, (_, i) => ({
      kind: "drill-invitation",
      to: `p${i}@example.com`,
      locale: i % 2 ? "pl" : "en",
      dedupeKey: `crash:${i}`,
      scope: "drill:crash",
      vars: { drillTitle: "Crash drill", organiser: "Ops", link: `https://rr.example.com/d?t=${i}`, opensAt: "2026-12-03T09:00:00Z", deadline: "2026-12-10T17:00:00Z" },
    }));
    await enqueueMails(prisma, requests, settings);

    const first = startWorkerProcess();
    await until("the first worker to send a third of the queue", () => smtp.received.length >= N / 3, 120_000).catch((e: Error) => {
      throw new Error(`${e.message}; worker output:\n${first.output()}`);
    });
    first.proc.kill("SIGKILL");
    await first.exited;
    const atKill = smtp.received.length;
    const inFlight = await prisma.mailMessage.count({ where: { scope: "drill:crash", status: "SENDING" } });
    // The kill landed while the worker held claimed messages (its lanes claim several at once).
    expect(inFlight, first.output()).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);

    const second = startWorkerProcess();
    await until(
      "every message to reach a final state",
      async () => (await prisma.mailMessage.count({ where: { scope: "drill:crash", status: { in: ["SENT", "UNCONFIRMED"] } } })) === N,
      120_000,
    );
    // Anything sent twice would arrive within moments of its row being final.
    await new Promise((r) => setTimeout(r, 500));
    second.proc.kill("SIGTERM");
    await second.exited;

    const counts = smtp.countsById();
    const twice = [...counts].filter(([, c]) => c > 1);
    expect(twice, `sent twice: ${twice.map(([id]) => id).join(", ")}`).toEqual([]);
    const expected = requests.map((r) => messageIdFor(r.dedupeKey, "rr.test"));
    expect(expected.filter((id) => !counts.has(id)), "never arrived").toEqual([]);
    expect(counts.size).toBe(N);
    // Rows the first worker had handed over when it died are UNCONFIRMED, not sent again;
    // each of them did arrive (the server had the message).
    const unconfirmed = await prisma.mailMessage.findMany({ where: { scope: "drill:crash", status: "UNCONFIRMED" }, select: { messageId: true } });
    expect(unconfirmed.length).toBeLessThanOrEqual(4);
    for (const u of unconfirmed) expect(counts.get(u.messageId)).toBe(1);
  });
});

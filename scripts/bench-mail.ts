// `npm run bench:mail [-- --messages N] [--concurrency C] [--rate R] [--json FILE]`: queues N
// messages (default 10,000) through enqueueMail into a scratch embedded database, sends them
// with the mail worker to an SMTP server in this process (smtp-server), and prints the enqueue
// rate, the send throughput, and how many messages arrived twice or not at all (counted by
// Message-ID at the server). A tool, not a test: it never fails on a figure. docs/performance.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDatabaseClient } from "@/lib/db/connect";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import type { MailSettings } from "@/lib/mail/config";
import { enqueueMails } from "@/lib/mail/outbox";
import { createMailTransport, type MailTransport } from "@/lib/mail/transport";
import { startMailWorker } from "@/lib/mail/worker";
import { startTestSmtp } from "../tests/helpers/smtp";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "8" },
    rate: { type: "string", default: "10000" },
    json: { type: "string" },
  },
});
const N = Number(values.messages);
const concurrency = Number(values.concurrency);
const rate = Number(values.rate);
if (!(N > 0) || !(concurrency > 0) || !(rate > 0)) throw new Error("--messages, --concurrency and --rate must be positive numbers");

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-bench-mail-"));
  const db = await startEmbeddedDatabase(dir);
  const smtp = await startTestSmtp();
  const prisma = createDatabaseClient(db.url);
  try {
    await migrateDatabase(db.url);
    const settings: MailSettings = { smtpUrl: smtp.url, from: "Readyroom <bench@rr.test>", domain: "rr.test", ratePerSecond: rate, concurrency, maxAttempts: 8, retryBaseMs: 1000, leaseMs: 60_000 };
    const vars = { drillTitle: "Benchmark drill", organiser: "Bench", link: "https://rr.example.com/d/x", opensAt: "2026-12-03T09:00:00Z", deadline: "2026-12-10T17:00:00Z" };

    // Queued as a drill would invite its participants: in one call (one statement per thousand).
    const t0 = performance.now();
    const requests = Array.from({ length: N }, (_, i) => ({ kind: "drill-invitation" as const, to: `p${i}@bench.test`, locale: i % 2 ? ("pl" as const) : ("en" as const), dedupeKey: `bench:${i}`, scope: "drill:bench", vars: { ...vars, link: `${vars.link}?t=${i}` } }));
    await enqueueMails(prisma, requests, settings);
    const enqueueMs = performance.now() - t0;
    console.log(`queued ${N} messages in ${round(enqueueMs / 1000)} s (${round(N / (enqueueMs / 1000))} /s)`);

    const t1 = performance.now();
    // Time inside send (rendering excluded; the "handed over" mark included), to tell the SMTP conversation from the rest.
    const smtpTransport = createMailTransport(settings);
    let smtpMs = 0;
    const transport: MailTransport = {
      close: () => smtpTransport.close(),
      send: async (mail, beforeEnd) => {
        const t = performance.now();
        try {
          await smtpTransport.send(mail, beforeEnd);
        } finally {
          smtpMs += performance.now() - t;
        }
      },
    };
    const worker = startMailWorker(prisma, { settings, transport, pollMs: 100 });
    await smtp.waitFor(N, 30 * 60_000);
    const sendMs = performance.now() - t1;
    // Every row recorded as sent (the last records follow the last acceptance by a moment).
    for (;;) {
      const left = await prisma.mailMessage.count({ where: { status: { not: "SENT" } } });
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const recordedMs = performance.now() - t1;
    await worker.stop();

    const counts = smtp.countsById();
    const duplicates = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
    const result = {
      messages: N,
      concurrency,
      ratePerSecond: rate,
      enqueueSeconds: round(enqueueMs / 1000, 2),
      enqueuePerSecond: round(N / (enqueueMs / 1000)),
      sendSeconds: round(sendMs / 1000, 2),
      sentPerSecond: round(N / (sendMs / 1000)),
      allRecordedSentSeconds: round(recordedMs / 1000, 2),
      received: smtp.received.length,
      distinctMessageIds: counts.size,
      duplicates,
      lost: N - counts.size,
      /** Mean time of one SMTP conversation (connections reused), in ms. */
      smtpMsPerMessage: round(smtpMs / N, 2),
      loadAverage: os.loadavg().map((l) => round(l, 1)),
    };
    console.log(`sent ${N} messages in ${result.sendSeconds} s (${result.sentPerSecond} /s, ${concurrency} connections); received ${result.received}, duplicates ${duplicates}, lost ${result.lost}; SMTP ${result.smtpMsPerMessage} ms per message; load ${result.loadAverage.join(" ")}`);
    if (values.json) fs.writeFileSync(values.json, JSON.stringify(result, null, 2));
  } finally {
    await prisma.$disconnect();
    await smtp.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

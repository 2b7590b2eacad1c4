// The mail outbox against a real database and a real SMTP server in the test process:
// what arrives (headers, both parts, links that work, the .ics), dedupe, retries with
// back-off on 4xx, bounces and failures on 5xx, two workers sharing one queue, and mail off.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MailSettings } from "@/lib/mail/config";
import { deliveryCounts, deliveryProblems, enqueueMail, mailStatus, messageIdFor, type MailRequest } from "@/lib/mail/outbox";
import { createMailTransport } from "@/lib/mail/transport";
import { startMailWorker, type MailWorker } from "@/lib/mail/worker";
import { claim, LeaseLostError, outboxMarks } from "@/lib/mail/store";
import { DomainError } from "@/lib/errors/domain-error";
import { DB_TARGETS } from "../../helpers/db";
import { startTestSmtp, type TestSmtp } from "../../helpers/smtp";

let db: Awaited<ReturnType<(typeof DB_TARGETS)[number]["open"]>>;
let prisma: PrismaClient;
let smtp: TestSmtp;
let web: http.Server;
let webUrl = "";
const visited: string[] = [];
const workers: MailWorker[] = [];

function settingsFor(extra: Partial<MailSettings> = {}): MailSettings {
  return { smtpUrl: smtp.url, from: "Readyroom <drills@rr.test>", domain: "rr.test", ratePerSecond: 500, concurrency: 2, maxAttempts: 3, retryBaseMs: 300, leaseMs: 60_000, ...extra };
}

function startWorker(extra: Partial<MailSettings> = {}): MailWorker {
  const settings = settingsFor(extra);
  const w = startMailWorker(prisma, { settings, transport: createMailTransport(settings), pollMs: 50 });
  workers.push(w);
  return w;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function drillVars(title: string) {
  return { drillTitle: title, organiser: "Anna Nowak", link: `${webUrl}/drills/play?token=tok-${encodeURIComponent(title)}&lang=x`, opensAt: "2026-12-03T09:00:00Z", deadline: "2026-12-10T17:00:00Z" };
}

function invitation(to: string, dedupeKey: string, locale: "en" | "pl" = "en", scope = "drill:d1"): MailRequest {
  return { kind: "drill-invitation", to, locale, dedupeKey, scope, vars: drillVars(`Drill for ${to}`) };
}

beforeAll(async () => {
  db = await DB_TARGETS[0].open();
  prisma = db.prisma;
  smtp = await startTestSmtp({
    parse: true,
    refuseRecipient: (a) => (a === "nobody@example.com" ? { code: 550, message: "5.1.1 no such user" } : null),
    refuseData: (to, attempt) => {
      if (to === "retry@example.com" && attempt <= 2) return { code: 451, message: "4.3.0 try again later" };
      if (to === "down@example.com") return { code: 421, message: "4.3.2 service not available" };
      if (to === "spam@example.com") return { code: 554, message: "5.7.1 message rejected" };
      return null;
    },
  });
  web = http.createServer((req, res) => {
    visited.push(req.url ?? "");
    res.end("ok");
  });
  await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
  webUrl = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
});

afterAll(async () => {
  // A worker stuck mid-message must not keep the file from cleaning up.
  await Promise.race([Promise.all(workers.map((w) => w.stop().catch(() => undefined))), new Promise((r) => setTimeout(r, 30_000))]);
  await smtp?.close();
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  await db?.close();
});

describe("mail outbox", () => {
  it("delivers each message in the recipient's language, with both parts, working links and the deadline .ics", async () => {
    const settings = settingsFor();
    const a = await enqueueMail(prisma, invitation("ola@example.com", "t1:ola", "pl"), settings);
    const b = await enqueueMail(prisma, { kind: "drill-reminder", to: "sam@example.com", locale: "en", dedupeKey: "t1:sam", vars: drillVars("Drill for sam@example.com") }, settings);
    expect(a).toMatchObject({ configured: true, duplicate: false });
    expect(b.configured && b.id).toBeTruthy();
    const before = smtp.received.length;
    const worker = startWorker();
    await smtp.waitFor(before + 2);
    await worker.stop();

    const ola = smtp.received.find((m) => m.to === "ola@example.com")!;
    const sam = smtp.received.find((m) => m.to === "sam@example.com")!;
    expect(ola.messageId).toBe(messageIdFor("t1:ola", "rr.test"));
    const p = ola.parsed!;
    expect(p.subject).toBe("Zaproszenie do ćwiczenia „Drill for ola@example.com”");
    expect(p.from?.text).toBe('"Readyroom" <drills@rr.test>');
    expect(p.headers.get("auto-submitted")).toBe("auto-generated");
    expect(sam.parsed!.subject).toBe('Reminder: the drill "Drill for sam@example.com" closes soon');

    // Both parts carry the personal link intact, and it opens.
    const link = drillVars("Drill for ola@example.com").link;
    expect(p.text).toContain(link);
    const href = /href="([^"]+)"/.exec(p.html as string)![1].replace(/&amp;/g, "&");
    expect(href).toBe(link);
    const res = await fetch(href);
    expect(res.status).toBe(200);
    expect(visited).toContain(new URL(link).pathname + new URL(link).search);

    // The deadline as an RFC 5545 calendar.
    const ics = p.attachments.find((x) => x.contentType === "text/calendar")!;
    expect(ics.filename).toBe("deadline.ics");
    const body = ics.content.toString("utf8");
    expect(body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(body).toContain("\r\nDTEND:20261210T170000Z\r\n");
    expect(body.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);

    const rows = await prisma.mailMessage.findMany({ where: { dedupeKey: { in: ["t1:ola", "t1:sam"] } } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["SENT", 1], ["SENT", 1]]);
  });

  it("records a dedupe key once", async () => {
    const settings = settingsFor();
    const first = await enqueueMail(prisma, invitation("once@example.com", "t2:once"), settings);
    const again = await enqueueMail(prisma, invitation("once@example.com", "t2:once"), settings);
    expect(again).toEqual({ configured: true, id: first.id, duplicate: true });
    expect(await prisma.mailMessage.count({ where: { dedupeKey: "t2:once" } })).toBe(1);
  });

  it("retries a 4xx with exponential back-off until the server accepts", async () => {
    await enqueueMail(prisma, invitation("retry@example.com", "t3:retry"), settingsFor());
    const worker = startWorker();
    const row = await until("the retried message to be sent", async () => {
      const r = await prisma.mailMessage.findUnique({ where: { dedupeKey: "t3:retry" } });
      return r?.status === "SENT" ? r : null;
    });
    await worker.stop();
    expect(row.attempts).toBe(3);
    const times = smtp.attempts.get("retry@example.com")!;
    expect(times).toHaveLength(3);
    const [gap1, gap2] = [times[1] - times[0], times[2] - times[1]];
    // base 300 ms, then 600 ms
    expect(gap1).toBeGreaterThanOrEqual(280);
    expect(gap2).toBeGreaterThanOrEqual(580);
    expect(smtp.received.filter((m) => m.to === "retry@example.com")).toHaveLength(1);
  });

  it("records a refused recipient as bounced, another 5xx and exhausted retries as failed, and shows them for the scope", async () => {
    const settings = settingsFor();
    await enqueueMail(prisma, invitation("nobody@example.com", "t4:nobody", "en", "drill:d4"), settings);
    await enqueueMail(prisma, invitation("spam@example.com", "t4:spam", "en", "drill:d4"), settings);
    await enqueueMail(prisma, invitation("down@example.com", "t4:down", "en", "drill:d4"), settings);
    await enqueueMail(prisma, invitation("fine@example.com", "t4:fine", "en", "drill:d4"), settings);
    const worker = startWorker({ retryBaseMs: 100 });
    const problems = await until("three problems", async () => {
      const p = await deliveryProblems(prisma, "drill:d4");
      return p.length === 3 ? p : null;
    });
    await worker.stop();
    const byTo = Object.fromEntries(problems.map((p) => [p.to, p]));
    expect(byTo["nobody@example.com"]).toMatchObject({ status: "BOUNCED", attempts: 1 });
    expect(byTo["nobody@example.com"].reason).toMatch(/^550 .*no such user/);
    expect(byTo["spam@example.com"]).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(byTo["spam@example.com"].reason).toMatch(/^554 .*message rejected/);
    expect(byTo["down@example.com"]).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(byTo["down@example.com"].reason).toMatch(/^gave up after 3 attempts: 421/);
    expect(await deliveryCounts(prisma, "drill:d4")).toEqual({ QUEUED: 0, SENDING: 0, SENT: 1, UNCONFIRMED: 0, FAILED: 2, BOUNCED: 1 });
  });

  it("shares one queue between two workers (two nodes) without sending anything twice", { timeout: 180_000 }, async () => {
    const settings = settingsFor();
    for (let i = 0; i < 60; i++) await enqueueMail(prisma, invitation(`n${i}@example.com`, `t5:${i}`, i % 2 ? "pl" : "en", "drill:d5"), settings);
    const before = smtp.received.length;
    const one = startWorker({ concurrency: 3 });
    const two = startWorker({ concurrency: 3 });
    await smtp.waitFor(before + 60);
    let counts = await deliveryCounts(prisma, "drill:d5");
    await until("all sent", async () => (counts = await deliveryCounts(prisma, "drill:d5")).SENT === 60, 60_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(counts)}`);
    });
    await Promise.all([one.stop(), two.stop()]);
    const ids = smtp.received.slice(before).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toHaveLength(60);
  });

  it("refuses the hand-over to a worker whose lease lapsed and was taken over", async () => {
    // Only this row is due (rows of earlier tests are set aside).
    await prisma.mailMessage.updateMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, data: { status: "FAILED" } });
    await enqueueMail(prisma, invitation("fence@example.com", "t8:fence"), settingsFor());
    const [stale] = await claim(prisma, 1, new Date(), 1);
    expect(stale.dedupe_key).toBe("t8:fence");
    await new Promise((r) => setTimeout(r, 20));
    // The lease has lapsed; another node takes the row (attempt 2).
    const [fresh] = await claim(prisma, 1, new Date(), 60_000);
    expect(fresh.id).toBe(stale.id);
    const marks = outboxMarks(prisma, () => new Date());
    await expect(marks.handedOver(stale)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(marks.handedOver(fresh)).resolves.toBeUndefined();
    expect(await marks.sent(stale)).toBe(false);
    expect(await marks.sent(fresh)).toBe(true);
    expect(await prisma.mailMessage.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("refuses bad input naming the field", async () => {
    const bad = { ...invitation("x@example.com", "t6"), vars: { ...drillVars("x"), deadline: "next friday" } } as MailRequest;
    const e = await enqueueMail(prisma, bad, settingsFor()).catch((err: unknown) => err);
    expect(DomainError.is(e) && e.code).toBe("INVALID_INPUT");
    expect((e as DomainError).path).toBe("/vars/deadline");
    const e2 = await enqueueMail(prisma, { ...invitation("not-an-address", "t6b") }, settingsFor()).catch((err: unknown) => err);
    expect((e2 as DomainError).path).toBe("/to");
  });

  it("records nothing when mail is not configured, and says so", async () => {
    const r = await enqueueMail(prisma, invitation("off@example.com", "t7:off"), null);
    expect(r).toEqual({ configured: false, id: null, duplicate: false });
    expect(await prisma.mailMessage.count({ where: { dedupeKey: "t7:off" } })).toBe(0);
    expect(mailStatus({})).toEqual({ configured: false });
    expect(mailStatus({ SMTP_URL: smtp.url })).toEqual({ configured: true });
  });
});

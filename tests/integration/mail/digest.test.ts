// The weekly digest of overdue improvement items (issue #21): one message per owner per ISO
// week listing only their overdue items, nothing for free-text or deactivated owners, nothing
// without SMTP; and what arrives at a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MailSettings } from "@/lib/mail/config";
import { enqueueOverdueDigests } from "@/lib/improvements/digest";
import { createMailTransport } from "@/lib/mail/transport";
import { startMailWorker } from "@/lib/mail/worker";
import { DB_TARGETS } from "../../helpers/db";
import { createUser } from "../../helpers/app-db";
import { startTestSmtp, type TestSmtp } from "../../helpers/smtp";

let db: Awaited<ReturnType<(typeof DB_TARGETS)[number]["open"]>>;
let prisma: PrismaClient;
let smtp: TestSmtp;
let settings: MailSettings;
const NOW = new Date("2026-12-03T12:00:00Z");
const day = (offset: number) => new Date(Date.UTC(2026, 11, 3 + offset));

beforeAll(async () => {
  db = await DB_TARGETS[0].open();
  prisma = db.prisma;
  smtp = await startTestSmtp({ parse: true });
  settings = { smtpUrl: smtp.url, from: "Readyroom <ledger@rr.test>", domain: "rr.test", ratePerSecond: 100, concurrency: 1, maxAttempts: 3, retryBaseMs: 200, leaseMs: 60_000 };
});

afterAll(async () => {
  await smtp?.close();
  await db?.close();
});

describe("weekly digest of overdue improvement items", () => {
  it("queues one digest per owner per ISO week, with only their overdue items", { timeout: 120_000 }, async () => {
    const owner = await createUser(prisma, "owner@example.com", "FACILITATOR");
    const gone = await createUser(prisma, "gone@example.com", "FACILITATOR");
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const item = (action: string, due: Date | null, extra: object = {}) => prisma.improvementItem.create({ data: { capabilityId: "RS.CO", action, owner: "Owner", dueDate: due, ownerUserId: owner.id, ...extra } });
    const late1 = await item("Update the call tree", day(-10));
    const late2 = await item("Rotate the <on-call> keys", day(-1), { status: "IN_PROGRESS" });
    await item("Due today: not overdue until the day ends", day(0));
    await item("Done already", day(-5), { status: "DONE" });
    await item("Verified already", day(-5), { verifiedAt: day(-1) });
    await item("No due date", null);
    await item("Owned by someone deactivated", day(-3), { ownerUserId: gone.id });
    await item("Owned by a name only", day(-3), { ownerUserId: null });

    expect(await enqueueOverdueDigests(prisma, null, "https://rr.example.com", NOW)).toEqual({ owners: 0, queued: 0, items: 0 });
    expect(await prisma.mailMessage.count()).toBe(0);

    expect(await enqueueOverdueDigests(prisma, settings, "https://rr.example.com/", NOW)).toEqual({ owners: 1, queued: 1, items: 2 });
    // Hourly runs in the same ISO week (2026-W49 ends on Sunday 6 December) queue nothing more.
    expect((await enqueueOverdueDigests(prisma, settings, "https://rr.example.com", new Date("2026-12-06T23:00:00Z"))).queued).toBe(0);
    expect(await prisma.mailMessage.count()).toBe(1);
    const row = await prisma.mailMessage.findFirstOrThrow();
    expect(row).toMatchObject({ kind: "improvement-digest", toAddress: "owner@example.com", dedupeKey: `improvement-digest:${owner.id}:2026-W49`, scope: "improvements" });

    const worker = startMailWorker(prisma, { settings, transport: createMailTransport(settings), pollMs: 50 });
    await smtp.waitFor(1, 60_000);
    await worker.stop();
    const mail = smtp.received[0].parsed!;
    expect(mail.subject).toBe("2 improvement items are overdue");
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("owner@example.com");
    expect(mail.text).toContain(`- Update the call tree (due 2026-11-23)\n  https://rr.example.com/improvements?overdue=1#item-${late1.id}`);
    expect(mail.text).toContain(`- Rotate the <on-call> keys (due 2026-12-02)`);
    expect(mail.html).toContain(`<a href="https://rr.example.com/improvements?overdue=1#item-${late2.id}" style="color:#1d4ed8">Rotate the &lt;on-call&gt; keys</a>`);
    expect(mail.text).not.toContain("Due today");
    expect(mail.attachments).toEqual([]);

    // The next week, a new digest (now with the item that was due on 3 December).
    expect(await enqueueOverdueDigests(prisma, settings, "https://rr.example.com", new Date("2026-12-07T08:00:00Z"))).toEqual({ owners: 1, queued: 1, items: 3 });
  });

  it("writes each owner's digest in their own language: Polish for one who chose it, the default for one who did not", { timeout: 120_000 }, async () => {
    const ola = await createUser(prisma, "ola@example.com", "MANAGER");
    const sam = await createUser(prisma, "sam@example.com", "MANAGER");
    await prisma.user.update({ where: { id: ola.id }, data: { locale: "pl" } });
    await prisma.improvementItem.create({ data: { capabilityId: "RS.CO", action: "Przećwiczyć listę kontaktów", owner: "Ola", dueDate: day(-4), ownerUserId: ola.id } });
    await prisma.improvementItem.create({ data: { capabilityId: "RS.CO", action: "Test the call tree", owner: "Sam", dueDate: day(-4), ownerUserId: sam.id } });
    const before = smtp.received.length;
    await enqueueOverdueDigests(prisma, settings, "https://rr.example.com", NOW);
    const rows = await prisma.mailMessage.findMany({ where: { toAddress: { in: ["ola@example.com", "sam@example.com"] } }, orderBy: { toAddress: "asc" } });
    expect(rows.map((r) => [r.toAddress, r.locale])).toEqual([["ola@example.com", "pl"], ["sam@example.com", "en"]]);

    const worker = startMailWorker(prisma, { settings, transport: createMailTransport(settings), pollMs: 50 });
    // The first test left its next-week digest queued: three messages in all.
    await smtp.waitFor(before + 3, 60_000);
    await worker.stop();
    const received = (address: string) => smtp.received.slice(before).find((m) => m.to === address)!.parsed!;
    expect(received("ola@example.com").subject).toBe("1 działanie doskonalące jest po terminie");
    expect(received("ola@example.com").text).toContain("Dzień dobry, ola,");
    expect(received("sam@example.com").subject).toBe("1 improvement item is overdue");
  });
});

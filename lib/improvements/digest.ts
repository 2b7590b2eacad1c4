// The weekly digest of overdue improvement items (issue #21): each user who owns overdue
// items gets one message a week listing them, queued through the mail outbox with the ISO
// week in its dedupe key, so running this every hour (or on every node) still sends one.
// Owners named only as free text have no address and get nothing; without SMTP_URL nothing
// is queued at all (the ledger page is enough).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MailSettings } from "@/lib/mail/config";
import { enqueueMail } from "@/lib/mail/outbox";
import { userLocale } from "@/lib/users/locale";

/** ISO 8601 week of a date, e.g. "2026-W49" (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export type DigestRun = { owners: number; queued: number; items: number };

/** Queues this week's digest for every owner of overdue items who has none queued yet this week. */
export async function enqueueOverdueDigests(prisma: PrismaClient, settings: MailSettings | null, publicUrl: string, now = new Date()): Promise<DigestRun> {
  if (!settings) return { owners: 0, queued: 0, items: 0 };
  // Overdue as lib/improvements/history.ts#isOverdue: the due day has ended (UTC) and the item is open.
  const dueBy = new Date(now.getTime() - 86_400_000);
  const items = await prisma.improvementItem.findMany({
    where: { status: { in: ["OPEN", "IN_PROGRESS"] }, verifiedAt: null, dueDate: { lte: dueBy }, ownerUserId: { not: null }, ownerUser: { active: true } },
    select: { id: true, action: true, dueDate: true, ownerUser: { select: { id: true, email: true, name: true, locale: true } } },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    take: 10_000,
  });
  const base = publicUrl.replace(/\/$/, "");
  const ledgerLink = `${base}/improvements?overdue=1`;
  const byOwner = new Map<string, { email: string; name: string; locale: ReturnType<typeof userLocale>; items: Array<{ title: string; due: string; link: string }> }>();
  for (const item of items) {
    const owner = item.ownerUser!;
    const entry = byOwner.get(owner.id) ?? { email: owner.email, name: owner.name ?? owner.email, locale: userLocale(owner.locale), items: [] };
    if (entry.items.length < 200) entry.items.push({ title: item.action.slice(0, 500), due: item.dueDate!.toISOString().slice(0, 10), link: `${ledgerLink}#item-${item.id}` });
    byOwner.set(owner.id, entry);
  }
  const week = isoWeek(now);
  let queued = 0;
  for (const [ownerId, entry] of byOwner) {
    const r = await enqueueMail(
      prisma,
      { kind: "improvement-digest", to: entry.email, locale: entry.locale, dedupeKey: `improvement-digest:${ownerId}:${week}`, scope: "improvements", vars: { ownerName: entry.name, ledgerLink, items: entry.items } },
      settings,
    );
    if (!r.duplicate) queued++;
  }
  return { owners: byOwner.size, queued, items: items.length };
}

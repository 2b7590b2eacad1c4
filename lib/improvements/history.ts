// The ledger state of improvement items (OPEN, IN_PROGRESS, DONE, CANCELLED, or VERIFIED
// once a later exercise confirmed the fix) and the history the database keeps of it
// (improvement_status_changes, written by a trigger on every change).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const LEDGER_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "VERIFIED", "CANCELLED"] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export function ledgerStatus(item: { status: string; verifiedAt: Date | null }): LedgerStatus {
  return item.verifiedAt ? "VERIFIED" : (item.status as LedgerStatus);
}

/** Overdue: past its due date (end of that day, UTC) and neither done, verified nor cancelled. */
export function isOverdue(item: { status: string; verifiedAt: Date | null; dueDate: Date | null }, now: Date): boolean {
  const state = ledgerStatus(item);
  if (!item.dueDate || state === "DONE" || state === "VERIFIED" || state === "CANCELLED") return false;
  return item.dueDate.getTime() + 24 * 3600_000 <= now.getTime();
}

export type StatusChange = { from: string | null; to: string; at: string; actorId: string | null; sessionId: string | null };

export async function loadStatusHistory(prisma: PrismaClient, itemIds: string[]): Promise<Map<string, StatusChange[]>> {
  const rows = itemIds.length ? await prisma.improvementStatusChange.findMany({ where: { itemId: { in: itemIds } }, orderBy: { id: "asc" } }) : [];
  const out = new Map<string, StatusChange[]>();
  for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), { from: r.fromStatus, to: r.toStatus, at: r.at.toISOString(), actorId: r.actorId, sessionId: r.sessionId }]);
  return out;
}

/** Names the acting user in the status history the trigger writes for this transaction's changes. */
export async function actAs(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('readyroom.actor_id', ${userId}, true)`;
}

// improvements.json in an evidence pack: improvement items with their ledger state, status
// history (kept by the database, lib/improvements/history.ts) and comments. The session pack
// lists the items of its AAR's plan; the period pack every item of its teams the exporter may see.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { isOverdue, ledgerStatus, loadStatusHistory } from "@/lib/improvements/history";

export type ImprovementRecord = Awaited<ReturnType<typeof improvementRecords>>[number];

/** The items matching `where`, oldest first, each with its history and comments. */
export async function improvementRecords(prisma: PrismaClient, where: Prisma.ImprovementItemWhereInput, now: Date) {
  const rows = await prisma.improvementItem.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { team: { select: { name: true } }, comments: { orderBy: { createdAt: "asc" }, select: { createdAt: true, text: true, authorId: true } } },
  });
  const history = await loadStatusHistory(prisma, rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    capabilityId: row.capabilityId,
    teamId: row.teamId,
    teamName: row.team?.name ?? null,
    action: row.action,
    owner: row.owner,
    dueDate: row.dueDate?.toISOString().slice(0, 10) ?? null,
    originSessionId: row.originSessionId,
    status: ledgerStatus(row),
    overdue: isOverdue(row, now),
    findingId: row.findingId,
    verifiedBySessionId: row.verifiedBySessionId,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    history: history.get(row.id) ?? [],
    comments: row.comments.map((c) => ({ at: c.createdAt.toISOString(), authorId: c.authorId, text: c.text })),
  }));
}

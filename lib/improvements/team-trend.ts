// The ledger trend (trend.ts) for the items a viewer may see, on the dashboard and the ledger
// page alike: the matrix decides which items (visibleItems, the report scope), and the caller
// may narrow it to organisation teams (the dashboard's team filter).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { loadStatusHistory } from "./history";
import { visibleItems } from "./ledger";
import { ledgerTrend, type TeamTrend } from "./trend";

export async function loadTeamTrend(prisma: PrismaClient, viewer: Pick<SignedInUser, "id" | "role">, teamIds: readonly string[], now = new Date()): Promise<TeamTrend[]> {
  const visible = visibleItems(viewer);
  if (!visible) return [];
  const items = await prisma.improvementItem.findMany({
    where: { AND: [visible, teamIds.length ? { teamId: { in: [...teamIds] } } : { teamId: { not: null } }] },
    select: { id: true, dueDate: true, team: { select: { name: true } } },
  });
  const history = await loadStatusHistory(prisma, items.map((i) => i.id));
  return ledgerTrend(items.map((i) => ({ teamName: i.team?.name ?? null, dueDate: i.dueDate?.toISOString().slice(0, 10) ?? null, history: history.get(i.id) ?? [] })), now);
}

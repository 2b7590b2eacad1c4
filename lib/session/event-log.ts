// A session's append-only event log as a download: ids and codes only, no names or answer
// text (the events never hold them), for `GET /api/sessions/:id/events`. Audited as an export.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";

export async function exportSessionEvents(prisma: PrismaClient, actor: AuditActor, sessionId: string, via: string) {
  const events = await prisma.sessionEvent.findMany({ where: { sessionId }, orderBy: { id: "asc" } });
  await audit(prisma, actor, "export", "session", sessionId, { format: "json", events: events.length, via });
  return { sessionId, events: events.map((e) => ({ ...e, id: e.id.toString() })) };
}

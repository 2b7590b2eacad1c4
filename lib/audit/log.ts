// The audit trail: who viewed, exported, changed or deleted sensitive data, and when.
// Rows are only ever inserted; the database refuses UPDATE, DELETE and TRUNCATE. A row
// names the record and the fields that changed, never their values (lib/audit/detail.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/types";
import { sanitizeAuditDetail, type AuditDetail } from "@/lib/audit/detail";

export type AuditAction = "view" | "export" | "create" | "modify" | "delete" | "login";
export type AuditResource = "session" | "responses" | "report" | "scenario" | "user" | "api-token" | "settings" | "audit" | "team";

/** A signed-in user, or a named part of the system (a schedule, the CLI, a participant). */
export type AuditActor = SessionUser | { system: string };

/** Takes a client or a transaction, so a change and its audit row can commit together. */
export async function audit(
  prisma: Pick<PrismaClient, "auditLog">,
  actor: AuditActor,
  action: AuditAction,
  resourceType: AuditResource,
  resourceId: string | null,
  detail?: AuditDetail,
): Promise<void> {
  const isUser = "id" in actor;
  await prisma.auditLog.create({
    data: {
      actorId: isUser ? actor.id : null,
      actorLabel: isUser ? `${actor.email} (${actor.role})` : actor.system,
      action,
      resourceType,
      resourceId,
      detail: sanitizeAuditDetail(detail) as object | undefined,
    },
  });
}

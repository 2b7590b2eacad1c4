// The audit trail: who viewed, exported, changed or deleted sensitive data, and when.
// Rows are only ever inserted; the database refuses UPDATE, DELETE and TRUNCATE. A row
// names the record and the fields that changed, never their values (lib/audit/detail.ts).
// Every row is linked into a hash chain as it is written (lib/audit/chain-store.ts).
import type { SignedInUser } from "@/lib/auth/types";
import { sanitizeAuditDetail, type AuditDetail } from "@/lib/audit/detail";
import { appendAuditRow, type AuditDb } from "@/lib/audit/chain-store";

export type AuditAction = "view" | "export" | "create" | "modify" | "delete" | "login";
export type AuditResource = "session" | "responses" | "report" | "scenario" | "user" | "api-token" | "settings" | "audit" | "team";

/** A signed-in user, or a named part of the system (a schedule, the CLI, a participant). */
export type AuditActor = SignedInUser | { system: string };

/** Takes a client or a transaction, so a change and its audit row can commit together. */
export async function audit(
  prisma: AuditDb,
  actor: AuditActor,
  action: AuditAction,
  resourceType: AuditResource,
  resourceId: string | null,
  detail?: AuditDetail,
): Promise<void> {
  const isUser = "id" in actor;
  await appendAuditRow(prisma, {
    actorId: isUser ? actor.id : null,
    actorLabel: isUser ? `${actor.email} (${actor.role})` : actor.system,
    action,
    resourceType,
    resourceId,
    detail: sanitizeAuditDetail(detail) ?? null,
  });
}

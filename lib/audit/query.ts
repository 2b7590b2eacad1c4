// Reading the audit log: filters (actor, action, resource, time range), pages newest first
// by id, and the CSV export. Reading it is itself recorded by the callers.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { toCsv } from "@/lib/audit/csv";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());
const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, "use a date like 2026-11-29").optional(),
);

/** Filters as they arrive in a query string; empty fields mean "any". */
export const ZAuditFilter = z.strictObject({
  actor: optionalText(200),
  action: optionalText(40),
  resourceType: optionalText(40),
  resourceId: optionalText(200),
  /** Inclusive day (or instant) the range starts. */
  from: optionalDate,
  /** Inclusive day the range ends; a bare date means the whole day. */
  to: optionalDate,
  /** Show rows older than this id (the next page). */
  before: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{1,19}$/, "before must be a row id").optional()),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

function dayEnd(text: string): Date {
  const d = new Date(text);
  return text.length === 10 ? new Date(d.getTime() + 86_400_000 - 1) : d;
}

export function auditWhere(f: TAuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: { contains: f.actor, mode: "insensitive" } }, { actorId: f.actor }] });
  if (f.action) and.push({ action: f.action });
  if (f.resourceType) and.push({ resourceType: f.resourceType });
  if (f.resourceId) and.push({ resourceId: f.resourceId });
  if (f.from) and.push({ at: { gte: new Date(f.from) } });
  if (f.to) and.push({ at: { lte: dayEnd(f.to) } });
  if (f.before) and.push({ id: { lt: BigInt(f.before) } });
  return and.length ? { AND: and } : {};
}

export type AuditRow = { id: string; at: string; actorId: string | null; actorLabel: string; action: string; resourceType: string; resourceId: string | null; detail: unknown };

function toRow(r: { id: bigint; at: Date; actorId: string | null; actorLabel: string; action: string; resourceType: string; resourceId: string | null; detail: unknown }): AuditRow {
  return { id: r.id.toString(), at: r.at.toISOString(), actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, resourceType: r.resourceType, resourceId: r.resourceId, detail: r.detail ?? null };
}

/** One page, newest first; `nextBefore` is the id to pass as `before` for the next page. */
export async function queryAudit(prisma: Pick<PrismaClient, "auditLog">, filter: TAuditFilter, pageSize = AUDIT_PAGE_SIZE) {
  const rows = await prisma.auditLog.findMany({ where: auditWhere(filter), orderBy: { id: "desc" }, take: pageSize + 1 });
  const page = rows.slice(0, pageSize).map(toRow);
  return { rows: page, nextBefore: rows.length > pageSize ? page[page.length - 1].id : null };
}

/** The distinct values the filter's drop-downs offer. */
export async function auditFacets(prisma: Pick<PrismaClient, "auditLog">) {
  const [actions, types] = await Promise.all([
    prisma.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    prisma.auditLog.findMany({ distinct: ["resourceType"], select: { resourceType: true }, orderBy: { resourceType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), resourceTypes: types.map((t) => t.resourceType) };
}

export const AUDIT_CSV_HEADER = ["id", "at", "actor_id", "actor", "action", "resource_type", "resource_id", "detail"] as const;

/** Every matching row (up to AUDIT_EXPORT_MAX_ROWS), oldest first, as CSV. */
export async function exportAuditCsv(prisma: Pick<PrismaClient, "auditLog">, filter: TAuditFilter): Promise<{ csv: string; rows: number }> {
  const rows = await prisma.auditLog.findMany({ where: auditWhere(filter), orderBy: { id: "asc" }, take: AUDIT_EXPORT_MAX_ROWS });
  const csv = toCsv(AUDIT_CSV_HEADER, rows.map((r) => [r.id.toString(), r.at, r.actorId, r.actorLabel, r.action, r.resourceType, r.resourceId, r.detail ?? ""]));
  return { csv, rows: rows.length };
}

// The improvement ledger: every improvement item the viewer may see, across sessions, and the
// changes made from the ledger (status, owner, due date, comments, confirming a verification).
// Who sees an item: whoever may open the report of the session it came from (the matrix's scope
// rules, lib/reports/scope.ts); items of deleted sessions only those who see every report.
// Who changes it: whoever may edit that report. Every change is audited against the item's
// session, without values; the database keeps the status history (lib/improvements/history.ts).
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { canAccessSession } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit/log";
import { changedFields } from "@/lib/audit/detail";
import { loadSessionScope, requireSessionScope } from "@/lib/auth/session-scope";
import { DomainError } from "@/lib/errors/domain-error";
import { CLOSED, ZDueDate, ZOwner } from "@/lib/reports/aar-edit";
import { loadAar } from "@/lib/reports/aar-load";
import { reportScope, scopeWhere } from "@/lib/reports/scope";
import { actAs, isOverdue, ledgerStatus, LEDGER_STATUSES, type LedgerStatus } from "./history";
import { proposeVerifications } from "./verification";

const DELETED_SESSION = { facilitatorId: null, grantedUserIds: [], anonymous: true } as const;

export const ZLedgerFilter = z.strictObject({
  team: z.string().max(64).optional(),
  status: z.enum(LEDGER_STATUSES, { error: `the status is one of ${LEDGER_STATUSES.join(", ")}` }).optional(),
  overdue: z.enum(["1"], { error: "overdue is 1 or absent" }).optional(),
  capability: z.string().max(64).optional(),
});
export type TLedgerFilter = z.infer<typeof ZLedgerFilter>;

export const ZLedgerPatch = z
  .strictObject({
    status: z.enum(["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"], { error: "the status is one of OPEN, IN_PROGRESS, DONE or CANCELLED (VERIFIED is confirmed from a later session's report)" }).optional(),
    owner: ZOwner.optional(),
    /** The signed-in user takes the item over: owner becomes their name. */
    assignToMe: z.literal(true).optional(),
    dueDate: ZDueDate.nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { error: "send at least one field to change" })
  .refine((p) => !(p.owner !== undefined && p.assignToMe), { error: "send either owner or assignToMe, not both", path: ["owner"] });

export const ZComment = z.strictObject({ text: z.string({ error: "the comment is text" }).trim().min(1, { error: "the comment is empty" }).max(2000, { error: "keep the comment under 2000 characters" }) });

export type LedgerRow = {
  id: string;
  action: string;
  capabilityId: string;
  teamId: string | null;
  teamName: string | null;
  owner: string;
  ownedByMe: boolean;
  dueDate: string | null;
  status: LedgerStatus;
  overdue: boolean;
  origin: { sessionId: string; title: string; date: string } | null;
  findingId: string | null;
  verifiedBy: { sessionId: string; title: string; at: string } | null;
  comments: Array<{ id: string; text: string; author: string | null; at: string }>;
  canEdit: boolean;
};

export function visibleItems(viewer: Pick<SignedInUser, "id" | "role">): Prisma.ImprovementItemWhereInput | null {
  const scope = reportScope(viewer);
  if (!scope) return null;
  return scope.kind === "all" ? {} : { originSession: scopeWhere(scope) };
}

export async function listLedger(prisma: PrismaClient, viewer: SignedInUser, filter: TLedgerFilter, now = new Date()): Promise<LedgerRow[]> {
  const visible = visibleItems(viewer);
  if (!visible) return [];
  const status = filter.status;
  const rows = await prisma.improvementItem.findMany({
    where: {
      AND: [
        visible,
        filter.team ? { teamId: filter.team } : {},
        filter.capability ? { capabilityId: filter.capability } : {},
        status === "VERIFIED" ? { verifiedAt: { not: null } } : status ? { status, verifiedAt: null } : {},
        filter.overdue ? { dueDate: { lt: new Date(now.toISOString().slice(0, 10)) }, status: { in: ["OPEN", "IN_PROGRESS"] }, verifiedAt: null } : {},
      ],
    },
    include: {
      team: { select: { name: true } },
      originSession: { select: { id: true, title: true, createdAt: true, facilitatorId: true, anonymous: true, grants: { select: { userId: true } } } },
      verifiedBySession: { select: { id: true, title: true } },
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true, email: true } } } },
    },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 500,
  });
  return rows.map((r) => {
    const s = r.originSession;
    const canEdit = s
      ? canAccessSession(viewer, "reports", "modify", { facilitatorId: s.facilitatorId, grantedUserIds: s.grants.map((g) => g.userId), anonymous: s.anonymous })
      : canAccessSession(viewer, "reports", "modify", DELETED_SESSION);
    return {
      id: r.id,
      action: r.action,
      capabilityId: r.capabilityId,
      teamId: r.teamId,
      teamName: r.team?.name ?? null,
      owner: r.owner,
      ownedByMe: r.ownerUserId === viewer.id,
      dueDate: r.dueDate?.toISOString().slice(0, 10) ?? null,
      status: ledgerStatus(r),
      overdue: isOverdue(r, now),
      origin: s ? { sessionId: s.id, title: s.title, date: s.createdAt.toISOString() } : null,
      findingId: r.findingId,
      verifiedBy: r.verifiedAt && r.verifiedBySession ? { sessionId: r.verifiedBySession.id, title: r.verifiedBySession.title, at: r.verifiedAt.toISOString() } : null,
      comments: r.comments.map((c) => ({ id: c.id, text: c.text, author: c.author ? (c.author.name ?? c.author.email) : null, at: c.createdAt.toISOString() })),
      canEdit,
    };
  });
}

/** `POST /api/improvements/:itemId/verify`: the later session whose report verifies the item. */
export const ZVerify = z.strictObject({ sessionId: z.string({ error: "sessionId names the session whose report verifies the item" }).min(1).max(64) });

/** The item, if the user may see it and change it; names the refusal otherwise. */
async function editableItem(prisma: PrismaClient, user: SignedInUser, itemId: string) {
  const missing = () => new DomainError("NOT_FOUND", `no improvement item ${itemId}; it may have been deleted`);
  const item = await prisma.improvementItem.findUnique({ where: { id: itemId } });
  if (!item) throw missing();
  const scope = item.originSessionId === null ? DELETED_SESSION : await loadSessionScope(item.originSessionId, prisma);
  if (!canAccessSession(user, "reports", "view", scope)) throw missing();
  if (!canAccessSession(user, "reports", "modify", scope)) throw new DomainError("FORBIDDEN", "this item came from a session whose report you may not edit; ask that session's facilitator");
  return item;
}

export async function updateLedgerItem(prisma: PrismaClient, user: SignedInUser, itemId: string, patch: z.infer<typeof ZLedgerPatch>) {
  const before = await editableItem(prisma, user, itemId);
  const owner = patch.assignToMe ? { owner: user.name ?? user.email, ownerUserId: user.id } : patch.owner !== undefined ? { owner: patch.owner, ownerUserId: null } : {};
  const closing = patch.status !== undefined && CLOSED.has(patch.status) && !CLOSED.has(before.status);
  const reopening = patch.status !== undefined && !CLOSED.has(patch.status);
  return prisma.$transaction(async (tx) => {
    await actAs(tx, user.id);
    const saved = await tx.improvementItem.update({
      where: { id: itemId },
      data: {
        ...owner,
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate ? new Date(`${patch.dueDate}T00:00:00Z`) : null } : {}),
        ...(closing ? { closedAt: new Date() } : reopening ? { closedAt: null } : {}),
      },
    });
    const pick = (i: typeof before) => ({ owner: i.owner, ownerUserId: i.ownerUserId, status: ledgerStatus(i), dueDate: i.dueDate?.toISOString().slice(0, 10) ?? null });
    await audit(tx, user, "modify", "report", before.originSessionId, { change: "improvement-item", itemId, fields: changedFields(pick(before), pick(saved)), via: "ledger" });
    return { id: saved.id, status: ledgerStatus(saved) };
  });
}

export async function addLedgerComment(prisma: PrismaClient, user: SignedInUser, itemId: string, text: string) {
  const item = await editableItem(prisma, user, itemId);
  return prisma.$transaction(async (tx) => {
    const saved = await tx.improvementComment.create({ data: { itemId, authorId: user.id, text } });
    await audit(tx, user, "create", "report", item.originSessionId, { change: "improvement-comment", itemId, commentId: saved.id });
    return { id: saved.id };
  });
}

/**
 * Confirms "verified by exercise": the item must still be proposed by `sessionId`'s report as
 * the confirming user sees it, and the user must be allowed to edit that report.
 */
export async function confirmVerification(prisma: PrismaClient, user: SignedInUser, itemId: string, sessionId: string) {
  await requireSessionScope(user, sessionId, "reports", "modify", prisma);
  const report = await loadAar(prisma, sessionId, user);
  const proposal = (await proposeVerifications(prisma, report, user)).find((p) => p.itemId === itemId);
  if (!proposal) throw new DomainError("INVALID_INPUT", "sessionId: this session does not verify that item: it must rate the item's capability P or S for the item's team, after the item was written", "/sessionId");
  return prisma.$transaction(async (tx) => {
    await actAs(tx, user.id);
    const before = await tx.improvementItem.findUniqueOrThrow({ where: { id: itemId } });
    await tx.improvementItem.update({ where: { id: itemId }, data: { verifiedAt: new Date(), verifiedBySessionId: sessionId, verifiedById: user.id } });
    await audit(tx, user, "modify", "report", before.originSessionId, { change: "improvement-verified", itemId, sessionId, capabilityId: proposal.capabilityId });
    return { id: itemId, status: "VERIFIED" as const, sessionId };
  });
}

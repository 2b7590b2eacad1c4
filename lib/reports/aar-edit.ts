// Edits to an after-action report: the facilitator's rating overrides, strengths and areas for
// improvement, and improvement plan items. Input schemas (zod) name the field at fault; every
// change commits together with its audit row. Access is checked by the caller (sessionRoute, lib/http/route.ts).
import { z } from "zod";
import { changedFields } from "@/lib/audit/detail";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";
import type { SignedInUser } from "@/lib/auth/types";
import { ZScenario } from "@/lib/scenario";
import { ZHseepRating, ZPoints, ZRatingOverride, rateReadiness, scoreReadiness } from "@/lib/scoring";
import { canAccessSession, type Action } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import { DomainError } from "@/lib/errors/domain-error";
import { IMPROVEMENT_STATUSES } from "./aar";

export const AAR_LIMITS = { finding: 2000, action: 1000, owner: 120, rationale: 2000, bodyBytes: 16 * 1024 } as const;

const ZId = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, { error: `${what} is required` }).max(64, { error: `${what} is too long` });
const ZTeamRef = ZId("the team");

export const ZOverrideInput = z.strictObject({
  teamId: ZTeamRef,
  capabilityId: ZId("the capability"),
  rating: ZHseepRating,
  rationale: ZRatingOverride.shape.rationale,
});
export const ZOverrideTarget = z.strictObject({ teamId: ZTeamRef, capabilityId: ZId("the capability") });

const ZFindingText = z
  .string({ error: "the text is required" })
  .trim()
  .min(1, { error: "the text is required: describe what the team did well or must improve" })
  .max(AAR_LIMITS.finding, { error: `keep the text under ${AAR_LIMITS.finding} characters` });
export const ZFindingKind = z.enum(["STRENGTH", "AREA_FOR_IMPROVEMENT"], { error: 'the kind is "STRENGTH" or "AREA_FOR_IMPROVEMENT"' });

export const ZFindingCreate = z.strictObject({
  capabilityId: ZId("the capability"),
  /** A team of this session, or null for the whole session. */
  teamId: ZTeamRef.nullable().default(null),
  kind: ZFindingKind,
  text: ZFindingText,
});
export const ZFindingPatch = z
  .strictObject({ text: ZFindingText.optional(), kind: ZFindingKind.optional(), teamId: ZTeamRef.nullable().optional() })
  .refine((p) => p.text !== undefined || p.kind !== undefined || p.teamId !== undefined, { error: "send at least one of text, kind or teamId" });

export const ZDueDate = z
  .string({ error: "the due date is a date such as 2027-03-31" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "the due date is a date such as 2027-03-31" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: "the due date is not a real calendar date" })
  .refine((s) => s >= "1900-01-01", { error: "the due date must be in the year 1900 or later" })
  .nullable();
const ZAction = z
  .string({ error: "the corrective action is required" })
  .trim()
  .min(1, { error: "the corrective action is required: say what will be done" })
  .max(AAR_LIMITS.action, { error: `keep the corrective action under ${AAR_LIMITS.action} characters` });
export const ZOwner = z
  .string({ error: "the owner is required" })
  .trim()
  .min(1, { error: "the owner is required: name the person or role responsible" })
  .max(AAR_LIMITS.owner, { error: `keep the owner under ${AAR_LIMITS.owner} characters` });
export const ZImprovementStatus = z.enum(IMPROVEMENT_STATUSES, { error: "the status is one of OPEN, IN_PROGRESS, DONE or CANCELLED" });

export const ZPlanCreate = z.strictObject({
  capabilityId: ZId("the capability"),
  /** A team of this session; the item then belongs to its organisation team and carries over. */
  teamId: ZTeamRef.nullable().default(null),
  action: ZAction,
  owner: ZOwner,
  dueDate: ZDueDate.default(null),
  status: ZImprovementStatus.default("OPEN"),
});
export const ZPlanPatch = z
  .strictObject({ capabilityId: ZId("the capability").optional(), teamId: ZTeamRef.nullable().optional(), action: ZAction.optional(), owner: ZOwner.optional(), dueDate: ZDueDate.optional(), status: ZImprovementStatus.optional() })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { error: "send at least one field to change" });

export type TOverrideInput = z.infer<typeof ZOverrideInput>;
export type TFindingCreate = z.infer<typeof ZFindingCreate>;
export type TFindingPatch = z.infer<typeof ZFindingPatch>;
export type TPlanCreate = z.infer<typeof ZPlanCreate>;
export type TPlanPatch = z.infer<typeof ZPlanPatch>;

// ---------------------------------------------------------------- helpers

async function sessionContext(prisma: PrismaClient, sessionId: string) {
  const session = await prisma.exerciseSession.findUnique({ where: { id: sessionId }, include: { scenario: { select: { document: true } }, teams: { select: { id: true, teamId: true, name: true } } } });
  if (!session) throw new DomainError("SESSION_NOT_FOUND", `session ${sessionId} does not exist`);
  const scenario = ZScenario.parse(session.scenario.document);
  return { session, scenario, capabilityIds: new Set(scenario.capabilities.map((c) => c.id)) };
}

type Context = Awaited<ReturnType<typeof sessionContext>>;

function teamOf(ctx: Context, teamId: string) {
  const team = ctx.session.teams.find((t) => t.id === teamId);
  if (!team) throw new DomainError("INVALID_INPUT", `teamId: "${teamId}" is not a team of this session`, "/teamId");
  return team;
}

function checkCapability(ctx: Context, capabilityId: string): void {
  if (!ctx.capabilityIds.has(capabilityId)) {
    throw new DomainError("INVALID_INPUT", `capabilityId: "${capabilityId}" is not a capability of this session's scenario (${[...ctx.capabilityIds].join(", ")})`, "/capabilityId");
  }
}

function toDate(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

export const CLOSED = new Set(["DONE", "CANCELLED"]);

// ---------------------------------------------------------------- rating overrides

/** Overrides one team's rating of one capability; the current proposal is stored beside it. */
export async function overrideRating(prisma: PrismaClient, user: SignedInUser, sessionId: string, input: TOverrideInput) {
  const ctx = await sessionContext(prisma, sessionId);
  const team = teamOf(ctx, input.teamId);
  checkCapability(ctx, input.capabilityId);
  const decisions = await prisma.decision.findMany({ where: { sessionTeamId: team.id }, select: { points: true, bestPoints: true } });
  const readiness = scoreReadiness(ctx.scenario, decisions.map((d) => ({ points: ZPoints.catch({}).parse(d.points), bestPoints: ZPoints.catch({}).parse(d.bestPoints) })));
  const percent = readiness.capabilities.find((c) => c.capabilityId === input.capabilityId)?.percent ?? null;
  const proposed = rateReadiness(percent).proposed;
  return prisma.$transaction(async (tx) => {
    const where = { sessionTeamId_capabilityId: { sessionTeamId: team.id, capabilityId: input.capabilityId } };
    const before = await tx.ratingOverride.findUnique({ where });
    const data = { proposed, rating: input.rating, rationale: input.rationale, authorId: user.id };
    const saved = await tx.ratingOverride.upsert({ where, create: { sessionId, sessionTeamId: team.id, capabilityId: input.capabilityId, ...data }, update: data });
    const fields = changedFields(before && { rating: before.rating, rationale: before.rationale }, { rating: saved.rating, rationale: saved.rationale });
    await audit(tx, user, "modify", "report", sessionId, { change: "rating-override", overrideId: saved.id, teamId: team.id, capabilityId: input.capabilityId, fields });
    return { teamId: team.id, capabilityId: saved.capabilityId, proposed, rating: saved.rating, rationale: saved.rationale, updatedAt: saved.updatedAt.toISOString() };
  });
}

/** Withdraws an override: the proposal stands again. The withdrawn rating stays in the audit log. */
export async function clearRatingOverride(prisma: PrismaClient, user: SignedInUser, sessionId: string, input: z.infer<typeof ZOverrideTarget>) {
  const ctx = await sessionContext(prisma, sessionId);
  const team = teamOf(ctx, input.teamId);
  return prisma.$transaction(async (tx) => {
    const where = { sessionTeamId_capabilityId: { sessionTeamId: team.id, capabilityId: input.capabilityId } };
    const before = await tx.ratingOverride.findUnique({ where });
    if (!before) throw new DomainError("NOT_FOUND", "there is no override of this rating to withdraw");
    await tx.ratingOverride.delete({ where });
    await audit(tx, user, "modify", "report", sessionId, { change: "rating-override-withdrawn", overrideId: before.id, teamId: team.id, capabilityId: input.capabilityId });
    return { withdrawn: true };
  });
}

// ---------------------------------------------------------------- strengths and areas for improvement

export async function createFinding(prisma: PrismaClient, user: SignedInUser, sessionId: string, input: TFindingCreate) {
  const ctx = await sessionContext(prisma, sessionId);
  checkCapability(ctx, input.capabilityId);
  if (input.teamId) teamOf(ctx, input.teamId);
  return prisma.$transaction(async (tx) => {
    const last = await tx.aarFinding.aggregate({ where: { sessionId, capabilityId: input.capabilityId, kind: input.kind }, _max: { position: true } });
    const saved = await tx.aarFinding.create({
      data: { sessionId, sessionTeamId: input.teamId, capabilityId: input.capabilityId, kind: input.kind, text: input.text, position: (last._max.position ?? -1) + 1, authorId: user.id },
    });
    await audit(tx, user, "create", "report", sessionId, { change: "finding", findingId: saved.id, kind: saved.kind, capabilityId: saved.capabilityId });
    return { id: saved.id, kind: saved.kind, capabilityId: saved.capabilityId, teamId: saved.sessionTeamId, text: saved.text };
  });
}

async function findingOf(prisma: PrismaClient, sessionId: string, findingId: string) {
  const found = await prisma.aarFinding.findUnique({ where: { id: findingId } });
  if (!found || found.sessionId !== sessionId) throw new DomainError("NOT_FOUND", "no such strength or area for improvement in this report; it may have been deleted");
  return found;
}

export async function updateFinding(prisma: PrismaClient, user: SignedInUser, sessionId: string, findingId: string, patch: TFindingPatch) {
  const ctx = await sessionContext(prisma, sessionId);
  const before = await findingOf(prisma, sessionId, findingId);
  if (patch.teamId) teamOf(ctx, patch.teamId);
  return prisma.$transaction(async (tx) => {
    const saved = await tx.aarFinding.update({
      where: { id: findingId },
      data: { ...(patch.text !== undefined ? { text: patch.text } : {}), ...(patch.kind !== undefined ? { kind: patch.kind } : {}), ...(patch.teamId !== undefined ? { sessionTeamId: patch.teamId } : {}) },
    });
    await audit(tx, user, "modify", "report", sessionId, { change: "finding", findingId, fields: changedFields({ text: before.text, kind: before.kind, teamId: before.sessionTeamId }, { text: saved.text, kind: saved.kind, teamId: saved.sessionTeamId }) });
    return { id: saved.id, kind: saved.kind, capabilityId: saved.capabilityId, teamId: saved.sessionTeamId, text: saved.text };
  });
}

export async function deleteFinding(prisma: PrismaClient, user: SignedInUser, sessionId: string, findingId: string) {
  const before = await findingOf(prisma, sessionId, findingId);
  await prisma.$transaction(async (tx) => {
    await tx.aarFinding.delete({ where: { id: findingId } });
    await audit(tx, user, "delete", "report", sessionId, { change: "finding", findingId, capabilityId: before.capabilityId });
  });
  return { deleted: true };
}

// ---------------------------------------------------------------- improvement plan

function planView(item: { id: string; capabilityId: string; teamId: string | null; action: string; owner: string; dueDate: Date | null; status: string; closedAt: Date | null; originSessionId: string | null }) {
  return { ...item, dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null, closedAt: item.closedAt?.toISOString() ?? null };
}

export async function createPlanItem(prisma: PrismaClient, user: SignedInUser, sessionId: string, input: TPlanCreate) {
  const ctx = await sessionContext(prisma, sessionId);
  checkCapability(ctx, input.capabilityId);
  const orgTeamId = input.teamId ? teamOf(ctx, input.teamId).teamId : null;
  return prisma.$transaction(async (tx) => {
    const saved = await tx.improvementItem.create({
      data: {
        originSessionId: sessionId,
        teamId: orgTeamId,
        capabilityId: input.capabilityId,
        action: input.action,
        owner: input.owner,
        dueDate: toDate(input.dueDate),
        status: input.status,
        closedAt: CLOSED.has(input.status) ? new Date() : null,
        authorId: user.id,
      },
    });
    await audit(tx, user, "create", "report", sessionId, { change: "improvement-item", itemId: saved.id, capabilityId: saved.capabilityId, status: saved.status });
    return planView(saved);
  });
}

/**
 * An item this report may change: one it created, or a carried-over item of one of its teams on
 * one of its capabilities. A carried-over item belongs to the session it came from: the user must
 * be allowed to open that session's report to see it here (else it is not in their report), and
 * to edit that report to change it, whichever session's URL the request names.
 */
async function planItemOf(prisma: PrismaClient, ctx: Context, user: SignedInUser, itemId: string) {
  const missing = () => new DomainError("NOT_FOUND", "no such improvement plan item in this report; it may have been deleted");
  const item = await prisma.improvementItem.findUnique({ where: { id: itemId } });
  if (!item) throw missing();
  if (item.originSessionId === ctx.session.id) return item;
  const orgTeams = new Set(ctx.session.teams.flatMap((t) => (t.teamId ? [t.teamId] : [])));
  if (item.teamId === null || !orgTeams.has(item.teamId) || !ctx.capabilityIds.has(item.capabilityId)) throw missing();
  const origin = item.originSessionId === null ? DELETED_SESSION : await loadSessionScope(item.originSessionId, prisma);
  const may = (action: Action) => canAccessSession(user, "reports", action, origin);
  if (!may("view")) throw missing();
  if (!may("modify")) {
    throw new DomainError("FORBIDDEN", "this item came from a session whose report you may not edit; ask that session's facilitator to change it");
  }
  return item;
}

/** Who may act on an item whose session was deleted: only those who may act on every session's report. */
const DELETED_SESSION = { facilitatorId: null, grantedUserIds: [], anonymous: true } as const;

export async function updatePlanItem(prisma: PrismaClient, user: SignedInUser, sessionId: string, itemId: string, patch: TPlanPatch) {
  const ctx = await sessionContext(prisma, sessionId);
  const before = await planItemOf(prisma, ctx, user, itemId);
  if (patch.capabilityId !== undefined) checkCapability(ctx, patch.capabilityId);
  const orgTeamId = patch.teamId === undefined ? undefined : patch.teamId === null ? null : teamOf(ctx, patch.teamId).teamId;
  const closing = patch.status !== undefined && CLOSED.has(patch.status) && !CLOSED.has(before.status);
  const reopening = patch.status !== undefined && !CLOSED.has(patch.status);
  return prisma.$transaction(async (tx) => {
    const saved = await tx.improvementItem.update({
      where: { id: itemId },
      data: {
        ...(patch.capabilityId !== undefined ? { capabilityId: patch.capabilityId } : {}),
        ...(orgTeamId !== undefined ? { teamId: orgTeamId } : {}),
        ...(patch.action !== undefined ? { action: patch.action } : {}),
        ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
        ...(patch.dueDate !== undefined ? { dueDate: toDate(patch.dueDate) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(closing ? { closedAt: new Date() } : reopening ? { closedAt: null } : {}),
      },
    });
    const pick = (i: typeof before) => ({ capabilityId: i.capabilityId, teamId: i.teamId, action: i.action, owner: i.owner, dueDate: i.dueDate?.toISOString().slice(0, 10) ?? null, status: i.status });
    await audit(tx, user, "modify", "report", sessionId, { change: "improvement-item", itemId, fields: changedFields(pick(before), pick(saved)) });
    return planView(saved);
  });
}

export async function deletePlanItem(prisma: PrismaClient, user: SignedInUser, sessionId: string, itemId: string) {
  const ctx = await sessionContext(prisma, sessionId);
  const before = await planItemOf(prisma, ctx, user, itemId);
  if (before.originSessionId !== sessionId) {
    throw new DomainError("INVALID_INPUT", "this item came from an earlier session; close it (status DONE or CANCELLED) instead of deleting it", "/status");
  }
  await prisma.$transaction(async (tx) => {
    await tx.improvementItem.delete({ where: { id: itemId } });
    await audit(tx, user, "delete", "report", sessionId, { change: "improvement-item", itemId, capabilityId: before.capabilityId });
  });
  return { deleted: true };
}

/** Deletes what people wrote into the report (findings and rating overrides); the recorded decisions and the plan stay. */
export async function deleteReportWritings(prisma: PrismaClient, user: SignedInUser, sessionId: string) {
  return prisma.$transaction(async (tx) => {
    const findings = (await tx.aarFinding.deleteMany({ where: { sessionId } })).count;
    const overrides = (await tx.ratingOverride.deleteMany({ where: { sessionId } })).count;
    await audit(tx, user, "delete", "report", sessionId, { report: "aar", findings, overrides });
    return { findings, overrides };
  });
}

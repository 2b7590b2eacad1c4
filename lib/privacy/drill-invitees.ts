// Finding a person's drill invitations for the erasure page (app/admin/erasure): by e-mail
// address, or by a staff account's address. Lists per drill what erasing the invitation takes
// (lib/privacy/drill-data.ts, eraseDrillInvitee): the invitation, the run's answers in a named
// drill, and the drill's mail to that address. In an anonymous drill nothing links the
// invitation to answers (docs/privacy.md, "Drills"), so none are counted or looked up here.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { progressStatus, type ProgressStatus } from "@/lib/drills/lifecycle";
import { drillScope } from "@/lib/drills/mail";

/** The address searched for: trimmed, at most 254 characters (RFC 5321), one @ with text either side. */
export const ZInviteeEmail = z.string().trim().max(254, "an e-mail address has at most 254 characters").regex(/^[^\s@]+@[^\s@]+$/, "this is not an e-mail address");

export type DrillInviteeMatch = {
  /** The invitation's id: DELETE /api/participants/:id erases it. */
  id: string;
  email: string;
  name: string | null;
  team: string | null;
  progress: ProgressStatus;
  drill: { id: string; title: string; anonymous: boolean; closesAt: string; status: string };
  /** Named drills: the decisions in the person's run and how many carry reasoning; null in an anonymous drill (not linked). */
  answers: { decisions: number; reasonings: number } | null;
  /** The drill's messages to this address still in the outbox (invitation, reminders, closing note). */
  mails: number;
};

/** Drill invitations to `email` (any case), newest drill first. */
export async function findDrillInvitees(prisma: PrismaClient, email: string): Promise<DrillInviteeMatch[]> {
  const rows = await prisma.drillInvitation.findMany({
    where: { email: { equals: email, mode: "insensitive" } },
    include: { session: { select: { id: true, title: true, anonymous: true, status: true, drill: { select: { closesAt: true } } } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  if (rows.length === 0) return [];
  const named = rows.filter((r) => !r.session.anonymous).map((r) => r.id);
  const [teams, runs, mails] = await Promise.all([
    prisma.team.findMany({ where: { id: { in: rows.flatMap((r) => (r.teamId ? [r.teamId] : [])) } }, select: { id: true, name: true } }),
    prisma.drillRun.findMany({ where: { invitationId: { in: named } }, select: { id: true, invitationId: true, _count: { select: { answers: true } } } }),
    prisma.mailMessage.groupBy({ by: ["scope"], where: { toAddress: { equals: email, mode: "insensitive" }, scope: { in: rows.map((r) => drillScope(r.sessionId)) } }, _count: { _all: true } }),
  ]);
  const reasoned = runs.length
    ? await prisma.drillAnswer.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) }, reasoning: { not: null } }, _count: { _all: true } })
    : [];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const runOf = new Map(runs.map((r) => [r.invitationId!, r]));
  const reasonings = new Map(reasoned.map((r) => [r.runId, r._count._all]));
  const mailCount = new Map(mails.map((m) => [m.scope, m._count._all]));
  return rows.map((r) => {
    const run = runOf.get(r.id);
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      team: r.teamId ? (teamName.get(r.teamId) ?? null) : null,
      progress: progressStatus(r),
      drill: { id: r.session.id, title: r.session.title, anonymous: r.session.anonymous, closesAt: (r.session.drill?.closesAt ?? r.createdAt).toISOString(), status: r.session.status },
      answers: r.session.anonymous ? null : { decisions: run?._count.answers ?? 0, reasonings: run ? (reasonings.get(run.id) ?? 0) : 0 },
      mails: mailCount.get(drillScope(r.sessionId)) ?? 0,
    };
  });
}

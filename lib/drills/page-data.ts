// What the drill pages and routes load, wired to the process's database and scenario
// cache: the play dependencies, the facilitator's progress view (with the viewer's
// visibility and k, and the drill's e-mail delivery), and a signed-in person's "My drills" list.
import { cache } from "react";
import type { SignedInUser } from "@/lib/auth/types";
import type { LoadedSessionScope } from "@/lib/auth/session-scope";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { getSessionService } from "@/lib/session/runtime";
import { minGroupSize, visibilityIn } from "@/lib/session/viewer";
import { drillPhase, progressStatus, type DrillPhase, type ProgressStatus } from "@/lib/drills/lifecycle";
import type { DrillDeps } from "@/lib/drills/play";
import { drillProgress, type DrillProgress } from "@/lib/drills/progress";
import { drillScope } from "@/lib/drills/mail";
import type { RunKey } from "@/lib/drills/run-key";
import { invitationHash, isDrillToken } from "@/lib/drills/tokens";
import { deliveryCounts, deliveryProblems, mailStatus, type DeliveryProblem } from "@/lib/mail/outbox";

export function drillDeps(): DrillDeps {
  return { prisma: getPrisma(), scenario: (id) => getSessionService().scenarioFor(id) };
}

/** The drill's e-mail as its page shows it: counts per status and the messages that will not (or may not) arrive. */
export type DrillDelivery = { configured: boolean; counts: Awaited<ReturnType<typeof deliveryCounts>>; problems: DeliveryProblem[] };

export type DrillPageData = DrillProgress & { delivery: DrillDelivery };

async function drillDelivery(sessionId: string): Promise<DrillDelivery> {
  const prisma = getPrisma();
  const [counts, problems] = await Promise.all([deliveryCounts(prisma, drillScope(sessionId)), deliveryProblems(prisma, drillScope(sessionId))]);
  return { configured: mailStatus().configured, counts, problems };
}

export async function drillProgressFor(user: SignedInUser, scope: LoadedSessionScope): Promise<DrillPageData> {
  const visibility = visibilityIn(user, scope);
  const prisma = getPrisma();
  const session = await prisma.exerciseSession.findUnique({ where: { id: scope.sessionId }, select: { mode: true, scenarioId: true } });
  if (session?.mode !== "DRILL") throw new DomainError("NOT_A_DRILL", "this session is a live session, not a drill");
  const scenario = await getSessionService().scenarioFor(session.scenarioId);
  const [progress, delivery] = await Promise.all([drillProgress(prisma, scope.sessionId, scenario, visibility, await minGroupSize()), drillDelivery(scope.sessionId)]);
  return { ...progress, delivery };
}

export type MyDrill = { sessionId: string; title: string; anonymous: boolean; phase: DrillPhase; closesAt: string; status: ProgressStatus };

/** The drills a signed-in person was invited to (by their e-mail) or started from an open link. */
export async function myDrills(user: SignedInUser): Promise<MyDrill[]> {
  const prisma = getPrisma();
  const now = new Date();
  const [invitations, runs] = await Promise.all([
    prisma.drillInvitation.findMany({ where: { email: user.email.toLowerCase() }, include: { session: { include: { drill: true } } }, orderBy: { createdAt: "desc" }, take: 100 }),
    prisma.drillRun.findMany({ where: { userId: user.id, invitationId: null }, include: { session: { include: { drill: true } } }, orderBy: { startedAt: "desc" }, take: 100 }),
  ]);
  const out: MyDrill[] = [];
  for (const row of [...invitations.map((i) => ({ ...i, openedAt: i.openedAt })), ...runs.map((r) => ({ ...r, openedAt: r.startedAt }))]) {
    const drill = row.session.drill;
    if (!drill || out.some((d) => d.sessionId === row.sessionId)) continue;
    out.push({ sessionId: row.sessionId, title: row.session.title, anonymous: row.session.anonymous, phase: drillPhase(drill, now), closesAt: drill.closesAt.toISOString(), status: progressStatus(row) });
  }
  return out;
}

/** Whether "My drills" has anything for this person (the header links it for them when so). */
export async function hasMyDrills(user: SignedInUser): Promise<boolean> {
  const prisma = getPrisma();
  const invited = await prisma.drillInvitation.findFirst({ where: { email: user.email.toLowerCase() }, select: { id: true } });
  return invited !== null || (await prisma.drillRun.findFirst({ where: { userId: user.id }, select: { id: true } })) !== null;
}

/** A personal link's invitation language, read once per request (the page and i18n/request.ts both ask). */
const tokenLocale = cache(async (token: string): Promise<string | null> => {
  if (!isDrillToken(token)) return null;
  return (await getPrisma().drillInvitation.findUnique({ where: { tokenHash: invitationHash(token) }, select: { locale: true } }))?.locale ?? null;
});

/**
 * The language a drill's invitation was written in, for its pages (the personal link, or a
 * named drill signed in); null for an open-link run or an unknown link.
 */
export async function invitationLocaleOf(key: RunKey): Promise<string | null> {
  const prisma = getPrisma();
  if ("token" in key) return tokenLocale(key.token);
  const found = await prisma.drillInvitation.findUnique({ where: { sessionId_email: { sessionId: key.sessionId, email: key.user.email.toLowerCase() } }, select: { locale: true } });
  return found?.locale ?? null;
}

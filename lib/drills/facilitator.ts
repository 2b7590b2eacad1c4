// The facilitator's side of a drill: creating one (an ExerciseSession in DRILL mode with its
// Drill row and invitations), re-issuing personal links, extending the deadline and closing
// early. Personal tokens are returned once and stored only as hashes (./tokens.ts), plus,
// with e-mail on, sealed so the drill can mail the same link again (./mail.ts, which also
// queues the invitations in the creating transaction and the closing notes on close).
// The links CSV is built from what these functions return.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { audit } from "@/lib/audit/log";
import { DomainError } from "@/lib/errors/domain-error";
import { generateJoinCode } from "@/lib/session/join-code";
import { event, type Actor, type Tx } from "@/lib/session/store";
import { ZCreateDrill, ZDrillDeadline } from "@/lib/drills/inputs";
import { drillPhase } from "@/lib/drills/lifecycle";
import { drillLink, invitationHash, newDrillToken, openDrillLink, openLinkHash } from "@/lib/drills/tokens";
import { invitationMails, queueClosingNotes, sealDrillToken } from "@/lib/drills/mail";
import { newId } from "@/lib/db/ids";
import { parseMailEnv } from "@/lib/mail/config";
import { enqueueMails } from "@/lib/mail/outbox";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { adoptInvitationLocales } from "@/lib/users/locale";

export type DrillLink = { email: string; name: string | null; locale: string; link: string };


export async function createDrill(prisma: PrismaClient, user: SignedInUser, raw: unknown, base: string) {
  const input = ZCreateDrill.parse(raw);
  const scenario = await prisma.scenario.findUnique({ where: { id: input.scenarioId }, select: { id: true, title: true, locale: true, contentHash: true } });
  if (!scenario) throw new DomainError("SCENARIO_NOT_FOUND", `scenario ${input.scenarioId} does not exist`, "/scenarioId");
  const teamIds = [...new Set(input.invitees.flatMap((i) => (i.teamId ? [i.teamId] : [])))];
  const teams = await prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, archivedAt: true } });
  input.invitees.forEach((inv, i) => {
    if (!inv.teamId) return;
    const team = teams.find((t) => t.id === inv.teamId);
    if (!team) throw new DomainError("TEAM_NOT_FOUND", `no organisation team has the id ${inv.teamId}`, `/invitees/${i}/teamId`);
    if (team.archivedAt) throw new DomainError("TEAM_ARCHIVED", "that team is archived; restore it first", `/invitees/${i}/teamId`);
  });
  const openToken = input.openLink ? newDrillToken() : null;
  const tokens = input.invitees.map(() => newDrillToken());
  const ids = input.invitees.map(() => newId());
  const mail = parseMailEnv();
  const created = await prisma.$transaction(async (tx) => {
    const s = await tx.exerciseSession.create({
      data: {
        title: input.title ?? scenario.title,
        scenarioId: scenario.id,
        facilitatorId: user.id,
        // Drills are not joined by code: the code exists (the column is required) but has expired.
        joinCode: generateJoinCode(),
        joinExpiresAt: new Date(),
        anonymous: input.anonymous,
        selfAssign: false,
        locale: scenario.locale.slice(0, 2),
        mode: "DRILL",
        status: "RUNNING",
        startedAt: input.opensAt,
      },
    });
    await tx.drill.create({
      data: { sessionId: s.id, opensAt: input.opensAt, closesAt: input.closesAt, timerScale: input.timerScale, reminderDays: input.reminderDays, openTokenHash: openToken ? openLinkHash(openToken) : null },
    });
    // With e-mail on, each token is kept sealed so reminders and the closing note can repeat the link.
    const key = mail && input.invitees.length ? await keyringOf(prisma).sessionKey(s.id, tx) : null;
    await tx.drillInvitation.createMany({
      data: input.invitees.map((inv, i) => ({
        id: ids[i], sessionId: s.id, email: inv.email, name: inv.name ?? null, locale: inv.locale, teamId: inv.teamId ?? null,
        tokenHash: invitationHash(tokens[i]), tokenSealed: key ? sealDrillToken(key, ids[i], tokens[i]) : null,
      })),
    });
    await adoptInvitationLocales(tx, input.invitees);
    const ctx = { sessionId: s.id, title: s.title, organiser: user.name ?? user.email, opensAt: input.opensAt, closesAt: input.closesAt };
    const queued = await enqueueMails(tx, invitationMails(ctx, input.invitees.map((inv, i) => ({ id: ids[i], email: inv.email, locale: inv.locale, token: tokens[i] })), base), mail);
    const actor = { type: "user", id: user.id };
    await event(tx, s.id, "drill.created", { scenarioId: scenario.id, contentHash: scenario.contentHash, invitees: input.invitees.length, openLink: input.openLink, anonymous: input.anonymous, timerScale: input.timerScale }, actor);
    await audit(tx, user, "create", "session", s.id, { kind: "drill", invitees: input.invitees.length });
    return { session: s, emailed: queued.filter((r) => r.configured).length };
  });
  const links: DrillLink[] = input.invitees.map((inv, i) => ({ email: inv.email, name: inv.name ?? null, locale: inv.locale, link: drillLink(base, tokens[i]) }));
  return { id: created.session.id, links, openLink: openToken ? openDrillLink(base, openToken) : null, mail: { configured: mail !== null, invitationsQueued: created.emailed } };
}

async function readDrill(prisma: PrismaClient, sessionId: string) {
  const drill = await prisma.drill.findUnique({ where: { sessionId } });
  if (!drill) throw new DomainError("NOT_A_DRILL", "this session is not a drill");
  return drill;
}

/**
 * New personal links for everyone who has not started yet (their old links stop working),
 * and a new open link if the drill has one. Tokens are not kept, so this is the only way to
 * get the links again after creation.
 */
export async function reissueLinks(prisma: PrismaClient, user: SignedInUser, sessionId: string, base: string) {
  const drill = await readDrill(prisma, sessionId);
  if (drillPhase(drill, new Date()) === "closed") throw new DomainError("DRILL_CLOSED", "the drill is closed; extend the deadline first");
  return prisma.$transaction(async (tx) => {
    const pending = await tx.drillInvitation.findMany({ where: { sessionId, startedAt: null }, orderBy: { email: "asc" } });
    const key = pending.some((inv) => inv.tokenSealed) ? await keyringOf(prisma).sessionKey(sessionId, tx) : null;
    const links: DrillLink[] = [];
    for (const inv of pending) {
      const token = newDrillToken();
      // A sealed token follows the new link, so later reminders carry the link that works.
      const tokenSealed = key && inv.tokenSealed ? sealDrillToken(key, inv.id, token) : null;
      await tx.drillInvitation.update({ where: { id: inv.id }, data: { tokenHash: invitationHash(token), tokenSealed } });
      links.push({ email: inv.email, name: inv.name, locale: inv.locale, link: drillLink(base, token) });
    }
    let openLink: string | null = null;
    if (drill.openTokenHash) {
      const token = newDrillToken();
      await tx.drill.update({ where: { sessionId }, data: { openTokenHash: openLinkHash(token) } });
      openLink = openDrillLink(base, token);
    }
    await event(tx, sessionId, "drill.links_reissued", { invitations: links.length, openLink: openLink !== null }, { type: "user", id: user.id });
    await audit(tx, user, "export", "session", sessionId, { purpose: "drill-links", count: links.length });
    return { links, openLink };
  });
}

export async function extendDeadline(prisma: PrismaClient, user: SignedInUser, sessionId: string, raw: unknown) {
  const { closesAt } = ZDrillDeadline.parse(raw);
  const drill = await readDrill(prisma, sessionId);
  if (closesAt.getTime() <= Math.max(Date.now(), drill.closesAt.getTime())) {
    throw new DomainError("INVALID_INPUT", "closesAt: the new deadline must be later than the current one and in the future", "/closesAt");
  }
  await prisma.$transaction(async (tx) => {
    // Reopened: those who finish before the new deadline get their closing note then (the
    // dedupe key per invitation keeps earlier recipients from a second one).
    await tx.drill.update({ where: { sessionId }, data: { closesAt, closedAt: null, closingNotesAt: null } });
    await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "RUNNING", endedAt: null } });
    await event(tx, sessionId, "drill.deadline_extended", { from: drill.closesAt.toISOString(), to: closesAt.toISOString() }, { type: "user", id: user.id });
  });
  return { closesAt: closesAt.toISOString() };
}

/**
 * What closing a drill writes, early or at its deadline, in the caller's transaction: the
 * session ends, the log records it, and with e-mail on the closing notes to those who finished
 * are queued. Returns how many notes were queued.
 */
export async function endDrillIn(prisma: PrismaClient, tx: Tx, sessionId: string, end: { at: Date; early: boolean; actor: Actor }, base: string): Promise<number> {
  await tx.exerciseSession.update({ where: { id: sessionId }, data: { status: "ENDED", endedAt: end.at } });
  await event(tx, sessionId, "drill.closed", end.early ? { early: true } : { early: false, deadline: end.at.toISOString() }, end.actor);
  return queueClosingNotes(prisma, tx, sessionId, base);
}

/** Closes the drill now; with e-mail on, the closing notes to those who finished are queued with it. */
export async function closeDrill(prisma: PrismaClient, user: SignedInUser, sessionId: string, base: string) {
  const drill = await readDrill(prisma, sessionId);
  const now = new Date();
  if (drillPhase(drill, now) === "closed") return { closedAt: (drill.closedAt ?? drill.closesAt).toISOString() };
  await prisma.$transaction(async (tx) => {
    await tx.drill.update({ where: { sessionId }, data: { closedAt: now } });
    await endDrillIn(prisma, tx, sessionId, { at: now, early: true, actor: { type: "user", id: user.id } }, base);
  });
  return { closedAt: now.toISOString() };
}

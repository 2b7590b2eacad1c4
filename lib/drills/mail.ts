// A drill's e-mail: the invitations (queued in the transaction that creates the invitation
// rows, since the personal tokens exist only then), reminders (now, from the facilitator's
// page, and automatically N days before the deadline) and the closing note to each invitee
// who finished. A reminder or closing note carries the same personal link as the
// invitation: while the drill may still mail an invitee, their token is kept sealed with the
// session's data key (lib/privacy/crypto) and dropped once their closing note is queued.
// Who gets a reminder is decided by the invitation's status alone, never by answers.
// Every message has a dedupe key per invitation, so nothing is queued twice (docs/drills.md).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { audit } from "@/lib/audit/log";
import { DomainError } from "@/lib/errors/domain-error";
import { parseMailEnv, type MailSettings } from "@/lib/mail/config";
import { enqueueMails, type MailRequest } from "@/lib/mail/outbox";
import { AAD, openText, sealText } from "@/lib/privacy/crypto/cipher";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { event, type Db, type Tx } from "@/lib/session/store";
import { drillPhase, reminderDue } from "@/lib/drills/lifecycle";
import { drillLink } from "@/lib/drills/tokens";
import { closingSummaries } from "@/lib/drills/closing-summary";

export const sealDrillToken = (key: Buffer, invitationId: string, token: string) => sealText(key, AAD.drillToken(invitationId), token);

/** What every drill message says about the drill itself. */
type DrillMailContext = { sessionId: string; title: string; organiser: string; opensAt: Date; closesAt: Date };

type Recipient = { id: string; email: string; locale: string };
export const drillScope = (sessionId: string) => `drill:${sessionId}`;
const mailLocale = (locale: string): "en" | "pl" => (locale === "pl" ? "pl" : "en");

function envelope(ctx: DrillMailContext, to: Recipient, dedupeKey: string) {
  return { to: to.email, locale: mailLocale(to.locale), dedupeKey, scope: drillScope(ctx.sessionId) };
}

function drillVars(ctx: DrillMailContext, link: string) {
  return { drillTitle: ctx.title, organiser: ctx.organiser, link, opensAt: ctx.opensAt.toISOString(), deadline: ctx.closesAt.toISOString() };
}

function drillMail(kind: "drill-invitation" | "drill-reminder", ctx: DrillMailContext, to: Recipient, link: string, dedupeKey: string): MailRequest {
  return { kind, ...envelope(ctx, to, dedupeKey), vars: drillVars(ctx, link) };
}

/** The invitations of a new drill, one per invitee, each with its personal link. */
export function invitationMails(ctx: DrillMailContext, invitees: Array<Recipient & { token: string }>, base: string): MailRequest[] {
  return invitees.map((inv) => drillMail("drill-invitation", ctx, inv, drillLink(base, inv.token), `drill:${ctx.sessionId}:invite:${inv.id}`));
}

async function mailContext(db: Db, sessionId: string): Promise<DrillMailContext> {
  const s = await db.exerciseSession.findUnique({ where: { id: sessionId }, select: { title: true, drill: true, facilitator: { select: { name: true, email: true } } } });
  if (!s?.drill) throw new DomainError("NOT_A_DRILL", "this session is not a drill");
  return { sessionId, title: s.title, organiser: s.facilitator?.name ?? s.facilitator?.email ?? "Readyroom", opensAt: s.drill.opensAt, closesAt: s.drill.closesAt };
}

type Sealed = { id: string; email: string; locale: string; tokenSealed: string | null };

/** The invitations' personal tokens, opened with the session's key; rows without one are left out. */
async function openTokens(prisma: PrismaClient, db: Db, sessionId: string, rows: Sealed[]): Promise<Array<Recipient & { token: string }>> {
  const withToken = rows.filter((r): r is Sealed & { tokenSealed: string } => r.tokenSealed !== null);
  if (withToken.length === 0) return [];
  const key = await keyringOf(prisma).sessionKey(sessionId, db);
  return withToken.map((r) => ({ id: r.id, email: r.email, locale: r.locale, token: openText(key, AAD.drillToken(r.id), r.tokenSealed) }));
}

const UNFINISHED = { finishedAt: null, tokenSealed: { not: null } } as const;
const RECIPIENT = { id: true, email: true, locale: true, tokenSealed: true } as const;

/**
 * "Send reminder now": one reminder to every invitee who has not finished, with their
 * personal link. Each press is numbered (in the dedupe key): a second press reminds again,
 * and one press never queues two messages for the same invitee.
 */
export async function sendReminderNow(prisma: PrismaClient, user: SignedInUser, sessionId: string, base: string, settings: MailSettings | null = parseMailEnv()) {
  if (!settings) throw new DomainError("MAIL_NOT_CONFIGURED", "e-mail is not configured (no SMTP_URL); send the links from the CSV instead");
  const drill = await prisma.drill.findUnique({ where: { sessionId } });
  if (!drill) throw new DomainError("NOT_A_DRILL", "this session is not a drill");
  if (drillPhase(drill, new Date()) === "closed") throw new DomainError("DRILL_CLOSED", "the drill is closed; extend the deadline first");
  return prisma.$transaction(async (tx) => {
    const { remindersSent: n } = await tx.drill.update({ where: { sessionId }, data: { remindersSent: { increment: 1 } }, select: { remindersSent: true } });
    const ctx = await mailContext(tx, sessionId);
    const rows = await tx.drillInvitation.findMany({ where: { sessionId, ...UNFINISHED }, select: RECIPIENT, orderBy: { email: "asc" } });
    const recipients = await openTokens(prisma, tx, sessionId, rows);
    const results = await enqueueMails(tx, recipients.map((r) => drillMail("drill-reminder", ctx, r, drillLink(base, r.token), `drill:${sessionId}:reminder:${n}:${r.id}`)), settings);
    const queued = results.filter((r) => !r.duplicate).length;
    await event(tx, sessionId, "drill.reminded", { manual: true, number: n, queued }, { type: "user", id: user.id });
    await audit(tx, user, "modify", "session", sessionId, { purpose: "drill-reminder", count: queued });
    return { queued };
  });
}

/** Automatic reminders for drills whose deadline is within their `reminderDays`; once per invitation per deadline. */
async function queueDueReminders(prisma: PrismaClient, settings: MailSettings, base: string, now: Date): Promise<number> {
  const drills = await prisma.drill.findMany({ where: { reminderDays: { gt: 0 }, closedAt: null, closesAt: { gt: now }, opensAt: { lte: now } } });
  let queued = 0;
  for (const d of drills) {
    if (!reminderDue(d, now)) continue;
    queued += await prisma.$transaction(async (tx) => {
      const ctx = await mailContext(tx, d.sessionId);
      const rows = await tx.drillInvitation.findMany({ where: { sessionId: d.sessionId, ...UNFINISHED }, select: RECIPIENT });
      const recipients = await openTokens(prisma, tx, d.sessionId, rows);
      // The deadline is part of the key: after an extension the new deadline gets its own reminder.
      const stamp = d.closesAt.getTime();
      const results = await enqueueMails(tx, recipients.map((r) => drillMail("drill-reminder", ctx, r, drillLink(base, r.token), `drill:${d.sessionId}:reminder-auto:${stamp}:${r.id}`)), settings);
      return results.filter((r) => !r.duplicate).length;
    });
  }
  return queued;
}

/**
 * The closing note to each invitee who finished, with the link to their own result (the
 * personal link shows the result once finished). Their sealed token is dropped afterwards:
 * nothing more will be mailed to them. Runs in the caller's transaction.
 */
export async function queueClosingNotes(prisma: PrismaClient, tx: Tx, sessionId: string, base: string, settings: MailSettings | null = parseMailEnv()): Promise<number> {
  if (!settings) return 0;
  const ctx = await mailContext(tx, sessionId);
  const rows = await tx.drillInvitation.findMany({ where: { sessionId, finishedAt: { not: null }, tokenSealed: { not: null } }, select: RECIPIENT });
  const recipients = await openTokens(prisma, tx, sessionId, rows);
  const summaries = await closingSummaries(tx, sessionId, recipients.map((r) => ({ id: r.id, token: r.token, locale: mailLocale(r.locale) })));
  const results = await enqueueMails(
    tx,
    recipients.flatMap((r): MailRequest[] => {
      const link = drillLink(base, r.token);
      const resultSummary = summaries.get(r.id);
      if (!resultSummary) return [];
      return [{ kind: "drill-closing", ...envelope(ctx, r, `drill:${sessionId}:closing:${r.id}`), vars: { ...drillVars(ctx, link), resultSummary, resultLink: link } }];
    }),
    settings,
  );
  await tx.drillInvitation.updateMany({ where: { id: { in: recipients.map((r) => r.id) } }, data: { tokenSealed: null } });
  await tx.drill.update({ where: { sessionId }, data: { closingNotesAt: new Date() } });
  return results.filter((r) => !r.duplicate).length;
}

/** Closing notes for drills whose deadline passed without them (a drill closed early queues its own). */
async function queueDueClosingNotes(prisma: PrismaClient, settings: MailSettings, base: string, now: Date): Promise<number> {
  const drills = await prisma.drill.findMany({ where: { closingNotesAt: null, OR: [{ closesAt: { lte: now } }, { closedAt: { lte: now } }] }, select: { sessionId: true } });
  let queued = 0;
  for (const d of drills) queued += await prisma.$transaction((tx) => queueClosingNotes(prisma, tx, d.sessionId, base, settings));
  return queued;
}

/** The scheduled check (lib/mail/startup.ts): automatic reminders and closing notes that are due. */
export async function queueDueDrillMail(prisma: PrismaClient, settings: MailSettings, base: string, now = new Date()): Promise<{ reminders: number; closingNotes: number }> {
  const reminders = await queueDueReminders(prisma, settings, base, now);
  const closingNotes = await queueDueClosingNotes(prisma, settings, base, now);
  return { reminders, closingNotes };
}

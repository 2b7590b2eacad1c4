// The mail module's API for the rest of the product: enqueueMail() writes a message to the
// durable outbox (in the caller's transaction when given one), once per dedupe key, and
// mailStatus()/deliveryProblems() tell a page whether mail is on and which messages could
// not be delivered. Sending is the worker's job (lib/mail/worker.ts). See docs/mail.md.
import crypto from "node:crypto";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/db/ids";
import { DomainError } from "@/lib/errors/domain-error";
import { inputProblems } from "@/lib/errors/pointer";
import { LOCALES } from "@/lib/i18n/config";
import { parseMailEnv, type MailSettings } from "./config";
import { readableReason } from "./smtp-reason";
import { MAIL_KINDS, ZMailVars, type MailKind, type MailVars } from "./templates/vars";

type Db = PrismaClient | Prisma.TransactionClient;

/** One message to send; `vars` are typed by `kind`. */
export type MailRequest = {
  [K in MailKind]: {
    kind: K;
    to: string;
    locale: (typeof LOCALES)[number];
    /** Enqueueing the same key again does nothing (e.g. "drill:<id>:invite:<invitationId>"). */
    dedupeKey: string;
    /** What the message belongs to, e.g. "drill:<id>": deliveryProblems(scope) lists its failures. */
    scope?: string;
    vars: MailVars<K>;
  };
}[MailKind];

export type EnqueueResult =
  /** Mail is not configured (no SMTP_URL): nothing was recorded; offer the links another way. */
  | { configured: false; id: null; duplicate: false }
  | { configured: true; id: string; duplicate: boolean };

const ZEnvelope = z.strictObject({
  kind: z.enum(MAIL_KINDS as [MailKind, ...MailKind[]], { error: `kind is one of ${MAIL_KINDS.join(", ")}` }),
  to: z.email({ error: "must be an e-mail address" }).max(320),
  locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(", ")}` }),
  dedupeKey: z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters"),
  scope: z.string().trim().min(1).max(200).optional(),
  vars: z.unknown(),
});

/** The Message-ID of a dedupe key: the same on every attempt, so a re-send can be recognised. */
export function messageIdFor(dedupeKey: string, domain: string): string {
  return `<${crypto.createHash("sha256").update(dedupeKey).digest("hex").slice(0, 40)}@${domain}>`;
}

function invalid(error: z.ZodError, prefix = ""): DomainError {
  const problems = inputProblems(error).map((p) => ({ ...p, path: prefix + p.path }));
  return new DomainError("INVALID_INPUT", `mail ${problems[0].path}: ${problems[0].message}`, problems[0].path, problems);
}

type ValidMail = z.infer<typeof ZEnvelope> & { vars: unknown };

function validate(request: MailRequest, prefix: string): ValidMail {
  const envelope = ZEnvelope.safeParse(request);
  if (!envelope.success) throw invalid(envelope.error, prefix);
  const vars = ZMailVars[envelope.data.kind].safeParse(request.vars);
  if (!vars.success) throw invalid(vars.error, `${prefix}/vars`);
  return { ...envelope.data, vars: vars.data };
}

const CHUNK = 1000;

/**
 * Queues several messages in one statement per thousand (invitations to a whole drill).
 * Bad input throws DomainError INVALID_INPUT naming the field ("/3/vars/deadline") before
 * anything is written. Without SMTP_URL nothing is recorded and every `configured` is false.
 */
export async function enqueueMails(db: Db, requests: MailRequest[], settings: MailSettings | null = parseMailEnv()): Promise<EnqueueResult[]> {
  return insert(db, requests.map((r, i) => validate(r, `/${i}`)), settings);
}

async function insert(db: Db, valid: ValidMail[], settings: MailSettings | null): Promise<EnqueueResult[]> {
  if (!settings) return valid.map(() => ({ configured: false, id: null, duplicate: false }));
  // Times come from the app, like every timestamp Prisma writes (UTC, whatever the database's zone).
  const now = new Date();
  const ids = new Map<string, { id: string; duplicate: boolean }>();
  for (let from = 0; from < valid.length; from += CHUNK) {
    const chunk = valid.slice(from, from + CHUNK).filter((m) => !ids.has(m.dedupeKey));
    const inserted = await db.$queryRaw<Array<{ id: string; dedupe_key: string }>>`
      insert into mail_outbox (id, kind, to_address, locale, vars, dedupe_key, message_id, scope, next_attempt_at, created_at, updated_at)
      select v.id, v.kind, v.to_address, v.locale, v.vars::jsonb, v.dedupe_key, v.message_id, v.scope, ${now}, ${now}, ${now}
      from unnest(${chunk.map(() => newId())}::text[], ${chunk.map((m) => m.kind)}::text[], ${chunk.map((m) => m.to)}::text[], ${chunk.map((m) => m.locale)}::text[],
                  ${chunk.map((m) => JSON.stringify(m.vars))}::text[], ${chunk.map((m) => m.dedupeKey)}::text[], ${chunk.map((m) => messageIdFor(m.dedupeKey, settings.domain))}::text[],
                  ${chunk.map((m) => m.scope ?? null)}::text[]) as v(id, kind, to_address, locale, vars, dedupe_key, message_id, scope)
      on conflict (dedupe_key) do nothing
      returning id, dedupe_key`;
    for (const r of inserted) ids.set(r.dedupe_key, { id: r.id, duplicate: false });
    const missing = chunk.map((m) => m.dedupeKey).filter((k) => !ids.has(k));
    if (missing.length) {
      const existing = await db.mailMessage.findMany({ where: { dedupeKey: { in: missing } }, select: { id: true, dedupeKey: true } });
      for (const r of existing) ids.set(r.dedupeKey, { id: r.id, duplicate: true });
    }
  }
  // A key repeated within one call is queued once; its later copies are duplicates.
  const seen = new Set<string>();
  return valid.map((m) => {
    const found = ids.get(m.dedupeKey)!;
    const duplicate = found.duplicate || seen.has(m.dedupeKey);
    seen.add(m.dedupeKey);
    return { configured: true, id: found.id, duplicate };
  });
}

/**
 * Queues one message. Bad input throws DomainError INVALID_INPUT naming the field
 * (e.g. "/vars/deadline"). Without SMTP_URL nothing is recorded and `configured` is false.
 */
export async function enqueueMail(db: Db, request: MailRequest, settings: MailSettings | null = parseMailEnv()): Promise<EnqueueResult> {
  const [result] = await insert(db, [validate(request, "")], settings);
  return result;
}

/** For a page: is mail on? When it is off, the page offers a CSV of links instead. */
export function mailStatus(env: Record<string, string | undefined> = process.env): { configured: boolean } {
  return { configured: parseMailEnv(env) !== null };
}

export type DeliveryProblem = { id: string; to: string; kind: string; status: "FAILED" | "BOUNCED" | "UNCONFIRMED"; reason: string; attempts: number; at: string };

/**
 * Messages of a scope that will not arrive (the server refused them, or every retry failed)
 * or may not have (UNCONFIRMED: the sender stopped mid-hand-over), newest first.
 */
export async function deliveryProblems(db: Db, scope: string): Promise<DeliveryProblem[]> {
  const rows = await db.mailMessage.findMany({ where: { scope, status: { in: ["FAILED", "BOUNCED", "UNCONFIRMED"] } }, orderBy: { updatedAt: "desc" }, take: 500 });
  return rows.map((r) => ({ id: r.id, to: r.toAddress, kind: r.kind, status: r.status as DeliveryProblem["status"], reason: readableReason(r.lastError ?? ""), attempts: r.attempts, at: r.updatedAt.toISOString() }));
}

/** Counts per status for a scope. */
export async function deliveryCounts(db: Db, scope: string): Promise<Record<"QUEUED" | "SENDING" | "SENT" | "UNCONFIRMED" | "FAILED" | "BOUNCED", number>> {
  const rows = await db.mailMessage.groupBy({ by: ["status"], where: { scope }, _count: { _all: true } });
  const out = { QUEUED: 0, SENDING: 0, SENT: 0, UNCONFIRMED: 0, FAILED: 0, BOUNCED: 0 };
  for (const r of rows) out[r.status as keyof typeof out] = r._count._all;
  return out;
}

/** Days a message (and its address) is kept after it was sent or given up on. */
export const MAIL_KEEP_DAYS = 30;

/** Deletes messages whose final state is older than MAIL_KEEP_DAYS; returns how many. */
export async function purgeFinishedMail(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - MAIL_KEEP_DAYS * 86_400_000);
  return db.$executeRaw`delete from mail_outbox where status in ('SENT', 'UNCONFIRMED', 'FAILED', 'BOUNCED') and updated_at < ${before}`;
}

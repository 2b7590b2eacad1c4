// The mail worker: claims due messages from the outbox with a lease (FOR UPDATE SKIP LOCKED,
// so several nodes never take the same row), sends them at no more than the configured rate,
// and records the outcome: SENT, a retry with exponential back-off (4xx, network), BOUNCED
// (the server refused the recipient, 5xx) or FAILED (another 5xx, or every attempt used).
// A row left SENDING by a process that died is taken again once its lease ends: delivery is
// at-least-once across a crash, with the same Message-ID (docs/mail.md explains the window).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isLocale } from "@/lib/i18n/config";
import { logError } from "@/lib/log/logger";
import type { MailSettings } from "./config";
import { renderMail } from "./templates/render";
import { MAIL_KINDS, type MailKind } from "./templates/vars";
import type { MailTransport } from "./transport";

type ClaimedRow = { id: string; kind: string; to_address: string; locale: string; vars: unknown; dedupe_key: string; message_id: string; scope: string | null; attempts: number; created_at: Date };

export type MailWorker = {
  /** Stops claiming, waits for the messages in flight. */
  stop(): Promise<void>;
  /** Resolves once nothing is due and nothing is in flight (for tests and the benchmark). */
  idle(): Promise<void>;
};

export type MailWorkerOptions = {
  settings: MailSettings;
  transport: MailTransport;
  /** How often an idle worker looks for due messages. */
  pollMs?: number;
  now?: () => Date;
};

const MAX_BACKOFF_MS = 6 * 3600_000;

/** The wait before attempt `attempts + 1`: base × 2^(attempts − 1), capped at 6 hours. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

type Outcome = { status: "SENT" } | { status: "RETRY" | "FAILED" | "BOUNCED"; reason: string };

/** How an SMTP error ends: a 5xx is permanent (bounced when it refused the recipient), anything else is retried. */
export function classifySmtpError(error: unknown): Outcome {
  const e = error as { responseCode?: number; command?: string; response?: string; code?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (e.responseCode && e.responseCode >= 500 && e.responseCode < 600) {
    return { status: /RCPT/i.test(e.command ?? "") ? "BOUNCED" : "FAILED", reason: `${e.responseCode} ${reason}` };
  }
  return { status: "RETRY", reason: e.responseCode ? `${e.responseCode} ${reason}` : `${e.code ?? "error"}: ${reason}` };
}

/** Takes up to `limit` due rows (queued and due, or sending with a lapsed lease) for this worker. */
async function claim(prisma: PrismaClient, limit: number, now: Date, leaseMs: number): Promise<ClaimedRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return prisma.$queryRaw<ClaimedRow[]>`
    update mail_outbox set status = 'SENDING', attempts = attempts + 1, lease_until = ${leaseUntil}, updated_at = ${now}
    where id in (
      select id from mail_outbox
      where (status = 'QUEUED' and next_attempt_at <= ${now}) or (status = 'SENDING' and lease_until < ${now})
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id, kind, to_address, locale, vars, dedupe_key, message_id, scope, attempts, created_at`;
}

/** Records the outcome, fenced by the attempt: a worker whose lease was taken over changes nothing. */
async function record(prisma: PrismaClient, row: ClaimedRow, outcome: Outcome, settings: MailSettings, now: Date): Promise<void> {
  if (outcome.status === "SENT") {
    await prisma.$executeRaw`update mail_outbox set status = 'SENT', sent_at = ${now}, lease_until = null, last_error = null, updated_at = ${now} where id = ${row.id} and status = 'SENDING' and attempts = ${row.attempts}`;
    return;
  }
  const final = outcome.status !== "RETRY" || row.attempts >= settings.maxAttempts;
  const status = outcome.status === "RETRY" ? (final ? "FAILED" : "QUEUED") : outcome.status;
  const reason = outcome.status === "RETRY" && final ? `gave up after ${row.attempts} attempts: ${outcome.reason}` : outcome.reason;
  const next = new Date(now.getTime() + (final ? 0 : backoffMs(row.attempts, settings.retryBaseMs)));
  await prisma.$executeRaw`update mail_outbox set status = ${status}, next_attempt_at = ${next}, lease_until = null, last_error = ${reason}, updated_at = ${now} where id = ${row.id} and status = 'SENDING' and attempts = ${row.attempts}`;
}

async function deliver(row: ClaimedRow, opts: MailWorkerOptions): Promise<Outcome> {
  const { settings, transport } = opts;
  if (!(MAIL_KINDS as string[]).includes(row.kind) || !isLocale(row.locale)) return { status: "FAILED", reason: `unknown kind or locale: ${row.kind}/${row.locale}` };
  let rendered;
  try {
    rendered = renderMail({ kind: row.kind as MailKind, locale: row.locale, vars: row.vars, toAddress: row.to_address, scope: row.scope, dedupeKey: row.dedupe_key, createdAt: row.created_at }, settings.domain);
  } catch (e) {
    return { status: "FAILED", reason: `cannot render: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    await transport.sendMail({
      from: settings.from,
      to: row.to_address,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: rendered.attachments,
      messageId: row.message_id,
      headers: { "Auto-Submitted": "auto-generated", "X-Readyroom-Kind": row.kind },
    });
    return { status: "SENT" };
  } catch (e) {
    return classifySmtpError(e);
  }
}

/** A fixed spacing between sends: at most `ratePerSecond` messages start each second. */
function rateLimiter(ratePerSecond: number) {
  const spacing = 1000 / ratePerSecond;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + spacing;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}

export function startMailWorker(prisma: PrismaClient, opts: MailWorkerOptions): MailWorker {
  const { settings } = opts;
  const now = opts.now ?? (() => new Date());
  const pollMs = opts.pollMs ?? 2000;
  const slot = rateLimiter(settings.ratePerSecond);
  let stopped = false;
  const sleepers = new Set<() => void>();
  let idleWaiters: Array<() => void> = [];
  const busy = new Set<number>();

  const lane = async (n: number) => {
    while (!stopped) {
      await slot();
      if (stopped) break;
      let rows: ClaimedRow[] = [];
      try {
        rows = await claim(prisma, 1, now(), settings.leaseMs);
      } catch (e) {
        if (!stopped) logError("mail: cannot claim messages; retrying", e);
      }
      if (!rows.length) {
        busy.delete(n);
        if (busy.size === 0) {
          for (const w of idleWaiters) w();
          idleWaiters = [];
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(t);
            sleepers.delete(wake);
            resolve();
          };
          const t = setTimeout(wake, pollMs);
          sleepers.add(wake);
        });
        continue;
      }
      busy.add(n);
      const row = rows[0];
      const outcome = await deliver(row, opts);
      try {
        await record(prisma, row, outcome, settings, now());
      } catch (e) {
        // The lease ends and the row is taken again: it may be sent twice (docs/mail.md).
        logError("mail: cannot record a delivery outcome", e);
      }
    }
  };
  const lanes = Array.from({ length: settings.concurrency }, (_, i) => {
    busy.add(i);
    return lane(i);
  });
  return {
    async stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(lanes);
      opts.transport.close();
    },
    idle() {
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}

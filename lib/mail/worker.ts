// The mail worker: claims due messages from the outbox (lib/mail/store.ts), sends them at no
// more than the configured rate over as many SMTP connections as lanes, and records each
// outcome: SENT, a retry with exponential back-off (4xx, network), BOUNCED (the server refused
// the recipient, 5xx), FAILED (another 5xx, or every attempt used) or UNCONFIRMED (the
// connection broke after the message was handed over). Crash behaviour: docs/mail.md.
// The file, not the folder: the server bundle is ESM, where Node refuses a directory import.
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isLocale } from "@/lib/i18n/config";
import { logError } from "@/lib/log/logger";
import type { MailSettings } from "./config";
import { claim, outboxMarks, recordFailure, release, sweepUnconfirmed, type ClaimedRow, type FailedAttempt } from "./store";
import { smtpReason } from "./smtp-reason";
import { renderMail } from "./templates/render";
import { MAIL_KINDS, type MailKind } from "./templates/vars";
import type { MailTransport } from "./transport";

export type MailWorker = {
  /** Stops claiming, waits for the messages in flight, hands back the rest of its claims. */
  stop(): Promise<void>;
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

type Outcome = { status: "SENT" } | { status: "RETRY" | "FAILED" | "BOUNCED" | "UNCONFIRMED"; reason: string };

/**
 * How an SMTP error ends: a 5xx is permanent (bounced when it refused the recipient), a 4xx
 * is retried; without a reply (the connection broke) it is retried unless the message had
 * been handed over, when the server may have it: then it is UNCONFIRMED, never sent twice.
 */
export function classifySmtpError(error: unknown, handedOver = false): Outcome {
  const e = error as { responseCode?: number; command?: string; response?: string; code?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (e.responseCode && e.responseCode >= 500 && e.responseCode < 600) {
    return { status: /RCPT/i.test(e.command ?? "") ? "BOUNCED" : "FAILED", reason: smtpReason(e.responseCode, reason) };
  }
  if (e.responseCode) return { status: "RETRY", reason: smtpReason(e.responseCode, reason) };
  if (handedOver) return { status: "UNCONFIRMED", reason: `the connection broke after the message was handed over (${e.code ?? "error"}: ${reason}); the server may have accepted it, so it is not sent again` };
  return { status: "RETRY", reason: `${e.code ?? "error"}: ${reason}` };
}

/** What a failed attempt leaves in the row: a retry after back-off, or a final state. */
export function failureOf(outcome: Exclude<Outcome, { status: "SENT" }>, attempts: number, settings: Pick<MailSettings, "maxAttempts" | "retryBaseMs">, now: Date): FailedAttempt {
  if (outcome.status !== "RETRY") return { status: outcome.status, reason: outcome.reason, nextAttemptAt: now };
  if (attempts >= settings.maxAttempts) return { status: "FAILED", reason: `gave up after ${attempts} attempts: ${outcome.reason}`, nextAttemptAt: now };
  return { status: "QUEUED", reason: outcome.reason, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, settings.retryBaseMs)) };
}

/** The whole message (MIME) with its stable Message-ID. */
async function compose(row: ClaimedRow, settings: MailSettings): Promise<Buffer> {
  const rendered = renderMail({ kind: row.kind as MailKind, locale: row.locale as "en" | "pl", vars: row.vars, toAddress: row.to_address, scope: row.scope, dedupeKey: row.dedupe_key, createdAt: row.created_at }, settings.domain);
  return new MailComposer({
    from: settings.from,
    to: row.to_address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    attachments: rendered.attachments,
    messageId: row.message_id,
    date: new Date(),
    headers: { "Auto-Submitted": "auto-generated", "X-Readyroom-Kind": row.kind },
  })
    .compile()
    .build();
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

function envelopeFrom(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
}

export function startMailWorker(prisma: PrismaClient, opts: MailWorkerOptions): MailWorker {
  const { settings, transport } = opts;
  const now = opts.now ?? (() => new Date());
  const pollMs = opts.pollMs ?? 2000;
  const slot = rateLimiter(settings.ratePerSecond);
  const marks = outboxMarks(prisma, now);
  const sender = envelopeFrom(settings.from);
  let stopped = false;
  const sleepers = new Set<() => void>();

  const deliver = async (row: ClaimedRow): Promise<Outcome> => {
    if (!(MAIL_KINDS as string[]).includes(row.kind) || !isLocale(row.locale)) return { status: "FAILED", reason: `unknown kind or locale: ${row.kind}/${row.locale}` };
    let raw: Buffer;
    try {
      raw = await compose(row, settings);
    } catch (e) {
      return { status: "FAILED", reason: `cannot render: ${e instanceof Error ? e.message : String(e)}` };
    }
    let handedOver = false;
    try {
      await transport.send({ from: sender, to: row.to_address, raw }, async () => {
        await marks.handedOver(row);
        handedOver = true;
      });
      return { status: "SENT" };
    } catch (e) {
      return classifySmtpError(e, handedOver);
    }
  };

  const sleep = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(t);
        sleepers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, pollMs);
      sleepers.add(wake);
    });

  // Each lane claims about two seconds' worth of its share of the rate at once (1 to 20 rows):
  // fewer claim queries when the rate is high, and little held back from other nodes when low.
  const batch = Math.max(1, Math.min(20, Math.floor((settings.ratePerSecond * 2) / settings.concurrency)));
  const lane = async () => {
    while (!stopped) {
      let rows: ClaimedRow[] = [];
      try {
        await sweepUnconfirmed(prisma, now());
        rows = await claim(prisma, batch, now(), settings.leaseMs);
      } catch (e) {
        if (!stopped) logError("mail: cannot claim messages; retrying", e);
      }
      if (!rows.length) {
        await sleep();
        continue;
      }
      const claimedAt = Date.now();
      for (const [i, row] of rows.entries()) {
        // Past half its lease a claim goes back: another node may take it soon, and the
        // hand-over fence would refuse it anyway.
        if (stopped || Date.now() - claimedAt > settings.leaseMs / 2) {
          await release(prisma, rows.slice(i)).catch((e: unknown) => logError("mail: cannot release claimed messages; they are taken again when their lease ends", e));
          break;
        }
        await slot();
        const outcome = await deliver(row);
        try {
          if (outcome.status === "SENT") await marks.sent(row);
          else await recordFailure(prisma, row, failureOf(outcome, row.attempts, settings, now()), now());
        } catch (e) {
          // The lease lapses and the row becomes UNCONFIRMED (handed over) or is tried again.
          logError("mail: cannot record a delivery outcome", e);
        }
      }
    }
  };
  const lanes = Array.from({ length: settings.concurrency }, () => lane());
  return {
    async stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(lanes);
      transport.close();
    },
  };
}

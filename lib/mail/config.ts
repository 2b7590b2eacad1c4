// The mail settings, read from the environment and checked with zod when the server starts:
// SMTP_URL (no SMTP_URL: mail is off and the app offers CSVs of links instead), the sender,
// the send rate and the retry policy. A bad value fails the start with one line naming it.
import { z } from "zod";

const ZSmtpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465");

const ZMailEnv = z.object({
  SMTP_URL: z.string().trim().transform((v) => (v === "" ? undefined : v)).pipe(ZSmtpUrl.optional()).optional(),
  /** The From header; default readyroom@<PUBLIC_URL's host>. */
  MAIL_FROM: z.string().trim().transform((v) => (v === "" ? undefined : v)).pipe(z.string().regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, "must be an address such as Readyroom <readyroom@example.com>").optional()).optional(),
  MAIL_RATE_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive("must be above 0").max(10_000, "must be at most 10000").default(5),
  MAIL_CONCURRENCY: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(4),
  MAIL_MAX_ATTEMPTS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(30, "must be at most 30").default(8),
  MAIL_RETRY_BASE_MS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(10, "must be at least 10").max(3_600_000).default(60_000),
  MAIL_LEASE_MS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(500, "must be at least 500").max(3_600_000).default(120_000),
});

export type MailSettings = {
  smtpUrl: string;
  from: string;
  /** The domain of Message-IDs. */
  domain: string;
  ratePerSecond: number;
  concurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
  leaseMs: number;
};

export class MailConfigError extends Error {}

/** The mail settings, or null when SMTP_URL is not set; throws MailConfigError naming the bad variable. */
export function parseMailEnv(source: Record<string, string | undefined> = process.env): MailSettings | null {
  const result = ZMailEnv.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    // The URL may carry a password: never quote it.
    const shown = name === "SMTP_URL" || source[name] === undefined ? "" : ` (got ${JSON.stringify(source[name])})`;
    throw new MailConfigError(`${name} ${issue.message}${shown}`);
  }
  const env = result.data;
  if (!env.SMTP_URL) return null;
  const host = hostOf(source.PUBLIC_URL ?? source.READYROOM_PUBLIC_URL) ?? "localhost";
  const from = env.MAIL_FROM ?? `Readyroom <readyroom@${host}>`;
  const domain = /@([^\s@<>]+)>?$/.exec(from)?.[1] ?? host;
  return {
    smtpUrl: env.SMTP_URL,
    from,
    domain,
    ratePerSecond: env.MAIL_RATE_PER_SECOND,
    concurrency: env.MAIL_CONCURRENCY,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    retryBaseMs: env.MAIL_RETRY_BASE_MS,
    leaseMs: env.MAIL_LEASE_MS,
  };
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * Whether mail is configured. Callers ask this to choose between sending and offering a
 * CSV of links; read from the environment so that every bundle (server, Next routes) agrees.
 */
export function isMailConfigured(source: Record<string, string | undefined> = process.env): boolean {
  return Boolean(source.SMTP_URL?.trim());
}

// The SMTP connection: a pooled nodemailer transport made from SMTP_URL
// (smtp://user:pass@host:587 upgrades with STARTTLS when offered; smtps:// is TLS from the
// start; ?requireTLS=true refuses plain text). Timeouts stay well under the worker's lease,
// so a message is never still in flight when another node may take it over.
import nodemailer, { type Transporter } from "nodemailer";
import type { MailSettings } from "./config";

export type MailTransport = Pick<Transporter, "sendMail" | "close">;

export function createMailTransport(settings: Pick<MailSettings, "smtpUrl" | "concurrency" | "leaseMs">): MailTransport {
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === "smtps:";
  const flag = (name: string) => url.searchParams.get(name) === "true";
  // Connect, greeting and socket waits together stay under half the lease.
  const timeout = Math.max(1000, Math.floor(settings.leaseMs / 6));
  return nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: flag("requireTLS"),
    ignoreTLS: flag("ignoreTLS"),
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: settings.concurrency,
    maxMessages: 1000,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

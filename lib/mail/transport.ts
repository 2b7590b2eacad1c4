// The SMTP connections, made from SMTP_URL (smtp://user:pass@host:587 upgrades with STARTTLS
// when offered; smtps:// is TLS from the start; ?requireTLS=true refuses plain text), one per
// worker lane and reused. A message goes out through nodemailer's SMTPConnection with a gate
// before its final "." line: the worker records "handed over" there, after the server took
// the envelope and before the server can accept the message (docs/mail.md, crash window).
// Timeouts stay under the worker's lease, and the hand-over is fenced by it (lib/mail/store.ts),
// so a message whose row another node took over is abandoned before its end.
import { Readable } from "node:stream";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type { MailSettings } from "./config";

export type OutgoingMail = { from: string; to: string; raw: Buffer };

export type MailTransport = {
  /** Sends `raw`; `beforeEnd` runs after the server accepted the envelope, before the final dot. */
  send(mail: OutgoingMail, beforeEnd: () => Promise<void>): Promise<void>;
  close(): void;
};

/** A message body that runs `gate` once the connection has read it all, and ends only after. */
function gatedMessage(raw: Buffer, gate: () => Promise<void>): Readable {
  let step = 0;
  return new Readable({
    read() {
      if (step === 0) {
        step = 1;
        this.push(raw);
      } else if (step === 1) {
        step = 2;
        gate().then(
          () => this.push(null),
          (e: unknown) => this.destroy(e instanceof Error ? e : new Error(String(e))),
        );
      }
    },
  });
}

export function createMailTransport(settings: Pick<MailSettings, "smtpUrl" | "leaseMs">): MailTransport {
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === "smtps:";
  const flag = (name: string) => url.searchParams.get(name) === "true";
  // Each wait (connect, greeting, a silent socket) is a quarter of the lease at most.
  const timeout = Math.max(1000, Math.floor(settings.leaseMs / 4));
  const options: SMTPConnection.Options = {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: flag("requireTLS"),
    ignoreTLS: flag("ignoreTLS"),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  const auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : null;
  const idle: SMTPConnection[] = [];
  const open = new Set<SMTPConnection>();

  const connect = () =>
    new Promise<SMTPConnection>((resolve, reject) => {
      const c = new SMTPConnection(options);
      open.add(c);
      c.on("error", () => undefined);
      c.once("end", () => {
        open.delete(c);
        const i = idle.indexOf(c);
        if (i >= 0) idle.splice(i, 1);
      });
      c.connect((err) => {
        if (err) {
          c.close();
          return reject(err);
        }
        if (!auth) return resolve(c);
        c.login(auth, (e) => {
          if (e) {
            c.close();
            return reject(e);
          }
          resolve(c);
        });
      });
    });

  return {
    async send(mail, beforeEnd) {
      let c = idle.pop();
      while (c && c.destroyed) c = idle.pop();
      c ??= await connect();
      const connection = c;
      await new Promise<void>((resolve, reject) => {
        connection.send({ from: mail.from, to: mail.to, size: mail.raw.length }, gatedMessage(mail.raw, beforeEnd), (err) => {
          if (err) {
            // After any error the connection's state is unknown: start the next message afresh.
            connection.close();
            return reject(err);
          }
          idle.push(connection);
          resolve();
        });
      });
    },
    close() {
      for (const c of open) c.quit();
      idle.length = 0;
    },
  };
}

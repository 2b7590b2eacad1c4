// A real SMTP server in the test process (smtp-server), for the mail tests and bench:mail:
// it records every accepted message (raw, and parsed with mailparser when asked), counts
// them by Message-ID, and can refuse a recipient or a message with the reply a test chooses.
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type ReceivedMail = { raw: string; messageId: string; to: string; parsed?: ParsedMail };

type Refusal = { code: number; message: string } | null;

export type TestSmtpOptions = {
  /** Parse each message with mailparser (off for the benchmark). */
  parse?: boolean;
  /** A refusal for a recipient (RCPT TO), e.g. { code: 550, message: "no such user" }. */
  refuseRecipient?: (address: string) => Refusal;
  /** A refusal after the message was transmitted (DATA), given how often this recipient was tried. */
  refuseData?: (to: string, attempt: number) => Refusal;
};

export type TestSmtp = {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** How many times each Message-ID was accepted. */
  countsById(): Map<string, number>;
  /** DATA attempts per recipient, accepted or not, with the time of each. */
  attempts: Map<string, number[]>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

function smtpError(r: NonNullable<Refusal>): Error {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

export async function startTestSmtp(opts: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number[]>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const r = opts.refuseRecipient?.(address.address);
      callback(r ? smtpError(r) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const tries = [...(attempts.get(to) ?? []), Date.now()];
        attempts.set(to, tries);
        const refusal = opts.refuseData?.(to, tries.length);
        if (refusal) return callback(smtpError(refusal));
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
        const mail: ReceivedMail = { raw, messageId, to };
        received.push(mail);
        const done = () => {
          for (const w of [...waiters]) if (received.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback();
        };
        if (!opts.parse) return done();
        simpleParser(raw).then((parsed) => {
          mail.parsed = parsed;
          done();
        }, (e: Error) => callback(e));
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    countsById() {
      const counts = new Map<string, number>();
      for (const m of received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    waitFor(count, timeoutMs = 30_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`the SMTP server received ${received.length} of ${count} messages within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => { clearTimeout(t); resolve(); } });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

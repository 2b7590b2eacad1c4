// `npm run mail:worker`: the mail outbox worker alone, against DATABASE_URL, with the same
// SMTP_URL and MAIL_* settings as the app (docs/mail.md). The app runs this worker itself;
// this process is for draining the queue without the app, and is what the crash test kills.
// SIGTERM or SIGINT stops it cleanly (messages in flight finish, the rest of its claims go back).
import { parseArgs } from "node:util";
import { createDatabaseClient } from "@/lib/db/connect";
import { MailConfigError, parseMailEnv } from "@/lib/mail/config";
import { createMailTransport } from "@/lib/mail/transport";
import { startMailWorker } from "@/lib/mail/worker";

const { values } = parseArgs({ options: { "poll-ms": { type: "string", default: "2000" } } });

function fail(message: string): never {
  console.error(`mail worker: ${message}`);
  process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) fail("DATABASE_URL must be a postgres:// or postgresql:// URL");
let settings;
try {
  settings = parseMailEnv();
} catch (e) {
  fail(e instanceof MailConfigError ? e.message : String(e));
}
if (!settings) fail("SMTP_URL is not set; there is nothing to send through");
const pollMs = Number(values["poll-ms"]);
if (!(pollMs >= 10)) fail("--poll-ms must be a number of milliseconds, at least 10");

const prisma = createDatabaseClient(databaseUrl);
const worker = startMailWorker(prisma, { settings, transport: createMailTransport(settings), pollMs });
console.log(`mail worker: sending at up to ${settings.ratePerSecond} message(s)/s over ${settings.concurrency} connection(s)`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void worker
    .stop()
    .then(() => prisma.$disconnect())
    .then(() => process.exit(0), () => process.exit(1));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

// Starts the mail path with the server: checks the mail settings (a bad SMTP_URL stops the
// start with a line naming it), runs the outbox worker, queues the weekly improvement
// digest every hour (the ISO week in its dedupe key keeps it weekly) and the drills'
// automatic reminders and closing notes that are due (lib/drills/mail.ts), and deletes finished
// messages after MAIL_KEEP_DAYS. Without SMTP_URL nothing runs.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queueDueDrillMail } from "@/lib/drills/mail";
import { enqueueOverdueDigests } from "@/lib/improvements/digest";
import { logError } from "@/lib/log/logger";
import { parseMailEnv } from "./config";
import { purgeFinishedMail } from "./outbox";
import { createMailTransport } from "./transport";
import { startMailWorker } from "./worker";

const HOUR = 3600_000;

/** Returns a stop function, and a line for the start banner. */
export function startMail(prisma: PrismaClient, publicUrl: string, env: Record<string, string | undefined> = process.env): { stop: () => Promise<void>; banner: string } {
  const settings = parseMailEnv(env);
  if (!settings) return { stop: async () => undefined, banner: "mail: off (no SMTP_URL); drills offer CSVs of links" };
  const worker = startMailWorker(prisma, { settings, transport: createMailTransport(settings) });
  let running = false;
  const housekeeping = async () => {
    if (running) return;
    running = true;
    try {
      const digests = await enqueueOverdueDigests(prisma, settings, publicUrl);
      if (digests.queued) console.log(`Readyroom mail: queued ${digests.queued} weekly digest(s) of overdue improvement items`);
      const drills = await queueDueDrillMail(prisma, settings, publicUrl);
      if (drills.reminders || drills.closingNotes) console.log(`Readyroom mail: queued ${drills.reminders} drill reminder(s) and ${drills.closingNotes} closing note(s)`);
      await purgeFinishedMail(prisma);
    } catch (e) {
      logError("mail: the digest or clean-up run failed; it runs again within the hour", e);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void housekeeping(), 30_000);
  const every = setInterval(() => void housekeeping(), HOUR);
  first.unref();
  every.unref();
  const host = new URL(settings.smtpUrl).hostname;
  return {
    banner: `mail: via ${host}, ${settings.ratePerSecond} message(s)/s, from ${settings.from}`,
    stop: async () => {
      clearTimeout(first);
      clearInterval(every);
      await worker.stop();
    },
  };
}

// The server's periodic jobs (retention, the drill deadline sweep): one run at a time per
// process, a first run soon after start and then every interval, a failure logged and retried
// at the next tick, timers that never keep a stopping server alive. Jobs that several nodes run
// at once must be safe to race (each claims its rows in the database).
import { logError } from "@/lib/log/logger";

type PeriodicJob = { name: string; intervalMs: number; firstRunAfterMs: number; run: () => Promise<void> };

/** Starts the job; returns the function that stops it (a run in progress finishes, no new one starts). */
export function runPeriodically(job: PeriodicJob): () => void {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await job.run();
    } catch (e) {
      if (!stopped) logError(`${job.name} failed; it will be retried at the next interval`, e);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), Math.min(job.firstRunAfterMs, job.intervalMs));
  const every = setInterval(() => void tick(), job.intervalMs);
  first.unref();
  every.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}

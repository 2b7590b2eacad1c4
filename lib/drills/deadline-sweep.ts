// Closes drills whose deadline passed, from the server rather than from whoever opens the report
// next: each such drill ends at its deadline, its final team figures join the manager dashboard
// (./report-rollup.ts) and, with e-mail on, its closing notes are queued, as a manual close
// does (./facilitator.ts, endDrillIn). Every node runs the sweep (lib/jobs/periodic.ts); each
// drill is claimed under a row lock inside its own transaction, so two nodes never close the
// same drill twice, and a crash leaves a drill either wholly closed or still due.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZScenario } from "@/lib/scenario";
import { getSettings } from "@/lib/privacy/settings";
import { runPeriodically } from "@/lib/jobs/periodic";
import { logError } from "@/lib/log/logger";
import { endDrillIn } from "./facilitator";
import { writeDrillTeamFigures } from "./report-rollup";

/** How often the sweep looks for drills past their deadline. */
const SWEEP_INTERVAL_MS = 60_000;
/** The first sweep, soon after start: deadlines that passed while no server ran. */
const FIRST_SWEEP_AFTER_MS = 2_000;
const SYSTEM = { type: "system", id: null };
/** A racing sweep waits for the connection and the lock rather than failing (the embedded database serves one at a time). */
const TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

type ClosedByDeadline = { sessionId: string; closesAt: string; teams: number; closingNotes: number };

/** Drills still open whose deadline is at or before `now`. */
async function dueDrills(prisma: PrismaClient, now: Date): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    select d.session_id as id from drills d join exercise_sessions s on s.id = d.session_id
    where s.status = 'RUNNING' and d.closed_at is null and d.closes_at <= ${now}
    order by d.closes_at`;
  return rows.map((r) => r.id);
}

/** Closes one due drill; null when another node (or a manual close) got there first. */
async function closeAtDeadline(prisma: PrismaClient, sessionId: string, now: Date, k: number, base: string): Promise<ClosedByDeadline | null> {
  return prisma.$transaction(async (tx) => {
    // The lock makes a racing node wait here, then see the session ended and skip it.
    const [due] = await tx.$queryRaw<Array<{ closes_at: Date; document: unknown }>>`
      select d.closes_at, sc.document from exercise_sessions s
      join drills d on d.session_id = s.id join scenarios sc on sc.id = s.scenario_id
      where s.id = ${sessionId} and s.status = 'RUNNING' and d.closed_at is null and d.closes_at <= ${now}
      for update of s`;
    if (!due) return null;
    const closingNotes = await endDrillIn(prisma, tx, sessionId, { at: due.closes_at, early: false, actor: SYSTEM }, base);
    const teams = await writeDrillTeamFigures(tx, sessionId, ZScenario.parse(due.document), k);
    return { sessionId, closesAt: due.closes_at.toISOString(), teams, closingNotes };
  }, TRANSACTION);
}

/** One sweep: every drill past its deadline that is still open is closed once. */
export async function sweepDrillDeadlines(prisma: PrismaClient, base: string, now: Date = new Date()): Promise<ClosedByDeadline[]> {
  const ids = await dueDrills(prisma, now);
  if (ids.length === 0) return [];
  const { minGroupSize } = await getSettings(prisma);
  const closed: ClosedByDeadline[] = [];
  let failed: unknown = null;
  for (const id of ids) {
    // One drill that cannot be closed (say, a scenario that no longer parses) does not hold up the others.
    try {
      const result = await closeAtDeadline(prisma, id, now, minGroupSize, base);
      if (result) closed.push(result);
    } catch (e) {
      logError(`drill deadline sweep: drill ${id} could not be closed; it is tried again at the next sweep`, e);
      failed ??= e;
    }
  }
  if (failed && closed.length === 0) throw failed;
  return closed;
}

/** The sweep with the server: at start, then every minute. Returns the function that stops it. */
export function scheduleDrillDeadlineSweep(prisma: PrismaClient, base: string): () => void {
  return runPeriodically({
    name: "drill deadline sweep",
    intervalMs: SWEEP_INTERVAL_MS,
    firstRunAfterMs: FIRST_SWEEP_AFTER_MS,
    run: async () => {
      const closed = await sweepDrillDeadlines(prisma, base);
      const notes = closed.reduce((n, c) => n + c.closingNotes, 0);
      if (closed.length) console.log(`Readyroom drills: closed ${closed.length} drill(s) at their deadline; ${notes} closing note(s) queued`);
    },
  });
}

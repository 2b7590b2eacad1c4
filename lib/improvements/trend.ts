// The ledger over time: for each team and each of the last months, how many items were open
// (open or in progress), overdue, and verified at the end of that month, replayed from the
// status history the database keeps. Pure.
import type { StatusChange } from "./history";

export type TrendItem = { teamName: string | null; dueDate: string | null; history: StatusChange[] };
export type TeamTrend = { team: string; months: Array<{ month: string; open: number; overdue: number; verified: number }> };

function monthEnds(now: Date, count: number): Array<{ month: string; end: Date }> {
  const out: Array<{ month: string; end: Date }> = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    out.push({ month: start.toISOString().slice(0, 7), end: next < now ? next : now });
  }
  return out;
}

/** The ledger state an item had at `when`, or null before it existed. */
export function stateAt(history: StatusChange[], when: Date): string | null {
  let state: string | null = null;
  for (const h of history) {
    if (new Date(h.at) > when) break;
    state = h.to;
  }
  return state;
}

export function ledgerTrend(items: TrendItem[], now: Date, months = 6): TeamTrend[] {
  const ends = monthEnds(now, months);
  const byTeam = new Map<string, TrendItem[]>();
  for (const i of items) {
    if (!i.teamName) continue;
    byTeam.set(i.teamName, [...(byTeam.get(i.teamName) ?? []), i]);
  }
  return [...byTeam.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, list]) => ({
      team,
      months: ends.map(({ month, end }) => {
        let open = 0;
        let overdue = 0;
        let verified = 0;
        for (const i of list) {
          const state = stateAt(i.history, end);
          if (state === "OPEN" || state === "IN_PROGRESS") {
            open += 1;
            if (i.dueDate && new Date(`${i.dueDate}T00:00:00Z`).getTime() + 24 * 3600_000 <= end.getTime()) overdue += 1;
          } else if (state === "VERIFIED") verified += 1;
        }
        return { month, open, overdue, verified };
      }),
    }));
}

// The facilitator console's roster is the one part of console:state that grows with the
// session: 5,000 participants are about half a megabyte of JSON, pushed several times a
// second while people join. So a push carries only the entries that changed since this
// node's previous push to the same session, numbered so that a console applies a change
// list only on top of exactly the roster it was computed against, and otherwise asks for
// the whole view again (console:watch).
//
// Several nodes each push their own changes, and a list made by one node says nothing
// about entries another node changed meanwhile; in a cluster every push carries the whole
// roster.
import type { ConsoleUpdate, ConsoleView, RosterChanges, RosterEntry } from "@/lib/session/views";

type Chain = { version: number; entries: Map<string, RosterEntry> };

/** Compared field by field: a build of thousands of entries makes no string per entry. */
function sameEntry(a: RosterEntry | undefined, b: RosterEntry): boolean {
  return !!a && a.displayName === b.displayName && a.teamId === b.teamId && a.roleId === b.roleId && a.connected === b.connected;
}

export class RosterChains {
  private chains = new Map<string, Chain>();
  private counter = Math.floor(Math.random() * 1e9);

  /** The update to push: the roster's changes, or the whole roster when there is no chain yet or most of it changed. */
  encode(sessionId: string, view: ConsoleView, whole = false): ConsoleUpdate {
    const { roster, ...rest } = view;
    const entries = new Map(roster.map((e) => [e.id, e]));
    const previous = this.chains.get(sessionId);
    if (!whole && previous) {
      const upsert: RosterEntry[] = roster.filter((e) => !sameEntry(previous.entries.get(e.id), e));
      const remove = [...previous.entries.keys()].filter((id) => !entries.has(id));
      if (upsert.length + remove.length <= roster.length / 2) {
        const unchanged = upsert.length === 0 && remove.length === 0;
        const version = unchanged ? previous.version : ++this.counter;
        this.chains.set(sessionId, { version, entries });
        const rosterChanges: RosterChanges = { base: previous.version, upsert, remove, size: roster.length };
        return { ...rest, rosterVersion: version, rosterChanges };
      }
    }
    const version = ++this.counter;
    this.chains.set(sessionId, { version, entries });
    return { ...rest, rosterVersion: version, roster };
  }

  /** A console has just been given the whole view outside the chain: the next push restarts it. */
  reset(sessionId: string): void {
    this.chains.delete(sessionId);
  }

  forget(sessionId: string): void {
    this.chains.delete(sessionId);
  }
}

export type ConsoleRoster = { roster: RosterEntry[]; version: number | null };

/**
 * The console's side: the roster after an update, or "resync" when the update was made
 * against another roster than the one held (the console then asks for the whole view).
 */
export function applyRosterUpdate(current: ConsoleRoster | null, update: ConsoleUpdate): ConsoleRoster | "resync" {
  if (update.roster) return { roster: update.roster, version: update.rosterVersion };
  const changes = update.rosterChanges;
  if (!current || current.version === null || current.version !== changes.base) return "resync";
  const removed = new Set(changes.remove);
  const byId = new Map(changes.upsert.map((e) => [e.id, e]));
  const roster: RosterEntry[] = [];
  for (const entry of current.roster) {
    if (removed.has(entry.id)) continue;
    const changed = byId.get(entry.id);
    roster.push(changed ?? entry);
    byId.delete(entry.id);
  }
  // New entries follow in the server's order (the order people joined).
  for (const entry of byId.values()) roster.push(entry);
  if (roster.length !== changes.size) return "resync";
  return { roster, version: update.rosterVersion };
}

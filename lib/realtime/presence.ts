// Who is online: participants with at least one socket connected. Each node counts its
// own sockets; with several nodes, a shared store (Redis, see cluster.ts) adds the
// participants connected elsewhere, so the console's "online" dots and counts are right
// wherever the facilitator and the participants are connected.

/** Presence of every node, for sessions that span several nodes. */
export interface SharedPresence {
  /** The first socket of a participant connected to this node. */
  add(sessionId: string, participantId: string): void;
  /** The last socket of a participant on this node went away. */
  remove(sessionId: string, participantId: string): void;
  /** Participants connected to any node. */
  online(sessionId: string): Promise<Set<string>>;
}

export class Presence {
  /** Sockets per participant on this node. */
  private sockets = new Map<string, number>();
  /** Participants connected here, per session. */
  private bySession = new Map<string, Set<string>>();
  private shared: SharedPresence | null = null;

  add(sessionId: string, participantId: string): void {
    const n = (this.sockets.get(participantId) ?? 0) + 1;
    this.sockets.set(participantId, n);
    if (n > 1) return;
    let here = this.bySession.get(sessionId);
    if (!here) this.bySession.set(sessionId, (here = new Set()));
    here.add(participantId);
    this.shared?.add(sessionId, participantId);
  }

  remove(sessionId: string, participantId: string): void {
    const n = (this.sockets.get(participantId) ?? 1) - 1;
    if (n > 0) {
      this.sockets.set(participantId, n);
      return;
    }
    this.sockets.delete(participantId);
    const here = this.bySession.get(sessionId);
    here?.delete(participantId);
    if (here && here.size === 0) this.bySession.delete(sessionId);
    this.shared?.remove(sessionId, participantId);
  }

  /** Whether a participant has a socket on this node. */
  isHere(participantId: string): boolean {
    return (this.sockets.get(participantId) ?? 0) > 0;
  }

  /** Participants connected to this node, per session (for refreshing the shared store). */
  local(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.bySession;
  }

  /** A test for "online anywhere", read once per view. */
  async online(sessionId: string): Promise<(participantId: string) => boolean> {
    if (!this.shared) return (id) => this.isHere(id);
    const elsewhere = await this.shared.online(sessionId).catch(() => new Set<string>());
    return (id) => this.isHere(id) || elsewhere.has(id);
  }

  /** From now on, also report to (and read from) a store shared by every node. */
  shareThrough(shared: SharedPresence): void {
    this.shared = shared;
    for (const [sessionId, ids] of this.bySession) for (const id of ids) shared.add(sessionId, id);
  }
}

// The per-session participant cap (MAX_SESSION_PARTICIPANTS, default 5,000). Counting a
// large session's participants on every join would cost a scan per join during a join
// burst, so the count is re-read only when the last one is old or near the cap.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const DEFAULT_MAX_SESSION_PARTICIPANTS = 5000;
const FRESH_MS = 2_000;
const NEAR = 50;

export function maxSessionParticipants(): number {
  const n = Number(process.env.MAX_SESSION_PARTICIPANTS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_SESSION_PARTICIPANTS;
}

export class ParticipantCap {
  private readonly counts = new Map<string, { count: number; at: number }>();

  constructor(private readonly prisma: Pick<PrismaClient, "participant">) {}

  /** Whether one more person may join the session. */
  async hasRoom(sessionId: string): Promise<boolean> {
    const cap = maxSessionParticipants();
    const now = Date.now();
    const known = this.counts.get(sessionId);
    if (known && now - known.at < FRESH_MS && known.count < cap - NEAR) {
      known.count++;
      return true;
    }
    if (this.counts.size > 1000) for (const [k, v] of this.counts) if (now - v.at >= FRESH_MS) this.counts.delete(k);
    const count = await this.prisma.participant.count({ where: { sessionId } });
    this.counts.set(sessionId, { count: count + 1, at: now });
    return count < cap;
  }
}

// What the parts of the session service share: the database, the publisher told after
// each commit, the scenario cache, the timers and the per-key mutex.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { KeyedMutex } from "@/lib/session/mutex";
import type { ScenarioCache } from "@/lib/session/store";
import type { TeamTimers } from "@/lib/session/timers";
import type { TeamView } from "@/lib/session/views";
import type { TeamClocks } from "@/lib/session/clock-views";
import type { LiveTally } from "@/lib/session/vote-batcher";
import type { AdvanceBatcher } from "@/lib/session/advance-batcher";

/** Told after each commit what changed, so the realtime layer can push new views. */
export interface SessionPublisher {
  /** `view` is the team's view as the committed transaction left it; without it, the publisher reads it. */
  teamChanged(sessionId: string, teamId: string, view?: TeamView): void;
  sessionChanged(sessionId: string): void;
  consoleChanged(sessionId: string): void;
  /** Votes committed: the tallies of the teams that got them, as the commit left them (nothing else changed). */
  talliesChanged?(sessionId: string, tallies: LiveTally[]): void;
  participantChanged(sessionId: string, participantId: string): void;
  /** A participant's data was erased: tell their open page and close its connection. */
  participantErased?(sessionId: string, participantId: string): void;
  /** A team's regulatory clocks or notices changed (lib/session/clocks.ts). */
  clocksChanged?(clocks: TeamClocks): void;
}

export const NOOP_PUBLISHER: SessionPublisher = { teamChanged() {}, sessionChanged() {}, consoleChanged() {}, participantChanged() {} };

export type ParticipantIdentity = { id: string; sessionId: string; sessionTeamId: string | null; roleId: string | null; displayName: string };

export interface SessionContext {
  readonly prisma: PrismaClient;
  readonly publish: SessionPublisher;
  readonly scenarios: ScenarioCache;
  readonly timers: TeamTimers;
  readonly mutex: KeyedMutex;
  /** Facilitators' advances, committed in groups. */
  readonly advances: AdvanceBatcher;
  readonly publicUrl: () => string;
}

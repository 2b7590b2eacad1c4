// The after-action report's shapes: the rows it is assembled from (AarInput, as aar-load.ts
// reads them) and the report itself (AarReport), shared by the page, the PDF and the JSON API.
import type { AarClockSection } from "./aar-clocks";
import type { ManualClockEvent, NoticeSubmission } from "@/lib/scoring/clocks";
import type { AarRightsSection } from "./aar-rights";
import type { TNode, TScenario } from "@/lib/scenario";
import type {
  AlignmentReport,
  CapabilityReadiness,
  DecisionTimeReport,
  ObjectiveReadiness,
  ParticipationReport,
  RatingRecord,
  THseepRating,
  TRatingThresholds,
  TrainingGapReport,
} from "@/lib/scoring";
import type { Suppressible, Withheld } from "@/lib/privacy/suppression";
import type { PooledView } from "./pooled";
import type { AarSummary } from "./aar-summary";

// ---------------------------------------------------------------- input (rows as loaded)

export type SessionStatusName = "LOBBY" | "RUNNING" | "PAUSED" | "ENDED" | "ABORTED";
export type ImprovementStatusName = "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED";
export const IMPROVEMENT_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;

export interface AarInput {
  session: {
    id: string;
    title: string;
    status: SessionStatusName;
    anonymous: boolean;
    locale: string;
    createdAt: Date;
    startedAt: Date | null;
    endedAt: Date | null;
    facilitator: string | null;
  };
  scenario: TScenario;
  teams: Array<{ id: string; name: string; orgTeamId: string | null; memberCount: number; currentNodeId: string | null; outcome: string | null }>;
  decisions: Array<{
    sessionTeamId: string;
    nodeId: string;
    visit: number;
    optionId: string;
    method: string;
    tally: unknown;
    points: unknown;
    bestPoints: unknown;
    reason: string | null;
    enteredAt: Date;
    decidedAt: Date;
  }>;
  /** Raw votes and answers; empty once retention deleted them. */
  votes: Array<{ sessionTeamId: string; participantId: string; nodeId: string; visit: number; optionId: string }>;
  responses: Array<{ sessionTeamId: string; participantId: string; nodeId: string; visit: number; questionId: string }>;
  /** The append-only event log (ids only in payloads; kept by retention). */
  events: Array<{ sessionTeamId: string | null; type: string; payload: unknown; createdAt: Date }>;
  /** Distinct people who joined, from the event log when participant rows are gone. */
  participantsJoined: number;
  notes: Array<{ id: string; sessionTeamId: string | null; nodeId: string | null; text: string; author: string | null; createdAt: Date }>;
  /** What the live session recorded about its regulatory clocks (lib/session/clock-store.ts); absent: nothing recorded. */
  clockRecords?: {
    notices: Array<NoticeSubmission & { sessionTeamId: string }>;
    manual: Array<ManualClockEvent & { sessionTeamId: string }>;
  };
  overrides: Array<{ sessionTeamId: string; capabilityId: string; proposed: string | null; rating: string; rationale: string; author: string | null; updatedAt: Date }>;
  findings: Array<{ id: string; sessionTeamId: string | null; capabilityId: string; kind: "STRENGTH" | "AREA_FOR_IMPROVEMENT"; text: string; position: number; author: string | null; updatedAt: Date }>;
  /** This session's plan items and the open items of its teams from earlier sessions. */
  plan: Array<{
    id: string;
    originSessionId: string | null;
    originTitle: string | null;
    originDate: Date | null;
    teamId: string | null;
    teamName: string | null;
    capabilityId: string;
    action: string;
    owner: string;
    dueDate: Date | null;
    status: ImprovementStatusName;
    closedAt: Date | null;
    updatedAt: Date;
  }>;
  /** Earlier sessions of the same organisation teams, newest first. */
  history: Array<{
    sessionId: string;
    title: string;
    date: Date;
    orgTeamId: string;
    decisions: Array<{ points: unknown; bestPoints: unknown }>;
    overrides: Array<{ capabilityId: string; rating: string }>;
  }>;
  minGroupSize: number;
  thresholds?: TRatingThresholds;
  now: Date;
}

// ---------------------------------------------------------------- output

export interface AarReport {
  overview: {
    sessionId: string;
    title: string;
    status: SessionStatusName;
    anonymous: boolean;
    createdAt: string;
    startedAt: string | null;
    endedAt: string | null;
    durationMs: number | null;
    facilitator: string | null;
    participants: number;
    scenario: { id: string; title: string; summary: string; locale: string; estimatedMinutes: number; tags: string[] };
    teams: Array<{ id: string; name: string }>;
    objectives: Array<{ id: string; text: string; capabilities: Array<{ id: string; name: string }>; teams: Array<{ teamId: string; percent: number | null; suppressed: boolean }> }>;
    capabilities: Array<{ id: string; name: string; ref: string | null; framework: string | null }>;
  };
  /** The answer first: overall readiness, ratings at a glance, biggest gaps, open items. */
  summary: AarSummary;
  capabilities: AarCapability[];
  teams: AarTeam[];
  notes: Array<{ id: string; teamId: string | null; teamName: string | null; nodeTitle: string | null; text: string; author: string | null; at: string }>;
  plan: { items: AarPlanItem[]; carried: AarPlanItem[] };
  privacy: { anonymous: boolean; minGroupSize: number; suppressedTeams: number; rawVotesDeleted: boolean };
  /** All teams together when some are withheld as small groups (lib/reports/pooled.ts); null when none is. */
  pooled: PooledView | null;
  thresholds: TRatingThresholds;
  /** "Clocks and notifications" (lib/reports/aar-clocks.ts); null when the scenario declares no clocks. */
  clocks: AarClockSection | null;
  /** "Decision rights" (lib/reports/aar-rights.ts); null when no decision names owner or consulted roles. */
  rights: AarRightsSection | null;
}

export interface AarFinding {
  id: string;
  teamId: string | null;
  teamName: string | null;
  text: string;
  author: string | null;
  updatedAt: string;
}

export interface AarRatingOverride {
  rating: THseepRating;
  rationale: string;
  /** The proposal as it stood when the override was made. */
  proposedThen: THseepRating | null;
  author: string | null;
  at: string;
}

export type Trend = "improved" | "declined" | "unchanged";

export interface AarComparison {
  sessionId: string;
  title: string;
  date: string;
  percent: number | null;
  rating: THseepRating | null;
  trend: Trend;
}

export interface AarCapabilityTeam {
  teamId: string;
  teamName: string;
  /** Set when the team's breakdown is hidden (small group in an anonymous session). */
  withheld: Withheld | null;
  readiness: CapabilityReadiness | null;
  rating: RatingRecord | null;
  final: THseepRating | null;
  override: AarRatingOverride | null;
  /** The same organisation team on this capability in its latest earlier session. */
  previous: AarComparison | null;
}

export interface AarCapability {
  id: string;
  name: string;
  ref: string | null;
  /** True when some team's decisions scored it. */
  assessed: boolean;
  teams: AarCapabilityTeam[];
  strengths: AarFinding[];
  areas: AarFinding[];
}

export type TimelineEntry =
  | { kind: "enter"; at: string; nodeId: string; nodeType: TNode["type"] | "unknown"; title: string; outcome: string | null }
  | {
      kind: "decision";
      at: string;
      enteredAt: string;
      nodeId: string;
      visit: number;
      title: string;
      optionId: string;
      optionLabel: string;
      timedOut: boolean;
      method: string;
      reason: string | null;
      durationMs: number | null;
      /** Votes per option at the lock (raw votes, or the recorded tally once they are deleted); empty when withheld. */
      tally: Array<{ optionId: string; label: string; votes: number }>;
      votes: number;
      /** Set when this decision's own vote count is a small group in an anonymous session: tally and votes are hidden. */
      withheld: Withheld | null;
      earned: number;
      best: number;
    };

export interface TeamBreakdown {
  readiness: { capabilities: CapabilityReadiness[]; objectives: ObjectiveReadiness[]; decisionsMet: number };
  behaviour: {
    alignment: AlignmentReport;
    decisionTime: DecisionTimeReport;
    /** null once retention deleted who voted and answered. */
    participation: ParticipationReport | null;
    votesFrom: "votes" | "tallies";
  };
  gaps: TrainingGapReport;
  timeline: TimelineEntry[];
}

export interface AarTeam {
  id: string;
  name: string;
  orgTeamId: string | null;
  members: number;
  respondents: number;
  /** Where the team stands: reached an ending, stopped on the way (session ended/aborted), still playing, or never started. */
  progress: "finished" | "stopped" | "playing" | "not-started";
  outcome: string | null;
  breakdown: Suppressible<TeamBreakdown>;
}

export interface AarPlanItem {
  id: string;
  capabilityId: string;
  capabilityName: string;
  teamId: string | null;
  teamName: string | null;
  action: string;
  owner: string;
  /** YYYY-MM-DD */
  dueDate: string | null;
  status: ImprovementStatusName;
  overdue: boolean;
  origin: { sessionId: string; title: string; date: string | null } | null;
  carried: boolean;
  closedAt: string | null;
}

// The after-action report (HSEEP AAR/IP) of one session, assembled from recorded rows:
// exercise overview, analysis per capability (readiness, proposed and overridden rating,
// strengths, areas for improvement, change since the team's earlier session), behaviour,
// timeline, notes, training gaps and the improvement plan. Pure: the loader (aar-load.ts)
// reads the database, this module only computes. Scoring rules come from lib/scoring.
import { TIMEOUT_CHOICE, type TNode, type TScenario } from "@/lib/scenario";
import {
  DEFAULT_RATING_THRESHOLDS,
  HSEEP_RATINGS,
  analyseTrainingGaps,
  applyOverride,
  decisionKey,
  finalRating,
  measureAlignment,
  measureDecisionTimes,
  measureParticipation,
  rateReadiness,
  scoreReadiness,
  ZPoints,
  type AlignmentReport,
  type CapabilityReadiness,
  type DecisionTimeReport,
  type ObjectiveReadiness,
  type ParticipationReport,
  type RatingRecord,
  type THseepRating,
  type TPoints,
  type TRatingThresholds,
  type TrainingGapReport,
} from "@/lib/scoring";
import { suppressSmallGroup, type Suppressible, type Withheld } from "@/lib/privacy/suppression";
import { isOver } from "@/lib/session/lifecycle";
import { buildClockSection, type AarClockSection } from "./aar-clocks";

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
  capabilities: AarCapability[];
  teams: AarTeam[];
  notes: Array<{ id: string; teamId: string | null; teamName: string | null; nodeTitle: string | null; text: string; author: string | null; at: string }>;
  plan: { items: AarPlanItem[]; carried: AarPlanItem[] };
  privacy: { anonymous: boolean; minGroupSize: number; suppressedTeams: number; rawVotesDeleted: boolean };
  thresholds: TRatingThresholds;
  /** "Clocks and notifications" (lib/reports/aar-clocks.ts); null when the scenario declares no clocks. */
  clocks: AarClockSection | null;
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

// ---------------------------------------------------------------- assembly

const RATING_RANK: Record<THseepRating, number> = { P: 3, S: 2, M: 1, U: 0 };
/** Same rating: a change of at least this many points of readiness counts as a change. */
export const TREND_MIN_POINTS = 5;

function isRating(value: unknown): value is THseepRating {
  return typeof value === "string" && (HSEEP_RATINGS as readonly string[]).includes(value);
}

function points(value: unknown): TPoints {
  const parsed = ZPoints.safeParse(value);
  return parsed.success ? parsed.data : {};
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function day(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

function nodeTitle(node: TNode | undefined, fallback: string): string {
  if (!node) return fallback;
  switch (node.type) {
    case "inject":
    case "end":
      return node.title;
    case "decision":
      return node.title ?? firstLine(node.prompt) ?? node.id;
    default:
      return node.id;
  }
}

function firstLine(markdown: string): string | null {
  const line = markdown.split("\n").map((l) => l.replace(/^[#>*\-\s]+/, "").trim()).find(Boolean);
  if (!line) return null;
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

/** Whether the team did better or worse than before: by rating first, then by readiness. */
export function compareReadiness(
  then: { percent: number | null; rating: THseepRating | null },
  now: { percent: number | null; rating: THseepRating | null },
): Trend {
  if (then.rating && now.rating && then.rating !== now.rating) return RATING_RANK[now.rating] > RATING_RANK[then.rating] ? "improved" : "declined";
  if (then.percent !== null && now.percent !== null) {
    const diff = now.percent - then.percent;
    if (diff >= TREND_MIN_POINTS) return "improved";
    if (diff <= -TREND_MIN_POINTS) return "declined";
  }
  return "unchanged";
}

/** Counts respondents in a team: distinct people who voted or answered; after retention, the largest recorded tally. */
function respondentsOf(teamId: string, input: AarInput, tallies: Map<string, Array<{ optionId: string; votes: number }>>, votesFrom: "votes" | "tallies"): number {
  if (votesFrom === "votes") {
    const people = new Set<string>();
    for (const v of input.votes) if (v.sessionTeamId === teamId) people.add(v.participantId);
    for (const r of input.responses) if (r.sessionTeamId === teamId) people.add(r.participantId);
    return people.size;
  }
  let most = 0;
  for (const tally of tallies.values()) most = Math.max(most, tally.reduce((sum, t) => sum + t.votes, 0));
  return most;
}

function recordedTally(tally: unknown): Record<string, number> {
  const counts = (tally as { counts?: unknown } | null)?.counts;
  return points(counts);
}

export function assembleAar(input: AarInput): AarReport {
  const { scenario, session } = input;
  const thresholds = input.thresholds ?? DEFAULT_RATING_THRESHOLDS;
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n] as const));
  const teamName = new Map(input.teams.map((t) => [t.id, t.name]));
  const anonymous = session.anonymous;
  const ended = isOver(session.status);

  const teams: AarTeam[] = [];
  const readinessByTeam = new Map<string, Map<string, CapabilityReadiness>>();
  let rawVotesDeleted = false;

  for (const team of input.teams) {
    const decisions = input.decisions
      .filter((d) => d.sessionTeamId === team.id)
      .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
    const scored = decisions.map((d) => ({ ...d, points: points(d.points), bestPoints: points(d.bestPoints) }));
    const votes = input.votes.filter((v) => v.sessionTeamId === team.id);
    const responses = input.responses.filter((r) => r.sessionTeamId === team.id);
    const tallyVotesTotal = decisions.reduce((sum, d) => sum + Object.values(recordedTally(d.tally)).reduce((a, b) => a + b, 0), 0);
    // Retention deletes raw votes but keeps each decision's tally: fall back to the tallies then.
    const votesFrom: "votes" | "tallies" = votes.length === 0 && tallyVotesTotal > 0 ? "tallies" : "votes";
    if (votesFrom === "tallies") rawVotesDeleted = true;

    const tallies = new Map<string, Array<{ optionId: string; votes: number }>>();
    for (const d of decisions) {
      const counts: Record<string, number> = {};
      if (votesFrom === "votes") {
        for (const v of votes) if (v.nodeId === d.nodeId && v.visit === d.visit) counts[v.optionId] = (counts[v.optionId] ?? 0) + 1;
      } else Object.assign(counts, recordedTally(d.tally));
      tallies.set(decisionKey(d), Object.entries(counts).map(([optionId, n]) => ({ optionId, votes: n })));
    }
    // The tallies stand in for votes (one anonymous vote per count) for alignment.
    const alignmentVotes =
      votesFrom === "votes"
        ? votes
        : decisions.flatMap((d) => (tallies.get(decisionKey(d)) ?? []).flatMap((t) => Array.from({ length: t.votes }, (_, i) => ({ participantId: `tally-${i}`, nodeId: d.nodeId, visit: d.visit, optionId: t.optionId }))));

    const readiness = scoreReadiness(scenario, scored);
    readinessByTeam.set(team.id, new Map(readiness.capabilities.map((c) => [c.capabilityId, c])));
    const respondents = respondentsOf(team.id, input, tallies, votesFrom);

    const breakdown: TeamBreakdown = {
      readiness: { capabilities: readiness.capabilities, objectives: readiness.objectives, decisionsMet: readiness.decisionsMet },
      behaviour: {
        alignment: withholdSmallDecisions(measureAlignment(scored, alignmentVotes), anonymous ? input.minGroupSize : null),
        decisionTime: measureDecisionTimes(scored),
        participation: votesFrom === "votes" ? measureParticipation({ memberCount: team.memberCount, votes, responses }) : null,
        votesFrom,
      },
      gaps: analyseTrainingGaps(scenario, scored),
      // Each decision's votes by its own count, beside the team's breakdown by the team's.
      timeline: timelineOf(team.id, input, nodes, scored, tallies, anonymous ? input.minGroupSize : null),
    };

    const node = team.currentNodeId ? nodes.get(team.currentNodeId) : undefined;
    const progress: AarTeam["progress"] =
      node?.type === "end" ? "finished" : !team.currentNodeId && decisions.length === 0 ? "not-started" : ended ? "stopped" : "playing";
    teams.push({
      id: team.id,
      name: team.name,
      orgTeamId: team.orgTeamId,
      members: team.memberCount,
      respondents,
      progress,
      outcome: team.outcome,
      breakdown: anonymous ? suppressSmallGroup(respondents, input.minGroupSize, breakdown) : { suppressed: false, respondents, value: breakdown },
    });
  }

  // Capabilities: the scenario's, then any others the records scored.
  const declared = scenario.capabilities.map((c) => ({ id: c.id, name: c.name, ref: c.ref ?? null, framework: c.framework ?? null }));
  const extra = new Set<string>();
  for (const map of readinessByTeam.values()) for (const id of map.keys()) if (!declared.some((c) => c.id === id)) extra.add(id);
  const capabilityList = [...declared, ...[...extra].sort().map((id) => ({ id, name: id, ref: null, framework: null }))];
  const capabilityName = new Map(capabilityList.map((c) => [c.id, c.name]));

  const overrideOf = new Map(input.overrides.map((o) => [`${o.sessionTeamId}|${o.capabilityId}`, o]));
  const finding = (f: AarInput["findings"][number]): AarFinding => ({
    id: f.id,
    teamId: f.sessionTeamId,
    teamName: f.sessionTeamId ? (teamName.get(f.sessionTeamId) ?? null) : null,
    text: f.text,
    author: f.author,
    updatedAt: f.updatedAt.toISOString(),
  });
  const findingsOrder = (a: AarInput["findings"][number], b: AarInput["findings"][number]) => a.position - b.position || a.updatedAt.getTime() - b.updatedAt.getTime();

  const capabilities: AarCapability[] = capabilityList.map((capability) => {
    const rows = teams.map((team): AarCapabilityTeam => {
      const readiness = readinessByTeam.get(team.id)?.get(capability.id) ?? null;
      if (team.breakdown.suppressed) {
        return { teamId: team.id, teamName: team.name, withheld: team.breakdown, readiness: null, rating: null, final: null, override: null, previous: null };
      }
      const stored = overrideOf.get(`${team.id}|${capability.id}`);
      let rating = rateReadiness(readiness?.percent ?? null, thresholds);
      let override: AarRatingOverride | null = null;
      if (stored && isRating(stored.rating)) {
        rating = applyOverride(rating, { rating: stored.rating, rationale: stored.rationale, at: stored.updatedAt.toISOString() });
        override = { rating: stored.rating, rationale: stored.rationale, proposedThen: isRating(stored.proposed) ? stored.proposed : null, author: stored.author, at: stored.updatedAt.toISOString() };
      }
      const final = finalRating(rating);
      return {
        teamId: team.id,
        teamName: team.name,
        withheld: null,
        readiness,
        rating,
        final,
        override,
        previous: team.orgTeamId && readiness?.percent != null ? previousOf(input, team.orgTeamId, capability.id, { percent: readiness.percent, rating: final }, thresholds) : null,
      };
    });
    const own = input.findings.filter((f) => f.capabilityId === capability.id).sort(findingsOrder);
    return {
      id: capability.id,
      name: capability.name,
      ref: capability.ref,
      assessed: teams.some((t) => (readinessByTeam.get(t.id)?.get(capability.id)?.percent ?? null) !== null),
      teams: rows,
      strengths: own.filter((f) => f.kind === "STRENGTH").map(finding),
      areas: own.filter((f) => f.kind === "AREA_FOR_IMPROVEMENT").map(finding),
    };
  });

  const objectiveRows = scenario.objectives.map((objective) => ({
    id: objective.id,
    text: objective.text,
    capabilities: objective.capabilities.map((id) => ({ id, name: capabilityName.get(id) ?? id })),
    teams: teams.map((team) => ({
      teamId: team.id,
      suppressed: team.breakdown.suppressed,
      percent: team.breakdown.suppressed ? null : (team.breakdown.value.readiness.objectives.find((o) => o.objectiveId === objective.id)?.percent ?? null),
    })),
  }));

  const planItem = (row: AarInput["plan"][number]): AarPlanItem => {
    const open = row.status === "OPEN" || row.status === "IN_PROGRESS";
    return {
      id: row.id,
      capabilityId: row.capabilityId,
      capabilityName: capabilityName.get(row.capabilityId) ?? row.capabilityId,
      teamId: row.teamId,
      teamName: row.teamName,
      action: row.action,
      owner: row.owner,
      dueDate: day(row.dueDate),
      status: row.status,
      overdue: open && row.dueDate !== null && day(row.dueDate)! < day(input.now)!,
      origin: row.originSessionId ? { sessionId: row.originSessionId, title: row.originTitle ?? row.originSessionId, date: iso(row.originDate) } : null,
      carried: row.originSessionId !== session.id,
      closedAt: iso(row.closedAt),
    };
  };
  const planOrder = (a: AarPlanItem, b: AarPlanItem) =>
    (a.dueDate ?? "9999") .localeCompare(b.dueDate ?? "9999") || a.capabilityName.localeCompare(b.capabilityName) || a.action.localeCompare(b.action);
  const plan = input.plan.map(planItem);

  return {
    clocks: buildClockSection({ scenario, teams: input.teams, decisions: input.decisions, withheld: new Set(teams.filter((t) => t.breakdown.suppressed).map((t) => t.id)) }),
    overview: {
      sessionId: session.id,
      title: session.title,
      status: session.status,
      anonymous,
      createdAt: session.createdAt.toISOString(),
      startedAt: iso(session.startedAt),
      endedAt: iso(session.endedAt),
      durationMs: session.startedAt && session.endedAt ? Math.max(0, session.endedAt.getTime() - session.startedAt.getTime()) : null,
      facilitator: session.facilitator,
      participants: input.participantsJoined,
      scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary, locale: scenario.locale, estimatedMinutes: scenario.estimatedMinutes, tags: scenario.tags },
      teams: input.teams.map((t) => ({ id: t.id, name: t.name })),
      objectives: objectiveRows,
      capabilities: capabilityList,
    },
    capabilities,
    teams,
    notes: [...input.notes]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => ({
        id: n.id,
        teamId: n.sessionTeamId,
        teamName: n.sessionTeamId ? (teamName.get(n.sessionTeamId) ?? null) : null,
        nodeTitle: n.nodeId ? nodeTitle(nodes.get(n.nodeId), n.nodeId) : null,
        text: n.text,
        author: n.author,
        at: n.createdAt.toISOString(),
      })),
    plan: { items: plan.filter((p) => !p.carried).sort(planOrder), carried: plan.filter((p) => p.carried).sort(planOrder) },
    privacy: { anonymous, minGroupSize: input.minGroupSize, suppressedTeams: teams.filter((t) => t.breakdown.suppressed).length, rawVotesDeleted },
    thresholds,
  };
}

/** The per-decision alignment of an anonymous session's team, without the decisions whose own vote count is a small group. */
function withholdSmallDecisions(alignment: AlignmentReport, minGroupSize: number | null): AlignmentReport {
  if (minGroupSize === null) return alignment;
  return { ...alignment, perDecision: alignment.perDecision.filter((d) => d.votes === 0 || !suppressSmallGroup(d.votes, minGroupSize, null).suppressed) };
}

/** The organisation team's latest earlier session that assessed this capability, and the trend since. */
function previousOf(
  input: AarInput,
  orgTeamId: string,
  capabilityId: string,
  now: { percent: number; rating: THseepRating | null },
  thresholds: TRatingThresholds,
): AarComparison | null {
  for (const earlier of input.history) {
    if (earlier.orgTeamId !== orgTeamId) continue;
    const decisions = earlier.decisions.map((d) => ({ points: points(d.points), bestPoints: points(d.bestPoints) }));
    const readiness = scoreReadiness({ capabilities: [], objectives: [] }, decisions).capabilities.find((c) => c.capabilityId === capabilityId);
    if (!readiness || readiness.percent === null) continue;
    const stored = earlier.overrides.find((o) => o.capabilityId === capabilityId);
    const rating = stored && isRating(stored.rating) ? stored.rating : rateReadiness(readiness.percent, thresholds).proposed;
    return {
      sessionId: earlier.sessionId,
      title: earlier.title,
      date: earlier.date.toISOString(),
      percent: readiness.percent,
      rating,
      trend: compareReadiness({ percent: readiness.percent, rating }, now),
    };
  }
  return null;
}

/** What happened to one team, in order: the nodes it entered (from the event log) and its decisions with their tallies. */
function timelineOf(
  teamId: string,
  input: AarInput,
  nodes: Map<string, TNode>,
  decisions: Array<AarInput["decisions"][number] & { points: TPoints; bestPoints: TPoints }>,
  tallies: Map<string, Array<{ optionId: string; votes: number }>>,
  /** k when small groups are withheld (anonymous sessions), else null. */
  minGroupSize: number | null,
): TimelineEntry[] {
  const entries: Array<{ t: number; order: number; entry: TimelineEntry }> = [];
  let order = 0;
  for (const event of input.events) {
    if (event.sessionTeamId !== teamId) continue;
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const to = event.type === "team.entered" ? payload.nodeId : event.type === "team.advanced" || event.type === "decision.locked" ? payload.to : undefined;
    if (typeof to !== "string") continue;
    const node = nodes.get(to);
    entries.push({
      t: event.createdAt.getTime(),
      order: order++,
      entry: { kind: "enter", at: event.createdAt.toISOString(), nodeId: to, nodeType: node?.type ?? "unknown", title: nodeTitle(node, to), outcome: node?.type === "end" ? node.outcome : null },
    });
  }
  for (const d of decisions) {
    const node = nodes.get(d.nodeId);
    const options = node?.type === "decision" ? node.options : [];
    const timedOut = d.optionId === TIMEOUT_CHOICE;
    const counts = new Map((tallies.get(decisionKey(d)) ?? []).map((t) => [t.optionId, t.votes]));
    const tally = options.map((o) => ({ optionId: o.id, label: o.label, votes: counts.get(o.id) ?? 0 }));
    for (const [optionId, votes] of counts) if (!options.some((o) => o.id === optionId)) tally.push({ optionId, label: optionId, votes });
    const votes = tally.reduce((sum, t) => sum + t.votes, 0);
    const gate = minGroupSize === null || votes === 0 ? null : suppressSmallGroup(votes, minGroupSize, tally);
    const withheld = gate?.suppressed ? gate : null;
    const duration = d.decidedAt.getTime() - d.enteredAt.getTime();
    const assessed = new Set([...Object.keys(d.bestPoints), ...Object.keys(d.points)]);
    let earned = 0;
    let best = 0;
    for (const id of assessed) {
      earned += d.points[id] ?? 0;
      best += d.bestPoints[id] ?? 0;
    }
    entries.push({
      // Just before the enter event the lock produced, which carries the same moment or later.
      t: d.decidedAt.getTime() - 0.5,
      order: -1,
      entry: {
        kind: "decision",
        at: d.decidedAt.toISOString(),
        enteredAt: d.enteredAt.toISOString(),
        nodeId: d.nodeId,
        visit: d.visit,
        title: nodeTitle(node, d.nodeId),
        optionId: d.optionId,
        optionLabel: timedOut ? TIMEOUT_CHOICE : (options.find((o) => o.id === d.optionId)?.label ?? d.optionId),
        timedOut,
        method: d.method,
        reason: d.reason,
        durationMs: Number.isFinite(duration) && duration >= 0 ? duration : null,
        tally: withheld ? [] : tally,
        votes: withheld ? 0 : votes,
        withheld,
        earned,
        best,
      },
    });
  }
  return entries.sort((a, b) => a.t - b.t || a.order - b.order).map((e) => e.entry);
}

// The after-action report (HSEEP AAR/IP) of one session, assembled from recorded rows:
// exercise overview, analysis per capability (readiness, proposed and overridden rating,
// strengths, areas for improvement, change since the team's earlier session), behaviour,
// timeline, notes, training gaps and the improvement plan. Pure: the loader (aar-load.ts)
// reads the database, this module only computes. Scoring rules come from lib/scoring.
import {
  DEFAULT_RATING_THRESHOLDS,
  analyseTrainingGaps,
  applyOverride,
  decisionKey,
  finalRating,
  measureAlignment,
  measureDecisionTimes,
  measureParticipation,
  rateReadiness,
  scoreReadiness,
  type AlignmentReport,
  type CapabilityReadiness,
  type THseepRating,
  type TRatingThresholds,
} from "@/lib/scoring";
import { suppressSmallGroup } from "@/lib/privacy/suppression";
import { isOver } from "@/lib/session/lifecycle";
import type { AarCapability, AarCapabilityTeam, AarComparison, AarFinding, AarInput, AarPlanItem, AarRatingOverride, AarReport, AarTeam, TeamBreakdown } from "./aar-types";
import { compareReadiness, day, isRating, iso, nodeTitle, points } from "./aar-values";
import { timelineOf } from "./aar-timeline";
import { summariseAar } from "./aar-summary";
import { buildClockSection } from "./aar-clocks";
import { buildRightsSection } from "./aar-rights";
import { pooledView } from "./pooled";

export * from "./aar-types";
export { compareReadiness } from "./aar-values";

// ---------------------------------------------------------------- assembly


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

  const planParts = { items: plan.filter((p) => !p.carried).sort(planOrder), carried: plan.filter((p) => p.carried).sort(planOrder) };
  return {
    clocks: buildClockSection({ scenario, teams: input.teams, decisions: input.decisions, notices: input.clockRecords?.notices, manual: input.clockRecords?.manual, withheld: new Set(teams.filter((t) => t.breakdown.suppressed).map((t) => t.id)) }),
    rights: buildRightsSection({ scenario, teams: input.teams, decisions: input.decisions, withheld: new Set(teams.filter((t) => t.breakdown.suppressed).map((t) => t.id)), minGroupSize: anonymous ? input.minGroupSize : null }),
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
    summary: summariseAar(capabilities, teams, planParts, thresholds),
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
    plan: planParts,
    privacy: { anonymous, minGroupSize: input.minGroupSize, suppressedTeams: teams.filter((t) => t.breakdown.suppressed).length, rawVotesDeleted },
    pooled: pooledOfSession(teams, readinessByTeam, capabilityList, input.minGroupSize, thresholds),
    thresholds,
  };
}
/** The session's teams pooled, judged by each team's respondents (the count its breakdown is withheld by). */
function pooledOfSession(teams: AarTeam[], readinessByTeam: Map<string, Map<string, CapabilityReadiness>>, capabilities: Array<{ id: string; name: string }>, minGroupSize: number, thresholds: TRatingThresholds) {
  const cells = teams.flatMap((team) =>
    [...(readinessByTeam.get(team.id)?.values() ?? [])].map((r) => ({ teamId: team.id, capabilityId: r.capabilityId, withheld: team.breakdown.suppressed, respondents: team.respondents, earned: r.earned, best: r.best, decisions: r.decisions })),
  );
  const members = teams.map((team) => ({ id: team.id, withheld: team.breakdown.suppressed, respondents: team.respondents, decisions: cells.filter((c) => c.teamId === team.id).reduce((s, c) => s + c.decisions, 0) }));
  return pooledView(members, cells, capabilities, minGroupSize, thresholds);
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

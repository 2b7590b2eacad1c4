// A drill's scores, pure: each person's run scored with the same lib/scoring rules as a live
// team (readiness, proposed HSEEP ratings, training gaps) plus calibration, then readiness and
// calibration per organisation team and for the whole organisation, each figure withheld below
// k (lib/privacy/suppression.ts). Paths, wrong turns and training: ./drill-turns.ts.
// Who may see a person's own scores is decided by the caller (lib/privacy/visibility.ts).
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import type { TScenario } from "@/lib/scenario";
import {
  DEFAULT_RATING_THRESHOLDS,
  HSEEP_RATINGS,
  analyseTrainingGaps,
  calibrateDecisions,
  poolCalibration,
  proposeRating,
  rankWrongDecisions,
  replayDrillPath,
  scoreReadiness,
  summariseCalibration,
  type CalibratedDecision,
  type CalibrationSummary,
  type DrillPath,
  type ReadinessReport,
  type TDrillParticipant,
  type THseepRating,
  type TRatingThresholds,
  type TrainingGapReport,
} from "@/lib/scoring";
import { distributePaths, rankWrongTurns, recommendTraining, type PathDistribution, type TrainingRecommendation, type WrongTurn } from "./drill-turns";

export interface DrillPersonScore {
  participantId: string;
  teamId: string | null;
  path: DrillPath;
  readiness: ReadinessReport;
  /** Proposed rating per capability id, in the readiness order; null when not assessed. */
  ratings: Record<string, THseepRating | null>;
  gaps: TrainingGapReport;
  calibrated: CalibratedDecision[];
  calibration: CalibrationSummary;
  /** The person's wrong choices, confidently wrong first (rankWrongDecisions). */
  wrongChoices: CalibratedDecision[];
}

/** One person's drill run, scored as a live team's decisions would be, plus calibration. */
export function scoreDrillPerson(
  scenario: TScenario,
  participant: TDrillParticipant,
  thresholds: TRatingThresholds = DEFAULT_RATING_THRESHOLDS,
): DrillPersonScore {
  const path = replayDrillPath(scenario, participant.decisions);
  const readiness = scoreReadiness(scenario, path.decisions);
  const gaps = analyseTrainingGaps(scenario, path.decisions);
  const calibrated = calibrateDecisions(path.decisions, gaps.decisions);
  return {
    participantId: participant.participantId,
    teamId: participant.teamId,
    path,
    readiness,
    ratings: Object.fromEntries(readiness.capabilities.map((c) => [c.capabilityId, proposeRating(c.percent, thresholds)])),
    gaps,
    calibrated,
    calibration: summariseCalibration(calibrated),
    wrongChoices: rankWrongDecisions(calibrated),
  };
}

export interface GroupCapabilityReadiness {
  /** Unweighted mean of the assessed people's percentages: each person counts once. */
  percent: number;
  rating: THseepRating;
  /** How many of the assessed people's own ratings fell in each band. */
  ratings: Record<THseepRating, number>;
}

export interface GroupReadiness {
  /** People in the group (scored runs, finished or not). */
  people: number;
  /** Every capability of the scenario; respondents = people whose run assessed it. */
  capabilities: Array<{ capabilityId: string; name: string; readiness: Suppressible<GroupCapabilityReadiness> }>;
  /** respondents = people with at least one rated decision. */
  calibration: Suppressible<CalibrationSummary>;
}

export interface DrillAggregate {
  participants: number;
  finished: number;
  organisation: GroupReadiness;
  /** Organisation teams by id; people without a team (open link) count in the organisation only. */
  teams: Array<{ teamId: string } & GroupReadiness>;
  paths: PathDistribution;
  wrongTurns: WrongTurn[];
  /** Withheld when fewer than k people took the drill. */
  training: Suppressible<TrainingRecommendation[]>;
}

export interface DrillAggregateOptions {
  /** k: the privacy settings' minGroupSize. */
  minGroupSize: number;
  thresholds?: TRatingThresholds;
  /** Reasoning quotes per wrong turn (default 3). */
  reasoningSamples?: number;
}

/** The drill's report figures from its people's scores (scoreDrillPerson). */
export function aggregateDrill(scenario: TScenario, people: readonly DrillPersonScore[], options: DrillAggregateOptions): DrillAggregate {
  const { minGroupSize } = options;
  const thresholds = options.thresholds ?? DEFAULT_RATING_THRESHOLDS;
  const byTeam = new Map<string, DrillPersonScore[]>();
  for (const person of people) {
    if (person.teamId === null) continue;
    const members = byTeam.get(person.teamId) ?? [];
    members.push(person);
    byTeam.set(person.teamId, members);
  }
  return {
    participants: people.length,
    finished: people.filter((p) => p.path.finished).length,
    organisation: groupReadiness(scenario, people, minGroupSize, thresholds),
    teams: [...byTeam.keys()].sort().map((teamId) => ({ teamId, ...groupReadiness(scenario, byTeam.get(teamId)!, minGroupSize, thresholds) })),
    paths: distributePaths(people, minGroupSize),
    wrongTurns: rankWrongTurns(scenario, people, minGroupSize, options.reasoningSamples ?? 3),
    training: suppressSmallGroup(people.length, minGroupSize, recommendTraining(scenario, people)),
  };
}

function groupReadiness(scenario: TScenario, people: readonly DrillPersonScore[], minGroupSize: number, thresholds: TRatingThresholds): GroupReadiness {
  const capabilities = scenario.capabilities.map(({ id, name }) => {
    const percents = people.flatMap((p) => {
      const percent = p.readiness.capabilities.find((c) => c.capabilityId === id)?.percent;
      return percent === null || percent === undefined ? [] : [percent];
    });
    const ratings = Object.fromEntries(HSEEP_RATINGS.map((r) => [r, 0])) as Record<THseepRating, number>;
    for (const percent of percents) ratings[proposeRating(percent, thresholds)!] += 1;
    const percent = percents.reduce((a, b) => a + b, 0) / Math.max(1, percents.length);
    // k is at least 2, so a capability nobody was assessed in is always withheld.
    const readiness = suppressSmallGroup(percents.length, minGroupSize, { percent, rating: proposeRating(percent, thresholds)!, ratings });
    return { capabilityId: id, name, readiness };
  });
  const calibration = poolCalibration(people.map((p) => p.calibration));
  return { people: people.length, capabilities, calibration: suppressSmallGroup(calibration.people, minGroupSize, calibration) };
}

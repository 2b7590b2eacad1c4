// A drill's after-action report, fed from its tables: each finished person's answers are
// replayed and scored by the pure lib/reports/drill-aggregate.ts (the same lib/scoring rules
// as a live team), beside the facilitator's funnel (lib/drills/progress.ts). Only aggregates
// leave this module: no person's id, name or own score, so an anonymous drill exposes nobody.
// Who may open it: the reports view on the drill's session (the route and page check it).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/session/store";
import type { TScenario } from "@/lib/scenario";
import type { TDrillParticipant } from "@/lib/scoring";
import type { SessionVisibility } from "@/lib/privacy/visibility";
import { suppressSmallGroup, type Suppressible } from "@/lib/privacy/suppression";
import { aggregateDrill, scoreDrillPerson, type DrillPersonScore, type GroupReadiness } from "@/lib/reports/drill-aggregate";
import type { PathDistribution, TrainingRecommendation, WrongTurn } from "@/lib/reports/drill-turns";
import { drillProgress, type DrillProgress } from "./progress";

type Db = PrismaClient;
/** Scoring reads only: it may run inside a closing transaction. */
type Reader = Tx | PrismaClient;

/** A path's steps and end, with the scenario's words for them. */
type ReportPath = PathDistribution["shown"][number] & { endTitle: string | null; labels: string[] };

export type DrillReport = {
  sessionId: string;
  title: string;
  scenarioTitle: string;
  anonymous: boolean;
  phase: DrillProgress["phase"];
  opensAt: string;
  closesAt: string;
  minGroupSize: number;
  participation: Pick<DrillProgress, "total" | "byTeam" | "openLinkRuns">;
  /** People whose run reached an end: the ones scored. */
  scored: number;
  capabilities: Array<{ id: string; name: string }>;
  organisation: GroupReadiness;
  teams: Array<{ teamId: string; name: string } & GroupReadiness>;
  paths: { shown: ReportPath[]; otherPeople: number; otherPaths: number };
  wrongTurns: Array<WrongTurn & { prompt: string; betterLabels: string[] }>;
  training: Suppressible<TrainingRecommendation[]>;
};

type AnswerRow = { run_id: string; team_id: string | null; node_id: string; option_id: string; confidence: number | null; reasoning: string | null };

/** Each finished run's choices in the order they were answered. */
async function finishedParticipants(prisma: Reader, sessionId: string): Promise<TDrillParticipant[]> {
  const rows = await prisma.$queryRaw<AnswerRow[]>`
    select r.id as run_id, r.team_id, a.node_id, a.option_id, a.confidence, a.reasoning
    from drill_runs r join drill_answers a on a.run_id = r.id
    where r.session_id = ${sessionId} and r.finished_at is not null
    order by r.id, a.answered_at, a.visit, a.id`;
  const runs = new Map<string, TDrillParticipant>();
  for (const row of rows) {
    let run = runs.get(row.run_id);
    if (!run) runs.set(row.run_id, (run = { participantId: row.run_id, teamId: row.team_id, decisions: [] }));
    run.decisions.push({ nodeId: row.node_id, optionId: row.option_id, confidence: row.confidence, ...(row.reasoning ? { reasoning: row.reasoning } : {}) });
  }
  return [...runs.values()];
}

/** Every finished person's scores (scoreDrillPerson), for the report and the dashboard's drill figures. */
export async function scoreFinishedRuns(prisma: Reader, sessionId: string, scenario: TScenario): Promise<DrillPersonScore[]> {
  return (await finishedParticipants(prisma, sessionId)).map((p) => scoreDrillPerson(scenario, p));
}

function labelsOf(scenario: TScenario) {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const option = (nodeId: string, optionId: string) => {
    const node = nodes.get(nodeId);
    return (node?.type === "decision" ? node.options.find((o) => o.id === optionId)?.label : undefined) ?? optionId;
  };
  const title = (nodeId: string) => {
    const node = nodes.get(nodeId);
    if (!node) return nodeId;
    return ("title" in node && node.title) || ("prompt" in node && node.prompt) || nodeId;
  };
  return { option, title };
}

type DrillReportInput = { sessionId: string; scenario: TScenario; visibility: SessionVisibility; minGroupSize: number; people: DrillPersonScore[] };

/** The report from the already scored people (the caller may reuse them for the dashboard's figures). */
export async function buildDrillReport(prisma: Db, input: DrillReportInput): Promise<DrillReport> {
  const { sessionId, scenario, visibility, minGroupSize, people } = input;
  const progress = await drillProgress(prisma, sessionId, scenario, visibility, minGroupSize);
  const aggregate = aggregateDrill(scenario, people, { minGroupSize });
  const teamIds = aggregate.teams.map((t) => t.teamId);
  const names = new Map((await prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]));
  const { option, title } = labelsOf(scenario);
  return {
    sessionId,
    title: progress.title,
    scenarioTitle: scenario.title,
    anonymous: progress.anonymous,
    phase: progress.phase,
    opensAt: progress.opensAt,
    closesAt: progress.closesAt,
    minGroupSize,
    // The report is aggregates for everyone: a small team's funnel is withheld whoever looks.
    participation: {
      total: progress.total,
      byTeam: progress.byTeam.map((row) => ({ ...row, funnel: row.funnel.suppressed ? row.funnel : suppressSmallGroup(row.funnel.respondents, minGroupSize, row.funnel.value) })),
      openLinkRuns: progress.openLinkRuns,
    },
    scored: aggregate.finished,
    capabilities: scenario.capabilities.map(({ id, name }) => ({ id, name })),
    organisation: aggregate.organisation,
    teams: aggregate.teams.map((t) => ({ ...t, name: names.get(t.teamId) ?? t.teamId })),
    paths: {
      ...aggregate.paths,
      shown: aggregate.paths.shown.map((p) => ({ ...p, endTitle: p.endNodeId ? title(p.endNodeId) : null, labels: p.steps.map((s) => option(s.nodeId, s.optionId)) })),
    },
    wrongTurns: aggregate.wrongTurns.map((w) => ({ ...w, prompt: title(w.nodeId), betterLabels: w.betterOptionIds.map((id) => option(w.nodeId, id)) })),
    training: aggregate.training,
  };
}

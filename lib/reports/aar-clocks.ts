// The AAR's "Clocks and notifications" section: per team, each regulatory clock the scenario
// declares, when it started and was due in the story's time, when the notice went out, how late,
// which required fields were missing, and a timeline strip. The team's path is replayed with the
// engine from its recorded decisions (branches are deterministic), and the clocks are judged by
// lib/scoring/clocks.ts. Pure; a team whose breakdown the AAR withholds (small group in an
// anonymous session) is withheld here too.
import { applyEvent, startScenario, TIMEOUT_CHOICE, type EngineState, type TScenario } from "@/lib/scenario";
import { evaluateClocks, type ClockResult, type ManualClockEvent, type NoticeSubmission, type Timeliness } from "@/lib/scoring/clocks";
import { formatLocal } from "@/lib/scoring/deadlines";
import { storyTimeline, storyZone } from "@/lib/scoring/story-time";
import { toCsv, type CsvValue } from "./csv";

export type AarClockRow = {
  clockId: string;
  label: string;
  regime: string;
  law: string;
  audience: string;
  /** Local times in the story's zone ("2026-06-13 12:12"), null when it did not happen. */
  started: string | null;
  deadline: string | null;
  submitted: string | null;
  lateByMinutes: number | null;
  missingFields: string[];
  timeliness: Timeliness;
  points: ClockResult["points"];
  /** Positions on the team's strip, 0–1 of the span from the story start to its last event. */
  strip: { start: number | null; deadline: number | null; submitted: number | null };
};

export type AarClockTeam = { teamId: string; teamName: string; withheld: boolean; clocks: AarClockRow[] };
export type AarClockSection = { timeZone: string; teams: AarClockTeam[] };

type DecisionRow = { sessionTeamId: string; nodeId: string; visit: number; optionId: string; decidedAt: Date };
type TeamRow = { id: string; name: string; currentNodeId: string | null };

/** The team's engine state, replayed from its recorded decisions up to the node it rests on. */
export function replayTeam(scenario: TScenario, decisions: readonly DecisionRow[], currentNodeId: string | null): EngineState {
  const queue = [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  let state = startScenario(scenario);
  for (let steps = 0; state.status === "running" && steps < 10_000; steps++) {
    const node = scenario.nodes.find((n) => n.id === state.nodeId);
    if (!node) break;
    if (node.type === "inject") {
      if (queue.length === 0 && state.nodeId === currentNodeId) break;
      const result = applyEvent(scenario, state, { type: "advance" });
      if (!result.ok) break;
      state = result.state;
      continue;
    }
    const next = queue[0];
    if (node.type !== "decision" || !next || next.nodeId !== node.id) break;
    queue.shift();
    const result = applyEvent(scenario, state, next.optionId === TIMEOUT_CHOICE ? { type: "timeout" } : { type: "choose", optionId: next.optionId });
    if (!result.ok) break;
    state = result.state;
  }
  return state;
}

export function buildClockSection(input: {
  scenario: TScenario;
  teams: readonly TeamRow[];
  decisions: readonly DecisionRow[];
  notices?: readonly (NoticeSubmission & { sessionTeamId: string })[];
  /** The facilitator's clock starts and stops by hand, in story time. */
  manual?: readonly (ManualClockEvent & { sessionTeamId: string })[];
  /** Teams whose breakdown the AAR withholds (a small group in an anonymous session). */
  withheld: ReadonlySet<string>;
}): AarClockSection | null {
  const { scenario } = input;
  if (scenario.clocks.length === 0) return null;
  const { timeZone } = storyZone(scenario);
  const teams = input.teams.map((team): AarClockTeam => {
    if (input.withheld.has(team.id)) return { teamId: team.id, teamName: team.name, withheld: true, clocks: [] };
    const state = replayTeam(scenario, input.decisions.filter((d) => d.sessionTeamId === team.id), team.currentNodeId);
    const timeline = storyTimeline(scenario, state.history);
    const submissions = (input.notices ?? []).filter((n) => n.sessionTeamId === team.id);
    const manual = (input.manual ?? []).filter((m) => m.sessionTeamId === team.id);
    const results = evaluateClocks(scenario, { events: timeline.events, submissions, manual, now: timeline.stepsAt, ended: state.status === "ended" });
    const times = [timeline.stepsAt, ...results.flatMap((r) => [r.deadlineAt, r.submittedAt].filter((t): t is number => t !== null))];
    const from = timeline.startAt;
    const span = Math.max(1, Math.max(...times) - from);
    const place = (t: number | null) => (t === null ? null : Math.max(0, Math.min(1, (t - from) / span)));
    const local = (t: number | null) => (t === null ? null : formatLocal(t, timeZone));
    return {
      teamId: team.id,
      teamName: team.name,
      withheld: false,
      clocks: results.map((r) => {
        const clock = scenario.clocks.find((c) => c.id === r.clockId)!;
        return {
          clockId: r.clockId,
          label: clock.label ?? r.regime,
          regime: r.regime,
          law: r.law,
          audience: clock.audience,
          started: local(r.startedAt),
          deadline: local(r.deadlineAt),
          submitted: local(r.submittedAt),
          lateByMinutes: r.lateByMs === null ? null : Math.round(r.lateByMs / 60_000),
          missingFields: r.missingFields,
          timeliness: r.timeliness,
          points: r.points,
          strip: { start: place(r.startedAt), deadline: place(r.deadlineAt), submitted: place(r.submittedAt) },
        };
      }),
    };
  });
  return { timeZone, teams };
}

/** "1 d 3 h", "45 min": how late a notice was, the same on the page and in the PDF. */
export function lateText(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return [days ? `${days} d` : "", hours ? `${hours} h` : "", mins || (!days && !hours) ? `${mins} min` : ""].filter(Boolean).join(" ");
}

export const CLOCK_COLUMNS = ["team", "clock", "regime", "law", "audience", "started", "deadline", "submitted", "late_by_minutes", "timeliness", "missing_fields", "timeliness_points", "completeness_points", "max_points", "time_zone"] as const;

/** The section as CSV rows, one per team and clock; withheld teams say so. */
export function clocksCsv(section: AarClockSection): string {
  const rows: CsvValue[][] = [];
  for (const team of section.teams) {
    if (team.withheld) {
      rows.push([team.teamName, null, null, null, null, null, null, null, null, "withheld: small-group", null, null, null, null, section.timeZone]);
      continue;
    }
    for (const c of team.clocks) {
      rows.push([team.teamName, c.label, c.regime, c.law, c.audience, c.started, c.deadline, c.submitted, c.lateByMinutes, c.timeliness, c.missingFields.join(" "), c.points.timeliness, c.points.completeness, c.points.max, section.timeZone]);
    }
  }
  return toCsv(CLOCK_COLUMNS, rows);
}

// Regulatory clocks of one team: when each started, when it is due, whether the notice went
// out in time and said what the regime asks, and the points that earns. Pure: the inputs are
// the team's story events (lib/scoring/story-time.ts), its notice submissions and the
// facilitator's manual starts and stops, all stamped in fictional time. The rules are in
// docs/scoring.md ("Clocks and notifications").
import { REGIMES, isRegimeId, type Regime } from "../scenario/regimes";
import type { TClock, TTask, TTrigger } from "../scenario/clock-schema";
import type { TScenario } from "../scenario/schema";
import { addDuration, type CalendarRules } from "./deadlines";
import type { StoryEvent } from "./story-time";
import { storyZone } from "./story-time";

/** A notice as the team submitted it; `status` is the facilitator's verdict. */
export type NoticeSubmission = {
  taskId: string;
  at: number;
  fields: Readonly<Record<string, string>>;
  status?: "pending" | "received" | "rejected";
};

export type ManualClockEvent = { clockId: string; action: "start" | "stop"; at: number };

export type ClockStatus = "not-started" | "running" | "warning" | "breached" | "met" | "late" | "stopped";
export type Timeliness = "on-time" | "late" | "never" | "not-started" | "stopped" | "open";

export type ClockResult = {
  clockId: string;
  regime: string;
  law: string;
  startedAt: number | null;
  deadlineAt: number | null;
  submittedAt: number | null;
  /** Submissions that count (not rejected), first to last. */
  phases: number;
  lateByMs: number | null;
  missingFields: string[];
  requiredFields: string[];
  status: ClockStatus;
  timeliness: Timeliness;
  /** Share of the window left at `now` (0 to 1), null when not running. */
  remaining: number | null;
  points: { timeliness: number; completeness: number; max: number };
  capabilities: string[];
};

/** A clock turns to "warning" with a quarter of its window left. */
export const WARNING_SHARE = 0.25;
export const TIMELINESS_POINTS = { "on-time": 2, late: 1, never: 0 } as const;
export const COMPLETENESS_POINTS = 2;

export type ClockInputs = {
  events: readonly StoryEvent[];
  submissions: readonly NoticeSubmission[];
  manual?: readonly ManualClockEvent[];
  /** Fictional now; clocks still open at this time are running or breached. */
  now: number;
  /** The team's run is over: a clock still open is "never" sent. */
  ended?: boolean;
};

const counted = (s: NoticeSubmission) => s.status !== "rejected";

/** When a trigger fired on this team's path (first time; latest for tasks of regimes that re-anchor), or null. */
export function triggerTime(scenario: TScenario, trigger: TTrigger, inputs: ClockInputs, clockId: string, latest = false): number | null {
  if ("reached" in trigger) return inputs.events.find((e) => e.kind === "reached" && e.nodeId === trigger.reached)?.at ?? null;
  if ("chose" in trigger) {
    const [decisionId, optionId] = splitChose(trigger.chose);
    return inputs.events.find((e) => e.kind === "chose" && e.decisionId === decisionId && e.optionId === optionId)?.at ?? null;
  }
  if ("manual" in trigger) return inputs.manual?.find((m) => m.clockId === clockId && m.action === "start")?.at ?? null;
  const task = scenario.tasks.find((t) => t.id === trigger.completed);
  if (!task) return null;
  if (task.kind === "determination") return triggerTime(scenario, task.completedBy as TTrigger, inputs, clockId);
  const times = inputs.submissions.filter((s) => s.taskId === task.id && counted(s)).map((s) => s.at);
  if (times.length === 0) return null;
  return latest ? Math.max(...times) : Math.min(...times);
}

function splitChose(target: string): [string, string] {
  const dot = target.lastIndexOf(".");
  return [target.slice(0, dot), target.slice(dot + 1)];
}

function earliest(...times: (number | null | undefined)[]): number | null {
  const known = times.filter((t): t is number => typeof t === "number");
  return known.length ? Math.min(...known) : null;
}

/** Start and deadline of a clock on this path, or nulls when it never started. */
export function clockWindow(scenario: TScenario, clock: TClock, inputs: ClockInputs): { startedAt: number | null; deadlineAt: number | null } {
  if (!isRegimeId(clock.regime)) return { startedAt: null, deadlineAt: null };
  const regime: Regime = REGIMES[clock.regime];
  const rules: CalendarRules = storyZone(scenario);
  const manualStart = inputs.manual?.find((m) => m.clockId === clock.id && m.action === "start")?.at;
  const started = earliest(triggerTime(scenario, clock.start, inputs, clock.id, regime.anchorOnLatest), manualStart);
  const aware = clock.awareness ? triggerTime(scenario, clock.awareness, inputs, clock.id) : null;
  const span = regime.deadline === "declared" ? clock.deadline : regime.deadline;
  const deadlines: number[] = [];
  if (started !== null && span) deadlines.push(addDuration(started, span, rules));
  if (aware !== null && regime.capAfterAwareness) deadlines.push(addDuration(aware, regime.capAfterAwareness, rules));
  const startedAt = earliest(started, regime.capAfterAwareness ? aware : null);
  return { startedAt, deadlineAt: deadlines.length ? Math.min(...deadlines) : null };
}

/** The notification task that stops a clock (the first one naming it). */
export function noticeTaskOf(scenario: TScenario, clockId: string): Extract<TTask, { kind: "notification" }> | undefined {
  return scenario.tasks.find((t): t is Extract<TTask, { kind: "notification" }> => t.kind === "notification" && t.clock === clockId);
}

export function evaluateClock(scenario: TScenario, clock: TClock, inputs: ClockInputs): ClockResult {
  const regime: Regime | undefined = isRegimeId(clock.regime) ? REGIMES[clock.regime] : undefined;
  const { startedAt, deadlineAt } = clockWindow(scenario, clock, inputs);
  const task = noticeTaskOf(scenario, clock.id);
  const notices = inputs.submissions.filter((s) => s.taskId === task?.id && counted(s)).sort((a, b) => a.at - b.at);
  const submittedAt = notices[0]?.at ?? null;
  const stopped = inputs.manual?.some((m) => m.clockId === clock.id && m.action === "stop") ?? false;
  const late = submittedAt !== null && deadlineAt !== null && submittedAt > deadlineAt;
  const requiredFields = [...(regime?.fields ?? []), ...(late && regime?.lateField ? [regime.lateField] : [])];
  // Phased notices complete each other; otherwise the latest submission stands on its own.
  const considered = task?.phased ? notices : notices.slice(-1);
  const filled = new Set(considered.flatMap((n) => Object.entries(n.fields).filter(([, v]) => v.trim() !== "").map(([k]) => k)));
  const missingFields = submittedAt === null ? [] : requiredFields.filter((f) => !filled.has(f));

  let status: ClockStatus;
  let timeliness: Timeliness;
  if (stopped) [status, timeliness] = ["stopped", "stopped"];
  else if (startedAt === null) [status, timeliness] = ["not-started", "not-started"];
  else if (submittedAt !== null) [status, timeliness] = late ? ["late", "late"] : ["met", "on-time"];
  else if (deadlineAt !== null && inputs.now > deadlineAt) [status, timeliness] = ["breached", inputs.ended ? "never" : "open"];
  else {
    const window = deadlineAt === null ? null : deadlineAt - startedAt;
    const left = deadlineAt === null || !window ? 1 : (deadlineAt - inputs.now) / window;
    status = left <= WARNING_SHARE ? "warning" : "running";
    timeliness = inputs.ended ? "never" : "open";
  }
  const remaining = (status === "running" || status === "warning") && deadlineAt !== null && startedAt !== null && deadlineAt > startedAt
    ? Math.max(0, Math.min(1, (deadlineAt - inputs.now) / (deadlineAt - startedAt)))
    : null;

  const scored = timeliness === "on-time" || timeliness === "late" || timeliness === "never";
  const completenessShare = submittedAt === null || requiredFields.length === 0 ? 0 : (requiredFields.length - missingFields.length) / requiredFields.length;
  return {
    clockId: clock.id,
    regime: clock.regime,
    law: regime?.law ?? clock.regime,
    startedAt,
    deadlineAt,
    submittedAt,
    phases: notices.length,
    lateByMs: late ? submittedAt - deadlineAt : null,
    missingFields,
    requiredFields,
    status,
    timeliness,
    remaining,
    points: {
      timeliness: scored ? TIMELINESS_POINTS[timeliness as keyof typeof TIMELINESS_POINTS] : 0,
      completeness: scored ? Math.round(COMPLETENESS_POINTS * completenessShare * 100) / 100 : 0,
      max: scored ? TIMELINESS_POINTS["on-time"] + COMPLETENESS_POINTS : 0,
    },
    capabilities: clock.capabilities,
  };
}

export function evaluateClocks(scenario: TScenario, inputs: ClockInputs): ClockResult[] {
  return scenario.clocks.map((clock) => evaluateClock(scenario, clock, inputs));
}

/** Points per capability from a team's clocks: earned and the maximum, clocks that never started left out. */
export function clockCapabilityPoints(results: readonly ClockResult[]): Record<string, { earned: number; max: number }> {
  const out: Record<string, { earned: number; max: number }> = {};
  for (const r of results) {
    if (r.points.max === 0) continue;
    for (const capability of r.capabilities) {
      const entry = (out[capability] ??= { earned: 0, max: 0 });
      entry.earned += r.points.timeliness + r.points.completeness;
      entry.max += r.points.max;
    }
  }
  return out;
}

// What a team, its members and the console see of the regulatory clocks in a live session:
// each clock's status (judged by lib/scoring/clocks.ts, so the server decides a breach), the
// story's fictional "now" with the compression factor the browser needs to tick it, and each
// notification task with the team's shared draft (who last changed each field) and its
// submitted notices. Types and pure builders; the I/O is in lib/session/clocks.ts.
import { REGIMES, isRegimeId, type Regime } from "@/lib/scenario/regimes";
import type { TScenario } from "@/lib/scenario";
import { evaluateClocks, type ClockResult, type ClockStatus, type ManualClockEvent, type NoticeSubmission } from "@/lib/scoring/clocks";
import { storyTimeline, storyZone } from "@/lib/scoring/story-time";
import type { HistoryEntry } from "@/lib/scenario/engine";

export type ClockLive = {
  id: string;
  label: string;
  regime: string;
  law: string;
  audience: string;
  /** Started only by the facilitator (`start: { manual: true }`). */
  manual: boolean;
  status: ClockStatus;
  /** Fictional instants (ISO), null when they did not happen. */
  startedAt: string | null;
  deadlineAt: string | null;
  submittedAt: string | null;
};

export type NoticeFieldLive = { id: string; label: string; help: string | null; required: boolean; value: string; by: string | null; at: string | null };
export type NoticeLive = { id: string; storyAt: string; status: "pending" | "received" | "rejected"; by: string | null };
export type NoticeTaskLive = {
  id: string;
  title: string;
  clockId: string;
  /** The role that submits; null: anyone in the team. */
  submitter: string | null;
  /** Someone in the team holds the submitter role, so only they may submit. */
  submitterHeld: boolean;
  phased: boolean;
  /** The team may submit (its clock started, or the task's node was reached). */
  open: boolean;
  revision: number;
  fields: NoticeFieldLive[];
  notices: NoticeLive[];
};

export type TeamClocks = {
  sessionId: string;
  teamId: string;
  teamName: string;
  timeZone: string;
  /** Fictional seconds per real second while the session runs; null: story time moves only with the steps. */
  compression: number | null;
  /** The session is running, so story time ticks (with a compression factor). */
  running: boolean;
  /** Fictional now (ISO) at `serverTime`. */
  storyNow: string;
  serverTime: string;
  clocks: ClockLive[];
  tasks: NoticeTaskLive[];
};

/** A draft field as stored: the value, the participant who wrote it last and when. */
export type DraftField = { value: string; by: string; at: string };
export type DraftRow = { taskId: string; fields: Record<string, DraftField>; revision: number };
export type NoticeRow = { id: string; taskId: string; fields: Record<string, string>; storyAt: Date; status: "pending" | "received" | "rejected"; submittedBy: string | null };

/** Real running time of a session from its start, pause, resume and end events, up to `now`. */
export function runningMs(events: ReadonlyArray<{ type: string; at: Date }>, now: number): number {
  let total = 0;
  let since: number | null = null;
  for (const e of events) {
    const at = e.at.getTime();
    if ((e.type === "session.started" || e.type === "session.resumed") && since === null) since = at;
    else if ((e.type === "session.paused" || e.type === "session.ended") && since !== null) {
      total += at - since;
      since = null;
    }
  }
  return since === null ? total : total + Math.max(0, now - since);
}

/** Fictional now of a team: its path's steps, plus running time times the compression factor. */
export function storyNowOf(scenario: TScenario, history: readonly HistoryEntry[], runMs: number): { now: number; events: ReturnType<typeof storyTimeline>["events"] } {
  const timeline = storyTimeline(scenario, history);
  const compression = scenario.exerciseTime?.compression ?? 0;
  return { now: timeline.stepsAt + Math.round(runMs * compression), events: timeline.events };
}

export type TeamClockInputs = {
  scenario: TScenario;
  history: readonly HistoryEntry[];
  storyNow: number;
  events: ReturnType<typeof storyTimeline>["events"];
  manual: readonly ManualClockEvent[];
  notices: readonly NoticeRow[];
  ended: boolean;
};

/** The clocks judged at the team's fictional now; rejected notices do not count. */
export function judgeClocks(input: TeamClockInputs): ClockResult[] {
  const submissions: NoticeSubmission[] = input.notices.map((n) => ({ taskId: n.taskId, at: n.storyAt.getTime(), fields: n.fields, status: n.status }));
  return evaluateClocks(input.scenario, { events: input.events, submissions, manual: input.manual, now: input.storyNow, ended: input.ended });
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function buildTeamClocks(input: TeamClockInputs & {
  sessionId: string;
  team: { id: string; name: string };
  running: boolean;
  serverTime: Date;
  drafts: readonly DraftRow[];
  /** Roles held in the team. */
  roles: ReadonlySet<string>;
  /** Participant id → the name the team sees (the pseudonym in anonymous sessions). */
  names: ReadonlyMap<string, string>;
}): TeamClocks {
  const { scenario } = input;
  const results = judgeClocks(input);
  const reached = new Set(input.events.filter((e) => e.kind === "reached").map((e) => (e as { nodeId: string }).nodeId));
  const nameOf = (id: string | null) => (id === null ? null : (input.names.get(id) ?? "—"));
  return {
    sessionId: input.sessionId,
    teamId: input.team.id,
    teamName: input.team.name,
    timeZone: storyZone(scenario).timeZone,
    compression: scenario.exerciseTime?.compression ?? null,
    running: input.running,
    storyNow: new Date(input.storyNow).toISOString(),
    serverTime: input.serverTime.toISOString(),
    clocks: results.map((r) => {
      const clock = scenario.clocks.find((c) => c.id === r.clockId)!;
      return {
        id: r.clockId,
        label: clock.label ?? r.regime,
        regime: r.regime,
        law: r.law,
        audience: clock.audience,
        manual: "manual" in clock.start,
        status: r.status,
        startedAt: iso(r.startedAt),
        deadlineAt: iso(r.deadlineAt),
        submittedAt: iso(r.submittedAt),
      };
    }),
    tasks: scenario.tasks.flatMap((task): NoticeTaskLive[] => {
      if (task.kind !== "notification") return [];
      const clock = scenario.clocks.find((c) => c.id === task.clock);
      const regime: Regime | undefined = clock && isRegimeId(clock.regime) ? REGIMES[clock.regime] : undefined;
      const required = new Set<string>([...(regime?.fields ?? []), ...(regime?.lateField ? [regime.lateField] : [])]);
      const result = results.find((r) => r.clockId === task.clock);
      const draft = input.drafts.find((d) => d.taskId === task.id);
      return [{
        id: task.id,
        title: task.title,
        clockId: task.clock,
        submitter: task.submitter ?? null,
        submitterHeld: task.submitter ? input.roles.has(task.submitter) : false,
        phased: task.phased,
        open: task.opensAt ? reached.has(task.opensAt) : result?.startedAt != null,
        revision: draft?.revision ?? 0,
        fields: task.fields.map((f) => {
          const stored = draft?.fields[f.id];
          return { id: f.id, label: f.label, help: f.help ?? null, required: required.has(f.id), value: stored?.value ?? "", by: nameOf(stored?.by ?? null), at: stored?.at ?? null };
        }),
        notices: input.notices
          .filter((n) => n.taskId === task.id)
          .map((n) => ({ id: n.id, storyAt: n.storyAt.toISOString(), status: n.status, by: nameOf(n.submittedBy) })),
      }];
    }),
  };
}

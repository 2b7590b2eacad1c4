import { describe, expect, it } from "vitest";
import { lintScenarioText } from "@/lib/scenario/lint";
import { applyEvent, startScenario, type EngineState, type TScenario } from "@/lib/scenario";
import { addDuration, formatLocal, parseLocal } from "@/lib/scoring/deadlines";
import { clockCapabilityPoints, evaluateClock, evaluateClocks, type NoticeSubmission } from "@/lib/scoring/clocks";
import { storyTimeline } from "@/lib/scoring/story-time";
import { readFixture } from "../scenario/helpers";

const WARSAW = { timeZone: "Europe/Warsaw" };
const NY = { timeZone: "America/New_York" };
const at = (local: string, zone = WARSAW.timeZone) => parseLocal(local, zone);
const show = (ms: number, zone = WARSAW.timeZone) => formatLocal(ms, zone);

describe("deadline arithmetic", () => {
  it("GDPR Art. 33: 72 elapsed hours, across the October DST change", () => {
    // Warsaw leaves summer time on 25 Oct 2026 at 03:00 → 02:00: 72 hours end an hour earlier on the wall clock.
    expect(show(addDuration(at("2026-10-23T10:00"), { hours: 72 }, WARSAW))).toBe("2026-10-26 09:00");
    expect(show(addDuration(at("2026-06-13T09:40"), { hours: 72 }, WARSAW))).toBe("2026-06-16 09:40");
  });

  it("NIS2 early warning: 24 hours across the March DST change", () => {
    expect(show(addDuration(at("2026-03-28T12:00"), { hours: 24 }, WARSAW))).toBe("2026-03-29 13:00");
  });

  it("HIPAA: 60 calendar days keep the local wall time over DST", () => {
    const start = at("2026-09-20T09:00", NY.timeZone);
    const due = addDuration(start, { days: 60 }, NY);
    expect(show(due, NY.timeZone)).toBe("2026-11-19 09:00");
    expect((due - start) / 3_600_000).toBe(60 * 24 + 1); // 1 Nov: clocks go back an hour
  });

  it("SEC 8-K: four business days skip the weekend and declared holidays", () => {
    // Determined on Thursday 2 July 2026: Fri 3 (observed holiday), Mon 6, Tue 7, Wed 8, Thu 9.
    const determined = at("2026-07-02T16:00", NY.timeZone);
    expect(show(addDuration(determined, { businessDays: 4 }, NY), NY.timeZone)).toBe("2026-07-08 23:59");
    expect(show(addDuration(determined, { businessDays: 4 }, { ...NY, holidays: ["2026-07-03"] }), NY.timeZone)).toBe("2026-07-09 23:59");
    // Friday determination: Mon–Thu.
    expect(show(addDuration(at("2026-07-10T09:00", NY.timeZone), { businessDays: 4 }, NY), NY.timeZone)).toBe("2026-07-16 23:59");
  });

  it("DORA and NIS2 final reports: one month, clamped to the month's end", () => {
    expect(show(addDuration(at("2026-01-31T10:00"), { months: 1 }, WARSAW))).toBe("2026-02-28 10:00");
    expect(show(addDuration(at("2026-03-15T10:00"), { months: 1 }, WARSAW))).toBe("2026-04-15 10:00");
  });

  it("a local time skipped by spring-forward moves past the gap", () => {
    expect(show(at("2026-03-29T02:30"))).toBe("2026-03-29 03:30");
  });
});

function scenarioOf(file: string): TScenario {
  const result = lintScenarioText(readFixture(file));
  expect(result.findings).toEqual([]);
  return result.scenario!;
}

function play(scenario: TScenario, moves: (string | null)[]): EngineState {
  let state = startScenario(scenario);
  for (const move of moves) {
    const result = applyEvent(scenario, state, move === null ? { type: "advance" } : { type: "choose", optionId: move });
    if (!result.ok) throw new Error(result.error.message);
    state = result.state;
  }
  return state;
}

const FULL = { nature: "Names and e-mails of ~2,000 customers", contact: "DPO, dpo@example.com", consequences: "Phishing", measures: "Firewalled" };

describe("clocks of a team", () => {
  const scenario = scenarioOf("valid-clocks.json");
  const clock = scenario.clocks[0];

  it("starts at awareness and is met by a complete notice in time", () => {
    const state = play(scenario, [null, "restrict", "escalate"]);
    const timeline = storyTimeline(scenario, state.history);
    // tip 60 min + contain 120 min: the team reaches "scope" at 12:12 Warsaw time.
    const notice = { taskId: "art33-notice", at: timeline.stepsAt, fields: FULL };
    const result = evaluateClock(scenario, clock, { events: timeline.events, submissions: [notice], now: timeline.stepsAt });
    expect(show(result.startedAt!)).toBe("2026-06-13 12:12");
    expect(show(result.deadlineAt!)).toBe("2026-06-16 12:12");
    expect(result).toMatchObject({ status: "met", timeliness: "on-time", missingFields: [], points: { timeliness: 2, completeness: 2, max: 4 } });
    expect(clockCapabilityPoints([result])).toEqual({ "RS.CO": { earned: 4, max: 4 } });
  });

  it("is breached when the story runs past the deadline, and late notices need the reasons for the delay", () => {
    const state = play(scenario, [null, "restrict", "monitor", "report"]);
    const timeline = storyTimeline(scenario, state.history);
    const open = evaluateClock(scenario, clock, { events: timeline.events, submissions: [], now: timeline.stepsAt });
    expect(open).toMatchObject({ status: "breached", timeliness: "open" });
    const late = evaluateClock(scenario, clock, {
      events: timeline.events,
      submissions: [{ taskId: "art33-notice", at: timeline.stepsAt, fields: FULL }],
      now: timeline.stepsAt,
    });
    expect(late).toMatchObject({ status: "late", timeliness: "late", lateByMs: 0 + (timeline.stepsAt - late.deadlineAt!), missingFields: ["delay-reasons"] });
    expect(late.points.timeliness).toBe(1);
    expect(late.points.completeness).toBeCloseTo(1.6);
    const never = evaluateClock(scenario, clock, { events: timeline.events, submissions: [], now: timeline.stepsAt, ended: true });
    expect(never).toMatchObject({ timeliness: "never", points: { timeliness: 0, completeness: 0, max: 4 } });
  });

  it("shows a warning with a quarter of the window left", () => {
    const state = play(scenario, [null, "restrict"]);
    const timeline = storyTimeline(scenario, state.history);
    const events = timeline.events;
    const start = events.find((e) => e.kind === "reached" && e.nodeId === "scope")!.at;
    const hour = 3_600_000;
    expect(evaluateClock(scenario, clock, { events, submissions: [], now: start + 53 * hour }).status).toBe("running");
    const warning = evaluateClock(scenario, clock, { events, submissions: [], now: start + 55 * hour });
    expect(warning.status).toBe("warning");
    expect(warning.remaining).toBeCloseTo(17 / 72);
  });

  it("completes a phased notice across phases, and ignores a rejected one", () => {
    const state = play(scenario, [null, "restrict", "escalate"]);
    const timeline = storyTimeline(scenario, state.history);
    const t = timeline.stepsAt;
    const phases: NoticeSubmission[] = [
      { taskId: "art33-notice", at: t, fields: { nature: "Feedback database exposed", contact: "DPO" } },
      { taskId: "art33-notice", at: t + 3_600_000, fields: { consequences: "Phishing", measures: "Firewalled" } },
    ];
    const result = evaluateClock(scenario, clock, { events: timeline.events, submissions: phases, now: t + 3_600_000 });
    expect(result).toMatchObject({ phases: 2, missingFields: [], timeliness: "on-time", submittedAt: t });
    const rejected = evaluateClock(scenario, clock, { events: timeline.events, submissions: [{ ...phases[0], status: "rejected" as const }], now: t });
    expect(rejected).toMatchObject({ phases: 0, submittedAt: null, status: "running" });
  });

  it("never starts on a path that does not reach its trigger, and scores nothing", () => {
    const state = play(scenario, [null]);
    const timeline = storyTimeline(scenario, state.history);
    const [result] = evaluateClocks(scenario, { events: timeline.events, submissions: [], now: timeline.stepsAt, ended: true });
    expect(result).toMatchObject({ status: "not-started", startedAt: null, deadlineAt: null, points: { max: 0 } });
    expect(clockCapabilityPoints([result])).toEqual({});
  });

  it("starts by hand and can be stopped by the facilitator", () => {
    const state = play(scenario, [null]);
    const timeline = storyTimeline(scenario, state.history);
    const manual = [{ clockId: "art33", action: "start" as const, at: timeline.stepsAt }];
    expect(evaluateClock(scenario, clock, { events: timeline.events, submissions: [], manual, now: timeline.stepsAt }).status).toBe("running");
    const stopped = evaluateClock(scenario, clock, { events: timeline.events, submissions: [], manual: [...manual, { clockId: "art33", action: "stop", at: timeline.stepsAt }], now: timeline.stepsAt });
    expect(stopped).toMatchObject({ status: "stopped", points: { max: 0 } });
  });

  it("DORA initial: 4 hours after classification, at most 24 hours after awareness", () => {
    const dora = {
      ...scenario,
      clocks: [{ ...clock, id: "dora", regime: "dora-initial", start: { reached: "notify" }, awareness: { reached: "tip" } }],
    } as TScenario;
    const state = play(dora, [null, "restrict", "escalate"]);
    const timeline = storyTimeline(dora, state.history);
    const quick = evaluateClock(dora, dora.clocks[0], { events: timeline.events, submissions: [], now: timeline.stepsAt });
    // aware 09:12, classified (reached notify) 14:12 → 4 hours later wins over 24 hours after awareness.
    expect(show(quick.startedAt!)).toBe("2026-06-13 09:12");
    expect(show(quick.deadlineAt!)).toBe("2026-06-13 18:12");
    const slow = play(dora, [null, "verify", "monitor"]);
    const slowTimeline = storyTimeline(dora, slow.history);
    const capped = evaluateClock(dora, dora.clocks[0], { events: slowTimeline.events, submissions: [], now: slowTimeline.stepsAt });
    expect(show(capped.deadlineAt!)).toBe("2026-06-14 09:12");
  });
});

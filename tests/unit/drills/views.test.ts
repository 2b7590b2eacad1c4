// The pure drill rules: when a drill is open, a decision's scaled time limit, an invitee's
// status, anonymous progress kept to the day, the two unlinkable token hashes, and the
// personal result built from a real engine run of the fixture scenario.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEvent, startScenario, ZScenario, type EngineState } from "@/lib/scenario";
import { drillPhase, drillTimeLimit, progressStatus, reminderDue } from "@/lib/drills/lifecycle";
import { invitationHash, isDrillToken, newDrillToken, progressTime, runHash } from "@/lib/drills/tokens";
import { drillResult, drillStep } from "@/lib/drills/views";

const scenario = ZScenario.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/scenarios/drill-solo.json"), "utf8")));

function play(events: Parameters<typeof applyEvent>[2][]): EngineState {
  let state = startScenario(scenario);
  for (const e of events) {
    const r = applyEvent(scenario, state, e);
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
  }
  return state;
}

describe("drill rules", () => {
  const t = (iso: string) => new Date(iso);
  it("is scheduled, open, then closed at the deadline or an early close", () => {
    const d = { opensAt: t("2026-01-10T09:00:00Z"), closesAt: t("2026-01-20T09:00:00Z"), closedAt: null };
    expect(drillPhase(d, t("2026-01-09T09:00:00Z"))).toBe("scheduled");
    expect(drillPhase(d, t("2026-01-10T09:00:00Z"))).toBe("open");
    expect(drillPhase(d, t("2026-01-20T09:00:00Z"))).toBe("closed");
    expect(drillPhase({ ...d, closedAt: t("2026-01-12T00:00:00Z") }, t("2026-01-13T00:00:00Z"))).toBe("closed");
  });

  it("scales time limits, never below 5 s, and has none when timers are off", () => {
    expect(drillTimeLimit({ timeLimitSeconds: 60 }, null)).toBeNull();
    expect(drillTimeLimit({ timeLimitSeconds: 60 }, 2)).toBe(120);
    expect(drillTimeLimit({ timeLimitSeconds: 20 }, 0.1)).toBe(5);
    expect(drillTimeLimit({}, 2)).toBeNull();
  });

  it("names the furthest stage an invitee reached", () => {
    const at = new Date();
    expect(progressStatus({ openedAt: null, startedAt: null, finishedAt: null })).toBe("invited");
    expect(progressStatus({ openedAt: at, startedAt: null, finishedAt: null })).toBe("opened");
    expect(progressStatus({ openedAt: at, startedAt: at, finishedAt: at })).toBe("finished");
  });

  it("keeps anonymous progress to the day, and hashes a token differently for invitation and run", () => {
    expect(progressTime(t("2026-03-04T17:45:12.345Z"), true).toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(progressTime(t("2026-03-04T17:45:12.345Z"), false).toISOString()).toBe("2026-03-04T17:45:12.345Z");
    const token = newDrillToken();
    expect(isDrillToken(token)).toBe(true);
    expect(isDrillToken(`${token}x`)).toBe(false);
    expect(invitationHash(token)).not.toBe(runHash(token));
    expect(invitationHash(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the personal result", () => {
  it("lists the path with better options, feedback, confidence, reasoning and linked training", () => {
    const state = play([{ type: "advance" }, { type: "choose", optionId: "wait" }, { type: "advance" }, { type: "choose", optionId: "yes" }]);
    const result = drillResult(scenario, state, [
      { nodeId: "contain", visit: 1, confidence: 5, reasoning: null },
      { nodeId: "notify", visit: 1, confidence: 2, reasoning: "The clock runs." },
    ]);
    expect(result.finished).toBe(true);
    expect(result.outcome).toBe("success");
    expect(result.points).toBe(2);
    expect(result.bestPoints).toBe(6);
    expect(result.decisions.map((d) => [d.nodeId, d.chosen.id, d.best, d.confidence])).toEqual([["contain", "wait", false, 5], ["notify", "yes", true, 2]]);
    expect(result.decisions[0].better).toEqual([{ id: "isolate", label: "Isolate the host", feedback: "Isolation keeps evidence.", points: 3 }]);
    expect(result.decisions[1].reasoning).toBe("The clock runs.");
    expect(result.training).toEqual([{ id: "t-contain", title: "Containing a compromised host", url: null }]);
  });

  it("records a timeout as a choice with no label, and shows the current step while playing", () => {
    const state = play([{ type: "advance" }, { type: "timeout" }]);
    const result = drillResult(scenario, state, []);
    expect(result.finished).toBe(false);
    expect(result.decisions[0].chosen).toMatchObject({ id: "@timeout", label: "", points: -2 });
    expect(drillStep(scenario, state, { seconds: null, deadlineAt: null })).toMatchObject({ kind: "inject", nodeId: "update" });
    const atDecision = play([{ type: "advance" }, { type: "choose", optionId: "isolate" }, { type: "advance" }]);
    expect(drillStep(scenario, atDecision, { seconds: null, deadlineAt: null })).toMatchObject({ kind: "decision", nodeId: "notify", justify: true, visit: 1 });
  });
});

describe("the automatic reminder", () => {
  const day = 86_400_000;
  const now = new Date("2026-12-03T12:00:00Z");
  const drill = (closesInDays: number, reminderDays: number, extra: { closedAt?: Date; opensAt?: Date } = {}) => ({
    opensAt: extra.opensAt ?? new Date(now.getTime() - 5 * day), closesAt: new Date(now.getTime() + closesInDays * day), closedAt: extra.closedAt ?? null, reminderDays,
  });
  it("is due from reminderDays before the deadline until the deadline", () => {
    expect(reminderDue(drill(3, 2), now)).toBe(false);
    expect(reminderDue(drill(2, 2), now)).toBe(true);
    expect(reminderDue(drill(0.5, 2), now)).toBe(true);
    expect(reminderDue(drill(7, 7), now)).toBe(true);
  });
  it("is never due when turned off, after the deadline, after an early close or before the drill opens", () => {
    expect(reminderDue(drill(1, 0), now)).toBe(false);
    expect(reminderDue(drill(-0.1, 2), now)).toBe(false);
    expect(reminderDue(drill(1, 2, { closedAt: new Date(now.getTime() - 1000) }), now)).toBe(false);
    expect(reminderDue(drill(1, 2, { opensAt: new Date(now.getTime() + 1000) }), now)).toBe(false);
  });
});

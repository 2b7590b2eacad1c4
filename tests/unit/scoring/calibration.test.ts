// Calibration of a drill participant's confidence: the 1–5 → probability mapping, the Brier score
// per person and pooled, the reliability table, and wrong choices ranked confidently wrong first.
// Every expected number is worked out by hand in the comments from the MINI scenario's scores.
import { describe, expect, it } from "vitest";
import {
  ZDrillDecision,
  analyseTrainingGaps,
  calibrateDecisions,
  confidenceProbability,
  poolCalibration,
  rankWrongDecisions,
  replayDrillPath,
  summariseCalibration,
  type TDrillDecision,
} from "@/lib/scoring";
import { miniScenario } from "./helpers";

const scenario = miniScenario();
const run = (...steps: Array<[string, string, number | null]>): TDrillDecision[] => steps.map(([nodeId, optionId, confidence]) => ({ nodeId, optionId, confidence }));

function calibrate(choices: TDrillDecision[]) {
  const path = replayDrillPath(scenario, choices);
  expect(path.skipped).toEqual([]);
  return calibrateDecisions(path.decisions, analyseTrainingGaps(scenario, path.decisions).decisions);
}

// A: escalate (total 5, the best) at 5, then briefed-statement (4, the best once escalated) at 4.
const A = run(["d-triage", "escalate", 5], ["d-comms", "briefed-statement", 4]);
// B: investigate (1 vs 5) at 4, look-again (0 vs 3) at 2, escalate-late (best) at 3, statement (3 = best; briefed is not on offer) at 5.
const B = run(["d-triage", "investigate", 4], ["d-recheck", "look-again", 2], ["d-recheck", "escalate-late", 3], ["d-comms", "statement", 5]);
// C: ignore (−4 vs 5, lost 9) at 3, escalate-late (best) at 1, spin (−4 vs 3, lost 7) at 5.
const C = run(["d-triage", "ignore", 3], ["d-recheck", "escalate-late", 1], ["d-comms", "spin", 5]);

describe("confidenceProbability", () => {
  it("maps 1–5 to 0.2–1.0 in steps of 0.2", () => {
    expect([1, 2, 3, 4, 5].map(confidenceProbability)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("refuses a confidence outside 1–5 or not whole, naming the field", () => {
    expect(() => confidenceProbability(0)).toThrow(/confidence must be a whole number from 1 to 5, got 0/);
    expect(() => confidenceProbability(6)).toThrow(RangeError);
    expect(() => confidenceProbability(3.5)).toThrow(/got 3.5/);
  });

  it("the drill record's schema points at the confidence of a choice that has none", () => {
    const missing = ZDrillDecision.safeParse({ nodeId: "d-triage", optionId: "escalate", confidence: null });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confidence", "a chosen option needs a confidence from 1 to 5; only a timeout has none"]]);
    expect(ZDrillDecision.safeParse({ nodeId: "d-triage", optionId: "escalate", confidence: 7 }).error!.issues[0].path).toEqual(["confidence"]);
    expect(ZDrillDecision.safeParse({ nodeId: "d-triage", optionId: "@timeout", confidence: null }).success).toBe(true);
  });
});

describe("summariseCalibration", () => {
  it("scores a well-calibrated, always-right person near 0", () => {
    // (1.0 − 1)² = 0 and (0.8 − 1)² = 0.04: Brier 0.02. Mean probability 0.9, accuracy 1.
    const summary = summariseCalibration(calibrate(A));
    expect(summary).toMatchObject({ people: 1, rated: 2, best: 2, accuracy: 1, confidentlyWrong: 0 });
    expect(summary.brier).toBeCloseTo(0.02, 12);
    expect(summary.meanProbability).toBeCloseTo(0.9, 12);
    expect(summary.overconfidence).toBeCloseTo(-0.1, 12);
  });

  it("scores an overconfident person: the Brier score, accuracy and the reliability table", () => {
    // 0.8 vs 0 → 0.64; 0.4 vs 0 → 0.16; 0.6 vs 1 → 0.16; 1.0 vs 1 → 0. Sum 0.96 over 4: 0.24.
    const decisions = calibrate(B);
    expect(decisions.map((d) => [d.optionId, d.probability, d.best, d.lost, d.tier])).toEqual([
      ["investigate", 0.8, false, 4, "confidently-wrong"],
      ["look-again", 0.4, false, 3, "unsure"],
      ["escalate-late", 0.6, true, 0, null],
      ["statement", 1, true, 0, null],
    ]);
    const summary = summariseCalibration(decisions);
    expect(summary.brier).toBeCloseTo(0.24, 12);
    expect(summary.accuracy).toBe(0.5);
    expect(summary.overconfidence).toBeCloseTo(0.2, 12);
    expect(summary.confidentlyWrong).toBe(1);
    expect(summary.levels.map((l) => [l.confidence, l.rated, l.best])).toEqual([[1, 0, 0], [2, 1, 0], [3, 1, 1], [4, 1, 0], [5, 1, 1]]);
  });

  it("leaves timeouts out (nothing was chosen) and reports nothing rated as null, not 0", () => {
    // @timeout at d-triage, then escalate-late (best) at 4: one rated decision, (0.8 − 1)² = 0.04.
    const decisions = calibrate(run(["d-triage", "@timeout", null], ["d-recheck", "escalate-late", 4]));
    expect(decisions.map((d) => d.optionId)).toEqual(["escalate-late"]);
    expect(summariseCalibration(decisions).brier).toBeCloseTo(0.04, 12);
    expect(summariseCalibration([])).toMatchObject({ people: 0, rated: 0, brier: null, accuracy: null, overconfidence: null });
  });
});

describe("poolCalibration", () => {
  it("averages people, not decisions, and sums the reliability table", () => {
    // A 0.02 (2 decisions), B 0.24 (4), C 2/3 (0.36 + 0.64 + 1 over 3): mean (0.02 + 0.24 + 0.6667) ÷ 3 = 0.308889.
    // Pooled over the 9 decisions it would be (0.04 + 0.96 + 2) ÷ 9 = 0.3333: B's long path would weigh more.
    const pooled = poolCalibration([A, B, C].map((choices) => summariseCalibration(calibrate(choices))));
    expect(pooled.people).toBe(3);
    expect(pooled.rated).toBe(9);
    expect(pooled.brier).toBeCloseTo((0.02 + 0.24 + 2 / 3) / 3, 12);
    expect(pooled.accuracy).toBeCloseTo((1 + 0.5 + 1 / 3) / 3, 12);
    expect(pooled.confidentlyWrong).toBe(2);
    // confidence 1: C's escalate-late; 3: B's escalate-late and C's ignore; 4: A's briefed, B's investigate; 5: A's escalate, B's statement, C's spin.
    expect(pooled.levels.map((l) => [l.confidence, l.rated, l.best])).toEqual([[1, 1, 1], [2, 1, 0], [3, 2, 1], [4, 2, 1], [5, 3, 2]]);
    expect(poolCalibration([summariseCalibration([])]).brier).toBeNull();
  });
});

describe("rankWrongDecisions", () => {
  it("ranks a confidently wrong choice above a hesitant one that lost more", () => {
    // C: spin at 5 lost 7 (confidently wrong) before ignore at 3 lost 9 (hesitant).
    expect(rankWrongDecisions(calibrate(C)).map((d) => [d.optionId, d.tier, d.lost])).toEqual([
      ["spin", "confidently-wrong", 7],
      ["ignore", "hesitant", 9],
    ]);
  });

  it("puts unsure last, and leaves best choices out", () => {
    expect(rankWrongDecisions(calibrate(B)).map((d) => d.optionId)).toEqual(["investigate", "look-again"]);
    expect(rankWrongDecisions(calibrate(A))).toEqual([]);
  });
});

describe("replayDrillPath", () => {
  it("records the engine's points, bestPoints and visits, and where the run ended", () => {
    const path = replayDrillPath(scenario, B);
    expect(path.decisions.map((d) => [d.nodeId, d.visit, d.points, d.bestPoints])).toEqual([
      ["d-triage", 1, { RS: 1 }, { RS: 3, GV: 2 }],
      ["d-recheck", 1, { RS: 0 }, { RS: 2, GV: 1 }],
      ["d-recheck", 2, { RS: 2, GV: 1 }, { RS: 2, GV: 1 }],
      ["d-comms", 1, { CO: 3 }, { CO: 3, RS: 1, LG: 0 }],
    ]);
    expect(path).toMatchObject({ finished: true, endNodeId: "end-good", outcome: "success" });
    expect(replayDrillPath(scenario, B.slice(0, 2))).toMatchObject({ finished: false, endNodeId: null, outcome: null });
  });

  it("stops at a choice the engine cannot follow, and says why", () => {
    // briefed-statement needs escalatedEarly, which investigate did not set.
    const path = replayDrillPath(scenario, run(["d-triage", "investigate", 3], ["d-recheck", "escalate-late", 3], ["d-comms", "briefed-statement", 4], ["d-comms", "statement", 4]));
    expect(path.decisions).toHaveLength(2);
    expect(path.skipped).toEqual([{ index: 2, nodeId: "d-comms", optionId: "briefed-statement", reason: 'option "briefed-statement" of decision "d-comms" is not available in this run' }]);
    expect(replayDrillPath(scenario, run(["d-comms", "statement", 4])).skipped[0].reason).toBe('the run is at decision "d-triage", not "d-comms"');
  });
});

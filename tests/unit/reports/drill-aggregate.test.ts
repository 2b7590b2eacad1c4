// A drill's report figures: readiness per person by the live rules, per team and organisation
// with k-suppression, calibration pooled per group, the paths taken, the most common wrong turns
// with sampled reasoning, and training recommendations. Expected numbers are worked out by hand
// in the comments from the MINI scenario's scores (tests/unit/scoring/helpers.ts).
import { describe, expect, it } from "vitest";
import { aggregateDrill, scoreDrillPerson, type DrillPersonScore } from "@/lib/reports/drill-aggregate";
import { scoreReadiness, type TDrillDecision, type TDrillParticipant } from "@/lib/scoring";
import { miniScenario, play } from "../scoring/helpers";

const scenario = miniScenario();
type Step = [nodeId: string, optionId: string, confidence: number | null, reasoning?: string];
const person = (participantId: string, teamId: string | null, ...steps: Step[]): TDrillParticipant => ({
  participantId,
  teamId,
  decisions: steps.map(([nodeId, optionId, confidence, reasoning]): TDrillDecision => ({ nodeId, optionId, confidence, ...(reasoning ? { reasoning } : {}) })),
});

// Readiness (RS / GV / CO / LG), Brier score:
const P1 = person("p1", "blue", ["d-triage", "escalate", 5], ["d-comms", "briefed-statement", 4]); // 100 / 100 / 100 / 100, 0.02
const P2 = person("p2", "blue", ["d-triage", "investigate", 4], ["d-recheck", "look-again", 2], ["d-recheck", "escalate-late", 3], ["d-comms", "statement", 5]); // 3/8 = 37.5 / 1/4 = 25 / 100 / 100, 0.24
const P3 = person("p3", "red", ["d-triage", "ignore", 3, "It looked like noise"], ["d-recheck", "escalate-late", 1], ["d-comms", "spin", 5, "Calm the press"]); // −1/6 → 0 / 0/3 → 0 / −2/3 → 0 / penalty 0, 2/3
const P4 = person("p4", "red", ["d-triage", "investigate", 5, "Need facts first"], ["d-recheck", "escalate-late", 4], ["d-comms", "statement", 4]); // 3/6 = 50 / 1/3 / 100 / 100, (1 + 0.04 + 0.04)/3 = 0.36
const P5 = person("p5", null, ["d-triage", "escalate", 4], ["d-comms", "spin", 4, "Say little"]); // 3/4 = 75 / 100 / 0 / 0, (0.04 + 0.64)/2 = 0.34
const P6 = person("p6", "red", ["d-triage", "investigate", 3, "Check logs"], ["d-recheck", "escalate-late", 5], ["d-comms", "statement", 5]); // as P4, 0.36/3 = 0.12
const people: DrillPersonScore[] = [P1, P2, P3, P4, P5, P6].map((p) => scoreDrillPerson(scenario, p));
const capability = (group: { capabilities: Array<{ capabilityId: string; readiness: unknown }> }, id: string) => group.capabilities.find((c) => c.capabilityId === id)!.readiness;

describe("scoreDrillPerson", () => {
  it("scores readiness with the live rules: the same report as a team that locked the same choices", () => {
    const live = scoreReadiness(scenario, play(scenario, ["investigate", "look-again", "escalate-late", "statement"]));
    expect(people[1].readiness).toEqual(live);
    expect(people[1].readiness.capabilities.map((c) => [c.capabilityId, c.percent])).toEqual([["RS", 37.5], ["GV", 25], ["CO", 100], ["LG", 100], ["RC", null]]);
    expect(people[1].ratings).toEqual({ RS: "U", GV: "U", CO: "P", LG: "P", RC: null });
    expect(people[4].ratings).toEqual({ RS: "S", GV: "P", CO: "U", LG: "U", RC: null });
  });

  it("lists the person's wrong choices confidently wrong first", () => {
    expect(people[2].wrongChoices.map((d) => d.optionId)).toEqual(["spin", "ignore"]);
    expect(people[2].calibration.brier).toBeCloseTo(2 / 3, 12);
  });
});

describe("aggregateDrill", () => {
  const k3 = aggregateDrill(scenario, people, { minGroupSize: 3 });

  it("averages readiness per capability over people, for the organisation and each team, withheld below k", () => {
    // RS: (100 + 37.5 + 0 + 50 + 75 + 50) ÷ 6 = 52.083 → M; own ratings P, U, U, M, S, M.
    expect(capability(k3.organisation, "RS")).toEqual({
      suppressed: false,
      respondents: 6,
      value: { percent: 312.5 / 6, rating: "M", ratings: { P: 1, S: 1, M: 2, U: 2 } },
    });
    // GV: (100 + 25 + 0 + 100/3 + 100 + 100/3) ÷ 6 = 48.61 → M.
    expect((capability(k3.organisation, "GV") as { value: { percent: number } }).value.percent).toBeCloseTo((225 + 200 / 3) / 6, 9);
    // RC is never scored: nobody assessed, so withheld (0 < k).
    expect(capability(k3.organisation, "RC")).toEqual({ suppressed: true, respondents: 0, minGroupSize: 3, reason: "small-group" });
    expect(k3.teams.map((t) => [t.teamId, t.people])).toEqual([["blue", 2], ["red", 3]]);
    // Blue has two people: withheld at k = 3. Red: RS (0 + 50 + 50) ÷ 3 = 33.3 → U.
    expect(capability(k3.teams[0], "RS")).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
    expect(capability(k3.teams[1], "RS")).toMatchObject({ suppressed: false, respondents: 3, value: { percent: 100 / 3, rating: "U", ratings: { P: 0, S: 0, M: 2, U: 1 } } });
    // At k = 2 blue shows: (100 + 37.5) ÷ 2 = 68.75 → S.
    const k2 = aggregateDrill(scenario, people, { minGroupSize: 2 });
    expect(capability(k2.teams[0], "RS")).toMatchObject({ suppressed: false, value: { percent: 68.75, rating: "S" } });
    expect(k3.participants).toBe(6);
    expect(k3.finished).toBe(6);
  });

  it("pools calibration per group, each person once", () => {
    // (0.02 + 0.24 + 2/3 + 0.36 + 0.34 + 0.12) ÷ 6 = 0.29111; red (2/3 + 0.36 + 0.12) ÷ 3 = 0.38222.
    const org = k3.organisation.calibration;
    expect(org.suppressed).toBe(false);
    if (!org.suppressed) expect(org.value.brier).toBeCloseTo((0.02 + 0.24 + 2 / 3 + 0.36 + 0.34 + 0.12) / 6, 12);
    const red = k3.teams[1].calibration;
    if (red.suppressed) throw new Error("red has three people");
    expect(red.value.brier).toBeCloseTo((2 / 3 + 0.36 + 0.12) / 3, 12);
    expect(red.value.confidentlyWrong).toBe(2); // p3's spin at 5, p4's investigate at 5
    expect(k3.teams[0].calibration).toMatchObject({ suppressed: true, respondents: 2 });
  });

  it("shows a path only when k people took it", () => {
    // p4 and p6 took investigate → escalate-late → statement; the other four paths are one person each.
    const k2 = aggregateDrill(scenario, people, { minGroupSize: 2 });
    expect(k2.paths).toEqual({
      shown: [
        {
          steps: [
            { nodeId: "d-triage", optionId: "investigate" },
            { nodeId: "d-recheck", optionId: "escalate-late" },
            { nodeId: "d-comms", optionId: "statement" },
          ],
          endNodeId: "end-good",
          outcome: "success",
          people: 2,
        },
      ],
      otherPeople: 4,
      otherPaths: 4,
    });
    expect(k3.paths).toEqual({ shown: [], otherPeople: 6, otherPaths: 5 });
  });

  it("ranks the most common wrong turns and samples reasoning only from k people", () => {
    // investigate: p2 (4), p4 (5), p6 (3), each losing 4 vs escalate. spin: p3 (5, lost 7), p5 (4, lost 8 vs briefed-statement).
    // look-again (p2, lost 3) and ignore (p3, lost 9): one person each, ignore first by cost.
    expect(k3.wrongTurns.map((t) => [t.nodeId, t.optionId, t.people, t.met, t.times, t.meanConfidence, t.confidentlyWrong, t.totalCost])).toEqual([
      ["d-triage", "investigate", 3, 6, 3, 4, 2, 12],
      ["d-comms", "spin", 2, 6, 2, 4.5, 2, 15],
      ["d-triage", "ignore", 1, 6, 1, 3, 0, 9],
      ["d-recheck", "look-again", 1, 4, 1, 2, 0, 3],
    ]);
    expect(k3.wrongTurns[0].label).toBe("Investigate alone");
    expect(k3.wrongTurns[0].betterOptionIds).toEqual(["escalate"]);
    expect(k3.wrongTurns[1].betterOptionIds).toEqual(["statement", "apology", "holding-line", "briefed-statement"]);
    // Three people took investigate: the two who wrote reasoning are quoted. Spin: two people, withheld at k = 3.
    const quoted = k3.wrongTurns[0].reasoning;
    if (quoted.suppressed) throw new Error("three people took investigate");
    expect([...quoted.value].sort()).toEqual(["Check logs", "Need facts first"]);
    expect(k3.wrongTurns[1].reasoning).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
    expect(k3.wrongTurns[2].reasoning).toMatchObject({ suppressed: true, respondents: 1 });
    // At k = 2 spin's two quotes show; with one sample, only one of them.
    const k2 = aggregateDrill(scenario, people, { minGroupSize: 2, reasoningSamples: 1 });
    const spin = k2.wrongTurns[1].reasoning;
    if (spin.suppressed) throw new Error("two people took spin");
    expect(spin.value).toHaveLength(1);
    expect(["Calm the press", "Say little"]).toContain(spin.value[0]);
  });

  it("recommends training with confidently wrong topics first", () => {
    // t-triage: p2 (2 visits, 7 lost, investigate at 4), p3 (ignore at 3, 9), p4 (at 5, 4), p6 (at 3, 4): 4 people, 5, 24, 2 confident.
    // t-legal and t-comms: p3 (spin at 5, 7) and p5 (spin at 4, 8): 2 people, 2, 15, 2 confident; tied, so t-legal (declared first).
    // t-escalate: p3's ignore at 3: no confident visit, so last although it cost 9.
    const training = k3.training;
    if (training.suppressed) throw new Error("six people took the drill");
    expect(training.value.map((t) => [t.trainingId, t.people, t.occurrences, t.totalCost, t.confidentlyWrong])).toEqual([
      ["t-triage", 4, 5, 24, 2],
      ["t-legal", 2, 2, 15, 2],
      ["t-comms", 2, 2, 15, 2],
      ["t-escalate", 1, 1, 9, 0],
    ]);
    expect(training.value[0].title).toBe("Triage");
    expect(aggregateDrill(scenario, people.slice(0, 2), { minGroupSize: 3 }).training).toMatchObject({ suppressed: true, respondents: 2 });
  });
});

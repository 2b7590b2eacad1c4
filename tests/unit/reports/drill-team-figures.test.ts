// What a closed drill adds to the dashboard: one figure per team of ≥ k finished people, whose
// percentage (read back with the dashboard's own readinessPercent) is the team's mean of people
// and whose points weigh like one team-session (the mean person's best points).
import { describe, expect, it } from "vitest";
import { scoreDrillPerson } from "@/lib/reports/drill-aggregate";
import { drillTeamFigures } from "@/lib/reports/drill-team-figures";
import { readinessPercent, type TDrillParticipant } from "@/lib/scoring";
import { miniScenario } from "../scoring/helpers";

const scenario = miniScenario();
const person = (participantId: string, teamId: string | null, ...steps: Array<[string, string, number]>): TDrillParticipant => ({
  participantId, teamId, decisions: steps.map(([nodeId, optionId, confidence]) => ({ nodeId, optionId, confidence })),
});
const people = [
  person("b1", "blue", ["d-triage", "escalate", 5], ["d-comms", "briefed-statement", 4]),
  person("b2", "blue", ["d-triage", "escalate", 5], ["d-comms", "briefed-statement", 4]),
  person("r1", "red", ["d-triage", "ignore", 3], ["d-recheck", "escalate-late", 1], ["d-comms", "spin", 5]),
  person("r2", "red", ["d-triage", "investigate", 5], ["d-recheck", "escalate-late", 4], ["d-comms", "statement", 4]),
  person("r3", "red", ["d-triage", "investigate", 3], ["d-recheck", "escalate-late", 5], ["d-comms", "statement", 5]),
  person("n1", null, ["d-triage", "escalate", 4], ["d-comms", "spin", 4]),
].map((p) => scoreDrillPerson(scenario, p));

describe("drillTeamFigures", () => {
  const figures = drillTeamFigures(people, 3);

  it("keeps only teams of at least k finished people; people without a team add nothing", () => {
    expect(figures.map((f) => [f.teamId, f.people])).toEqual([["red", 3]]);
    expect(drillTeamFigures(people, 2).map((f) => f.teamId)).toEqual(["blue", "red"]);
    const unfinished = people.map((p) => (p.participantId === "r3" ? { ...p, path: { ...p.path, finished: false } } : p));
    expect(drillTeamFigures(unfinished, 3)).toEqual([]);
  });

  it("reads back as the team's mean of people, weighed as the mean person's best points", () => {
    const red = people.filter((p) => p.teamId === "red");
    for (const cap of figures[0].capabilities) {
      const assessed = red.map((p) => p.readiness.capabilities.find((c) => c.capabilityId === cap.capabilityId)!).filter((c) => c.percent !== null);
      const meanPercent = assessed.reduce((a, c) => a + c.percent!, 0) / assessed.length;
      expect(readinessPercent(cap.earned, cap.best, cap.decisions).percent).toBeCloseTo(meanPercent, 9);
      expect(cap.respondents).toBe(assessed.length);
      const meanBest = assessed.reduce((a, c) => a + c.best, 0) / assessed.length;
      expect(cap.best).toBeCloseTo(meanBest > 0 ? meanBest : 1, 9);
    }
    // RS: 0, 50 and 50 % of 6 best points each → 33.3 % of 6.
    expect(figures[0].capabilities.find((c) => c.capabilityId === "RS")).toMatchObject({ best: 6, respondents: 3 });
    expect(figures[0].capabilities.find((c) => c.capabilityId === "RS")!.earned).toBeCloseTo(2, 9);
  });
});

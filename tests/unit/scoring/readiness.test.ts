// Readiness %: earned ÷ best on the decisions a team met, per capability, and the objective roll-up.
import { describe, expect, it } from "vitest";
import { readinessPercent, scoreReadiness, type ReadinessReport } from "@/lib/scoring";
import { decision, miniScenario, play } from "./helpers";

const scenario = miniScenario();

function capability(report: ReadinessReport, id: string) {
  const found = report.capabilities.find((c) => c.capabilityId === id);
  if (!found) throw new Error(`no capability ${id} in the report`);
  return found;
}
function objective(report: ReadinessReport, id: string) {
  const found = report.objectives.find((o) => o.objectiveId === id);
  if (!found) throw new Error(`no objective ${id} in the report`);
  return found;
}

describe("scoreReadiness", () => {
  it("divides the points earned by the best points of the same decisions, per capability", () => {
    // d-triage: investigate RS 1/3, GV 0/2; d-recheck ×2: look-again RS 0/2 GV 0/1, escalate-late RS 2/2 GV 1/1;
    // d-comms: statement CO 3/3, RS 0/1, LG 0/0.
    const report = scoreReadiness(scenario, play(scenario, ["investigate", "look-again", "escalate-late", "statement"]));
    expect(report.decisionsMet).toBe(4);
    expect(capability(report, "RS")).toMatchObject({ name: "Respond", earned: 3, best: 8, decisions: 4, percent: 37.5, basis: "ratio" });
    expect(capability(report, "GV")).toMatchObject({ earned: 1, best: 4, decisions: 3, percent: 25 });
    expect(capability(report, "CO")).toMatchObject({ earned: 3, best: 3, decisions: 1, percent: 100 });
  });

  it("does not punish a team for decisions it never met (shorter path)", () => {
    // The short path skips d-recheck entirely; its best points are not held against the team.
    const short = scoreReadiness(scenario, play(scenario, ["escalate", "briefed-statement"]));
    expect(short.decisionsMet).toBe(2);
    expect(capability(short, "RS")).toMatchObject({ earned: 4, best: 4, decisions: 2, percent: 100 });
    expect(capability(short, "GV")).toMatchObject({ earned: 2, best: 2, percent: 100 });
    expect(objective(short, "respond").percent).toBe(100);

    const long = scoreReadiness(scenario, play(scenario, ["investigate", "escalate-late", "statement"]));
    expect(capability(long, "RS").best).toBe(6); // 3 + 2 + 1: more decisions met, more points at stake
  });

  it("counts every visit of a looped decision", () => {
    const once = scoreReadiness(scenario, play(scenario, ["investigate", "escalate-late", "statement"]));
    const twice = scoreReadiness(scenario, play(scenario, ["investigate", "look-again", "escalate-late", "statement"]));
    expect(capability(once, "RS")).toMatchObject({ earned: 3, best: 6, decisions: 3, percent: 50 });
    // The extra visit adds 0 of 2 RS points: 3 of 8.
    expect(capability(twice, "RS")).toMatchObject({ earned: 3, best: 8, decisions: 4, percent: 37.5 });
  });

  it("scores timeouts by onTimeout, keeps negative raw points and clamps the % at 0", () => {
    const report = scoreReadiness(scenario, play(scenario, ["@timeout", "@timeout", "@timeout"]));
    expect(capability(report, "RS")).toMatchObject({ earned: -3, best: 6, decisions: 3, percent: 0 });
    expect(capability(report, "GV")).toMatchObject({ earned: -1, best: 3, percent: 0 });
    expect(capability(report, "CO")).toMatchObject({ earned: -1, best: 3, percent: 0 });
    // LG was at stake only as a penalty and the timeouts avoided it.
    expect(capability(report, "LG")).toMatchObject({ earned: 0, best: 0, percent: 100, basis: "penalty-only" });
  });

  it("reports a capability the team's decisions never scored as not assessed (null), not 0", () => {
    const report = scoreReadiness(scenario, play(scenario, ["escalate", "statement"]));
    expect(capability(report, "RC")).toEqual({ capabilityId: "RC", name: "Recover", earned: 0, best: 0, decisions: 0, percent: null, basis: "not-assessed" });
    expect(objective(report, "recover")).toMatchObject({ percent: null, assessed: [], notAssessed: ["RC"] });
  });

  it("gives every capability null when no decision was met at all", () => {
    const report = scoreReadiness(scenario, []);
    expect(report.decisionsMet).toBe(0);
    expect(report.capabilities.map((c) => c.percent)).toEqual([null, null, null, null, null]);
    expect(report.objectives.map((o) => o.percent)).toEqual([null, null, null]);
  });

  it("rates a penalty-only capability 100 when every penalty was avoided and 0 when one was taken", () => {
    const clean = scoreReadiness(scenario, play(scenario, ["escalate", "statement"]));
    const spun = scoreReadiness(scenario, play(scenario, ["escalate", "spin"]));
    expect(capability(clean, "LG")).toMatchObject({ earned: 0, best: 0, decisions: 1, percent: 100, basis: "penalty-only" });
    expect(capability(spun, "LG")).toMatchObject({ earned: -2, best: 0, decisions: 1, percent: 0, basis: "penalty-only" });
  });

  it("treats a negative best (every choice penalised) as penalty-only: the least bad choice is 100", () => {
    const least = scoreReadiness(scenario, [decision("d", { LG: -1 }, { LG: -1 })]);
    const worse = scoreReadiness(scenario, [decision("d", { LG: -3 }, { LG: -1 })]);
    expect(capability(least, "LG")).toMatchObject({ percent: 100, basis: "penalty-only" });
    expect(capability(worse, "LG")).toMatchObject({ earned: -3, best: -1, percent: 0 });
  });

  it("clamps an impossible earned > best at 100 and keeps the raw numbers", () => {
    const report = scoreReadiness(scenario, [decision("d", { RS: 5 }, { RS: 3 })]);
    expect(capability(report, "RS")).toMatchObject({ earned: 5, best: 3, percent: 100 });
  });

  it("nets gains against losses before dividing (a loss on one decision costs points won on another)", () => {
    const report = scoreReadiness(scenario, [decision("a", { RS: 3 }, { RS: 3 }), decision("b", { RS: -2 }, { RS: 2 }, { visit: 1 })]);
    expect(capability(report, "RS")).toMatchObject({ earned: 1, best: 5, percent: 20 });
  });

  it("is exact at threshold-like values and tolerant of fractional rounding noise", () => {
    expect(readinessPercent(17, 20, 1).percent).toBe(85);
    // 0.3 − 0.1 − 0.2 is −2.8e-17 in floating point, not 0; the team still earned the best.
    const noisy = scoreReadiness(scenario, [decision("a", { LG: 0.3 }, { LG: 0 }), decision("b", { LG: -0.1 }, { LG: 0 }), decision("c", { LG: -0.2 }, { LG: 0 })]);
    expect(capability(noisy, "LG").earned).toBeLessThan(0);
    expect(capability(noisy, "LG")).toMatchObject({ basis: "penalty-only", percent: 100 });
  });

  it("keeps points for a capability the scenario does not declare, after the declared ones", () => {
    const report = scoreReadiness(scenario, [decision("d", { RS: 1, ZZ: 2 }, { RS: 1, ZZ: 4 })]);
    expect(report.capabilities.map((c) => c.capabilityId)).toEqual(["RS", "GV", "CO", "LG", "RC", "ZZ"]);
    expect(capability(report, "ZZ")).toMatchObject({ name: "ZZ", percent: 50 });
  });

  it("rolls an objective up as the unweighted mean of its assessed capabilities", () => {
    // RS 3/8 = 37.5 (8 points at stake) and GV 1/4 = 25 (4 points): mean 31.25, not the pooled 4/12 = 33.3.
    const report = scoreReadiness(scenario, play(scenario, ["investigate", "look-again", "escalate-late", "statement"]));
    expect(objective(report, "respond")).toMatchObject({ capabilityIds: ["RS", "GV"], assessed: ["RS", "GV"], notAssessed: [], percent: 31.25 });
    // CO 100 and LG 100 (penalty-only, avoided): a capability with nothing to gain still counts.
    expect(objective(report, "communicate").percent).toBe(100);
  });

  it("rolls an objective up from the capabilities that were assessed, and says which were not", () => {
    const withPartial = { ...scenario, objectives: [{ id: "mixed", text: "Mixed.", capabilities: ["CO", "RC"] }] };
    const report = scoreReadiness(withPartial, play(scenario, ["escalate", "holding-line"]));
    // CO: holding-line 1 of 3.
    expect(report.objectives[0]).toMatchObject({ assessed: ["CO"], notAssessed: ["RC"], percent: 100 / 3 });
  });
});

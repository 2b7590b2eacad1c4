// The closing note's summary of one person's own result: readiness, decisions that matched the
// best option and calibration in words, in the recipient's language, from their answers only.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZScenario } from "@/lib/scenario";
import { closingSummary } from "@/lib/drills/closing-summary";

const scenario = ZScenario.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/scenarios/drill-solo.json"), "utf8")));

describe("the closing note's summary", () => {
  // Waiting to contain (RS −1 of 3: 0 %) and notifying (GV 3 of 3: 100 %), sure of both.
  const overconfident = [
    { nodeId: "contain", optionId: "wait", confidence: 4 },
    { nodeId: "notify", optionId: "yes", confidence: 5 },
  ];

  it("states readiness, the decisions that matched the best option and calibration, in English", () => {
    expect(closingSummary(scenario, overconfident, "en")).toBe(
      "readiness 50%; 1 of 2 decisions matched the best option; you were more confident than your results (overconfident); 1 choice was confidently wrong.",
    );
  });

  it("says the same in Polish", () => {
    expect(closingSummary(scenario, overconfident, "pl")).toBe(
      "gotowość 50%; 1 z 2 decyzji zgodnych z najlepszą opcją; pewność siebie była większa niż wyniki (nadmierna pewność); 1 wybór był błędny mimo dużej pewności.",
    );
  });

  it("changes with the person's own answers: all best and sure reads as well calibrated", () => {
    const best = [
      { nodeId: "contain", optionId: "isolate", confidence: 5 },
      { nodeId: "notify", optionId: "yes", confidence: 5 },
    ];
    expect(closingSummary(scenario, best, "en")).toBe("readiness 100%; 2 of 2 decisions matched the best option; your confidence matched your results well.");
    const unsure = [
      { nodeId: "contain", optionId: "isolate", confidence: 1 },
      { nodeId: "notify", optionId: "yes", confidence: 2 },
    ];
    expect(closingSummary(scenario, unsure, "en")).toContain("less confident than your results (underconfident)");
  });

  it("says calibration is not measured when every decision timed out", () => {
    const timedOut = [{ nodeId: "contain", optionId: "@timeout", confidence: null }];
    expect(closingSummary(scenario, timedOut, "en")).toContain("no confidence was given, so calibration is not measured");
  });
});

// The AAR's CSF table: functions and their categories per team, from a scenario played
// through the real engine; withheld teams stay withheld.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZScenario } from "@/lib/scenario";
import { assembleAar } from "@/lib/reports/aar";
import { csfMatrix } from "@/lib/reports/aar-csf";
import { play } from "./aar-fixture";

function scenarioWithCategories() {
  const doc = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/scenarios/valid-minimal.json"), "utf8"));
  doc.capabilities.push({ id: "RS.CO", name: "Incident Response Reporting and Communication", framework: "nist-csf-2.0", ref: "RS.CO" });
  doc.capabilities.push({ id: "ID.IM", name: "Improvement", framework: "nist-csf-2.0", ref: "ID.IM" });
  doc.nodes[3].options[0].score = { GV: 2, "RS.CO": 2, "ID.IM": 1 };
  doc.nodes[3].options[1].score = { GV: 0, "RS.CO": 0, "ID.IM": 0 };
  return ZScenario.parse(doc);
}

describe("csfMatrix", () => {
  const scenario = scenarioWithCategories();

  it("lists each function the scenario maps to, then its categories, with each team's readiness", () => {
    const report = assembleAar(play(scenario, [{ name: "Best", strategy: "best" }, { name: "Worst", strategy: "worst" }]));
    const rows = csfMatrix(report);
    expect(rows.map((r) => `${r.level}:${r.id}`)).toEqual([
      "function:GV",
      "function:ID",
      "category:ID.IM",
      "function:DE",
      "function:RS",
      "category:RS.CO",
    ]);
    const percents = (id: string) => rows.find((r) => r.id === id)!.cells.map((c) => c.percent);
    expect(percents("RS.CO")).toEqual([100, 0]);
    expect(percents("ID.IM")).toEqual([100, 0]);
    // RS adds up the function capability and its category: the best team earned all of both.
    expect(percents("RS")).toEqual([100, 0]);
    const rs = rows.find((r) => r.id === "RS")!.cells[0];
    const readiness = (id: string) => report.teams[0].breakdown.suppressed ? null : report.teams[0].breakdown.value.readiness.capabilities.find((c) => c.capabilityId === id)!;
    expect(rs.best).toBe(readiness("RS")!.best + readiness("RS.CO")!.best);
  });

  it("withholds the cells of a team too small to show in an anonymous session", () => {
    const report = assembleAar(play(scenario, [{ name: "Small", strategy: "best", members: 2, voters: 2 }, { name: "Large", strategy: "best", members: 4, voters: 4 }], { anonymous: true, minGroupSize: 3 }));
    const row = csfMatrix(report).find((r) => r.id === "RS.CO")!;
    expect(row.cells.map((c) => [c.suppressed, c.percent])).toEqual([
      [true, null],
      [false, 100],
    ]);
  });

  it("is empty for a scenario that maps nothing to CSF", () => {
    const custom = scenarioWithCategories();
    for (const c of custom.capabilities) c.framework = "custom";
    expect(csfMatrix(assembleAar(play(custom, [{ name: "A", strategy: "best" }])))).toEqual([]);
  });
});

// Checks the bundled library in scenarios/: every file lints clean (no warnings either) and
// random walks through each one end within a bound with consistent scores.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEvent, bestPoints, describeOptions, startScenario, type EngineEvent } from "@/lib/scenario/engine";
import { formatFinding, lintScenarioText } from "@/lib/scenario/lint";
import type { TScenario } from "@/lib/scenario/schema";
import { bundledScenarioFiles, seededRandom } from "./helpers";

const WALKS_PER_SCENARIO = 200;
const MAX_STEPS = 500;
const files = bundledScenarioFiles();

function load(file: string): TScenario {
  const { scenario, findings } = lintScenarioText(readFileSync(file, "utf8"));
  if (!scenario) throw new Error(`${path.basename(file)} does not lint: ${findings.map((f) => formatFinding(file, f)).join("\n")}`);
  return scenario;
}

describe("bundled scenarios", () => {
  it("exist in scenarios/", () => {
    expect(files, "there are no scenarios: scenarios/*.json is empty").not.toEqual([]);
  });

  it("have unique scenario ids", () => {
    const ids = files.map((file) => (JSON.parse(readFileSync(file, "utf8")) as { id?: unknown }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const file of files) {
    const name = path.basename(file);

    it(`${name} lints with no errors and no warnings`, () => {
      const { findings } = lintScenarioText(readFileSync(file, "utf8"));
      expect(findings.map((f) => formatFinding(name, f))).toEqual([]);
    });

    it(`${name} is named after its id, points at the JSON schema, and has at least 3 decisions and 2 endings`, () => {
      const scenario = load(file);
      expect(name).toBe(`${scenario.id}.json`);
      expect(scenario.$schema).toBe("./scenario.schema.json");
      expect(scenario.nodes.filter((n) => n.type === "decision").length).toBeGreaterThanOrEqual(3);
      expect(scenario.nodes.filter((n) => n.type === "end").length).toBeGreaterThanOrEqual(2);
    });

    it(`${name}: ${WALKS_PER_SCENARIO} random walks end within ${MAX_STEPS} steps with consistent scores`, () => {
      const scenario = load(file);
      const endingsSeen = new Set<string>();
      for (let seed = 1; seed <= WALKS_PER_SCENARIO; seed++) {
        const random = seededRandom(seed);
        let state = startScenario(scenario);
        const expected: Record<string, number> = Object.fromEntries(scenario.capabilities.map((c) => [c.id, 0]));
        let steps = 0;
        for (; state.status === "running" && steps < MAX_STEPS; steps++) {
          const node = scenario.nodes.find((n) => n.id === state.nodeId);
          let event: EngineEvent;
          if (node?.type === "inject") {
            event = { type: "advance" };
          } else if (node?.type === "decision") {
            const choices: EngineEvent[] = describeOptions(scenario, state)
              .filter((o) => o.available)
              .map((o) => ({ type: "choose", optionId: o.id }));
            if (node.onTimeout) choices.push({ type: "timeout" });
            expect(choices.length, `seed ${seed}: nothing to choose at "${node.id}"`).toBeGreaterThan(0);
            const picked = choices[Math.floor(random() * choices.length)];
            event = picked;
            const best = bestPoints(node, state);
            const points =
              (picked.type === "choose" ? node.options.find((o) => o.id === picked.optionId)?.score : node.onTimeout?.score) ?? {};
            for (const [capability, value] of Object.entries(points)) {
              expected[capability] += value;
              expect(value, `seed ${seed}: "${node.id}" awards more ${capability} than bestPoints`).toBeLessThanOrEqual(best[capability]);
            }
          } else {
            throw new Error(`seed ${seed}: resting on "${state.nodeId}", which is ${node ? `a ${node.type}` : "not a node"}`);
          }
          const result = applyEvent(scenario, state, event);
          if (!result.ok) throw new Error(`seed ${seed}: ${result.error.code}: ${result.error.message}`);
          state = result.state;
        }
        expect(state.status, `seed ${seed}: no end after ${MAX_STEPS} steps (at "${state.nodeId}")`).toBe("ended");
        expect(state.scores, `seed ${seed}: scores differ from the sum of chosen points`).toEqual(expected);
        endingsSeen.add(state.nodeId);
      }
      expect(endingsSeen.size, "random walks should reach at least two different endings").toBeGreaterThanOrEqual(2);
    });
  }
});

// Plays every bundled scenario with the engine along its best path (the highest-scoring
// available option at each decision) and its worst path (the lowest), and explores the
// choices exhaustively: a good team must not fail, and some path must end badly, or the
// exercise has nothing to teach. New files in scenarios/ are covered without listing them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEvent, describeOptions, startScenario, type EngineEvent, type EngineState } from "@/lib/scenario/engine";
import { lintScenarioText } from "@/lib/scenario/lint";
import { optionTotal } from "@/lib/scenario/lint/pedagogy";
import type { TEndNode, TScenario } from "@/lib/scenario/schema";
import { bundledScenarioFiles, minimalScenario } from "./helpers";

const MAX_STEPS = 500;
const MAX_EXPLORED_STATES = 20_000;

type Pick = "best" | "worst";

function step(scenario: TScenario, state: EngineState, event: EngineEvent): EngineState {
  const result = applyEvent(scenario, state, event);
  if (!result.ok) throw new Error(`at "${state.nodeId}": ${result.error.code}: ${result.error.message}`);
  return result.state;
}

/** The events a team can send where the state rests: advance, or one per available option. */
function choices(scenario: TScenario, state: EngineState): EngineEvent[] {
  const node = scenario.nodes.find((n) => n.id === state.nodeId);
  if (node?.type === "inject") return [{ type: "advance" }];
  if (node?.type !== "decision") throw new Error(`resting on "${state.nodeId}", which is ${node ? `a ${node.type}` : "not a node"}`);
  return describeOptions(scenario, state)
    .filter((o) => o.available)
    .map((o) => ({ type: "choose", optionId: o.id }));
}

/** Walks one path, always taking the highest (or lowest) total; ties go to the first listed option. */
function playPath(scenario: TScenario, pick: Pick): { end: TEndNode; path: string[] } {
  let state = startScenario(scenario);
  const taken: string[] = [];
  for (let steps = 0; state.status === "running"; steps++) {
    if (steps >= MAX_STEPS) throw new Error(`no end after ${MAX_STEPS} steps (at "${state.nodeId}")`);
    const node = scenario.nodes.find((n) => n.id === state.nodeId);
    const events = choices(scenario, state);
    if (events.length === 0) throw new Error(`nothing to choose at "${state.nodeId}"`);
    let event = events[0];
    if (node?.type === "decision") {
      const total = (e: EngineEvent) => optionTotal(node.options.find((o) => e.type === "choose" && o.id === e.optionId) ?? {});
      for (const candidate of events) {
        if (pick === "best" ? total(candidate) > total(event) : total(candidate) < total(event)) event = candidate;
      }
      if (event.type === "choose") taken.push(`${node.id}.${event.optionId}`);
    }
    state = step(scenario, state, event);
  }
  const end = scenario.nodes.find((n) => n.id === state.nodeId);
  if (end?.type !== "end") throw new Error(`ended on "${state.nodeId}", which is not an end node`);
  return { end, path: taken };
}

/** Every outcome reachable by some sequence of choices (bounded, depth first). */
function reachableOutcomes(scenario: TScenario): Set<TEndNode["outcome"]> {
  const outcomes = new Set<TEndNode["outcome"]>();
  const stack: Array<{ state: EngineState; depth: number }> = [{ state: startScenario(scenario), depth: 0 }];
  for (let explored = 0; stack.length > 0 && explored < MAX_EXPLORED_STATES; explored++) {
    const { state, depth } = stack.pop()!;
    if (state.status === "ended") {
      const end = scenario.nodes.find((n) => n.id === state.nodeId);
      if (end?.type === "end") outcomes.add(end.outcome);
      continue;
    }
    if (depth >= MAX_STEPS) continue;
    for (const event of choices(scenario, state)) stack.push({ state: step(scenario, state, event), depth: depth + 1 });
  }
  return outcomes;
}

function load(file: string): TScenario {
  const { scenario, findings } = lintScenarioText(readFileSync(file, "utf8"));
  if (!scenario) throw new Error(`${path.basename(file)} has lint errors: ${findings.map((f) => `${f.code} ${f.pointer}`).join(", ")}`);
  return scenario;
}

describe("playtest of the bundled library", () => {
  const files = bundledScenarioFiles();

  it("finds scenarios to play", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = path.basename(file);
    it(`${name}: the best path does not fail, the worst path ends, and some path ends badly`, () => {
      const scenario = load(file);
      const best = playPath(scenario, "best");
      const worst = playPath(scenario, "worst");
      expect(best.end.outcome, `best path ${best.path.join(" → ")} ends in "${best.end.id}"`).not.toBe("failure");
      const outcomes = reachableOutcomes(scenario);
      outcomes.add(worst.end.outcome);
      expect(
        [...outcomes].some((o) => o === "failure" || o === "partial"),
        `no path ends in failure or partial (worst path: ${worst.path.join(" → ")} ends in "${worst.end.id}")`,
      ).toBe(true);
    });
  }
});

describe("playPath", () => {
  it("follows the highest and the lowest totals of the reference scenario", () => {
    const scenario = lintScenarioText(JSON.stringify(minimalScenario())).scenario!;
    const best = playPath(scenario, "best");
    expect(best.path).toEqual(["contain.restrict", "scope.escalate", "notify.report"]);
    expect(best.end.id).toBe("success");
    const worst = playPath(scenario, "worst");
    expect(worst.path).toEqual(["contain.verify", "scope.monitor", "notify.skip"]);
    expect(worst.end.outcome).toBe("failure");
  });

  it("reports a scenario whose best path fails", () => {
    const s = minimalScenario();
    s.nodes[3].options[0].next = "failure";
    const scenario = lintScenarioText(JSON.stringify(s)).scenario!;
    expect(playPath(scenario, "best").end.outcome).toBe("failure");
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZScenario, applyEvent, describeOptions, findNode, startScenario, type TScenario } from "@/lib/scenario";
import { computeCoverage } from "@/lib/studio/coverage";
import { bundledScenarioFiles, minimalScenario, seededRandom } from "../scenario/helpers";

const parse = (doc: unknown) => ZScenario.parse(doc);

describe("coverage", () => {
  it("gives per-decision point ranges, endings reachable from each decision, and run totals", () => {
    const c = computeCoverage(parse(minimalScenario()));
    const byId = Object.fromEntries(c.decisions.map((d) => [d.nodeId, d]));
    expect(byId.contain.points).toEqual({ DE: { min: 0, max: 1 }, RS: { min: 0, max: 2 }, GV: { min: 0, max: 0 } });
    expect(byId.scope.points).toEqual({ DE: { min: 0, max: 1 }, RS: { min: 0, max: 1 }, GV: { min: 0, max: 2 } });
    expect(byId.notify.endings).toEqual(["failure", "success"]);
    expect(c.decisions.every((d) => d.reached && d.neverAvailable.length === 0)).toBe(true);
    expect(c.endings.map((e) => [e.nodeId, e.reachable])).toEqual([["success", true], ["failure", true]]);
    // Best run: restrict (DE 1, RS 2) → escalate (GV 2, DE 1) → report (GV 2); lock-down is closed after restrict.
    expect(c.totals).toEqual({ DE: { min: 0, max: 2 }, RS: { min: 0, max: 2 }, GV: { min: 0, max: 4 } });
    expect(c.truncated).toBe(false);
  });

  it("counts only choices a run can really make, and flags endings no run reaches", () => {
    const doc = minimalScenario();
    doc.nodes[2].options[1].when = { var: "hoursElapsed", op: "gt", value: 1000 };
    // The only way to "success" needs contained && hours ≤ 72; make containment impossible.
    doc.nodes[1].options[0].effects = [{ add: "hoursElapsed", value: 2 }];
    const c = computeCoverage(parse(doc));
    const scope = c.decisions.find((d) => d.nodeId === "scope")!;
    expect(scope.neverAvailable).toEqual(["lock-down"]);
    expect(scope.points.RS).toEqual({ min: 0, max: 0 });
    expect(scope.endings).toEqual(["failure"]);
    expect(c.endings.find((e) => e.nodeId === "success")!.reachable).toBe(false);
  });

  it("reports unbounded totals for a loop that can repeat", { timeout: 30_000 }, () => {
    const doc = minimalScenario();
    doc.nodes[3].options[1].next = "tip"; // "skip" starts over: the same situations come round again
    doc.nodes[3].options[1].score = { GV: 1 };
    const c = computeCoverage(parse(doc));
    expect(c.totals).toBeNull();
    expect(c.endings.every((e) => e.reachable)).toBe(true);
  });

  it("merges runs that differ only in options no condition names", () => {
    // Seven decisions of four options; the ending asks for option "a" at each. A run's future
    // depends only on whether it chose "a" at each decision (2^7 cases), not on which of the
    // other three it chose (4^7 = 16,384 cases, over MAX_SITUATIONS).
    const steps = 7;
    const options = ["a", "b", "c", "d"];
    const doc = {
      schemaVersion: 1,
      id: "many-choices",
      title: "Many choices",
      summary: "Seven decisions, one ending for choosing a at all of them.",
      estimatedMinutes: 10,
      tags: [],
      capabilities: [{ id: "RS", name: "Respond", framework: "nist-csf-2.0", ref: "RS" }],
      objectives: [],
      training: [],
      start: "d0",
      nodes: [
        ...Array.from({ length: steps }, (_, i) => ({
          id: `d${i}`,
          type: "decision",
          prompt: `Step ${i}`,
          options: options.map((id, k) => ({ id, label: id, score: { RS: 3 - k }, next: i + 1 < steps ? `d${i + 1}` : "outcome" })),
        })),
        {
          id: "outcome",
          type: "branch",
          cases: [{ when: { all: Array.from({ length: steps }, (_, i) => ({ chose: `d${i}.a` })) }, next: "good" }],
          else: "bad",
        },
        { id: "good", type: "end", title: "Good", outcome: "success", debrief: "All a." },
        { id: "bad", type: "end", title: "Bad", outcome: "failure", debrief: "Not all a." },
      ],
    };
    const c = computeCoverage(parse(doc));
    expect(c.truncated).toBe(false);
    expect(c.situations).toBeLessThan(options.length ** steps);
    expect(c.endings.map((e) => [e.nodeId, e.reachable])).toEqual([["good", true], ["bad", true]]);
    expect(c.totals).toEqual({ RS: { min: 0, max: 3 * steps } });
    const last = c.decisions.find((d) => d.nodeId === `d${steps - 1}`)!;
    expect(last.neverAvailable).toEqual([]);
    expect(last.endings).toEqual(["bad", "good"]);
  });

  it.each(bundledScenarioFiles().map((f) => [f.split("/").pop()!, f]))("%s: every ending reachable, and random runs stay within the computed ranges", (_, file) => {
    const scenario: TScenario = parse(JSON.parse(readFileSync(file, "utf8")));
    const c = computeCoverage(scenario);
    expect(c.truncated).toBe(false);
    expect(c.endings.every((e) => e.reachable)).toBe(true);
    expect(c.decisions.every((d) => d.reached)).toBe(true);
    const random = seededRandom(7);
    for (let run = 0; run < 50; run++) {
      let state = startScenario(scenario);
      for (let step = 0; state.status === "running" && step < 500; step++) {
        const node = findNode(scenario, state.nodeId)!;
        const options = describeOptions(scenario, state).filter((o) => o.available);
        const event =
          node.type === "inject"
            ? ({ type: "advance" } as const)
            : node.type === "decision" && node.onTimeout && random() < 0.2
              ? ({ type: "timeout" } as const)
              : ({ type: "choose", optionId: options[Math.floor(random() * options.length)].id } as const);
        const result = applyEvent(scenario, state, event);
        if (!result.ok) throw new Error(result.error.message);
        state = result.state;
      }
      expect(state.status).toBe("ended");
      if (c.totals) {
        for (const [capability, value] of Object.entries(state.scores)) {
          expect(value).toBeGreaterThanOrEqual(c.totals[capability].min);
          expect(value).toBeLessThanOrEqual(c.totals[capability].max);
        }
      }
    }
  });
});

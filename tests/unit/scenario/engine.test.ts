import { describe, expect, it } from "vitest";
import {
  MAX_BRANCH_CHAIN,
  ScenarioEngineError,
  applyEvent,
  bestPoints,
  describeOptions,
  startScenario,
  type EngineEvent,
  type EngineState,
} from "@/lib/scenario/engine";
import { lintScenario } from "@/lib/scenario/lint";
import { ZScenario, type TDecisionNode, type TScenario, type TScenarioInput } from "@/lib/scenario/schema";
import { minimalScenario } from "./helpers";

function build(nodes: TScenarioInput["nodes"], variables: TScenarioInput["variables"] = {}, start = nodes[0].id): TScenario {
  return ZScenario.parse({
    schemaVersion: 1,
    id: "engine-test",
    title: "Engine test",
    summary: "Built in a test.",
    estimatedMinutes: 5,
    tags: [],
    capabilities: [
      { id: "RS", name: "Respond" },
      { id: "GV", name: "Govern" },
    ],
    objectives: [],
    training: [],
    variables,
    start,
    nodes,
  });
}

const end = (id: string, outcome: "success" | "partial" | "failure" = "success") =>
  ({ id, type: "end", title: id, outcome, debrief: "Debrief." }) as const;

/** Applies events and fails the test on the first engine error. */
function play(scenario: TScenario, events: EngineEvent[], state = startScenario(scenario)): EngineState {
  for (const event of events) {
    const result = applyEvent(scenario, state, event);
    if (!result.ok) throw new Error(`${event.type}: ${result.error.code} ${result.error.message}`);
    state = result.state;
  }
  return state;
}

const reference = () => ZScenario.parse(minimalScenario());

describe("startScenario", () => {
  it("rests on the start node with defaults, zero scores and one visit", () => {
    const state = startScenario(reference());
    expect(state).toEqual({
      nodeId: "tip",
      status: "running",
      vars: { contained: false, hoursElapsed: 0 },
      visits: { tip: 1 },
      choices: {},
      scores: { DE: 0, RS: 0, GV: 0 },
      history: [{ nodeId: "tip", event: "enter" }],
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("resolves a branch at the start instead of resting on it", () => {
    const scenario = build(
      [
        { id: "gate", type: "branch", cases: [{ when: { var: "vip", op: "eq", value: true }, next: "vip-end" }], else: "plain" },
        { id: "plain", type: "inject", title: "Plain", body: "b", next: "done" },
        end("vip-end"),
        end("done"),
      ],
      { vip: { type: "boolean", default: false } },
    );
    const state = startScenario(scenario);
    expect(state.nodeId).toBe("plain");
    expect(state.visits).toEqual({ gate: 1, plain: 1 });
  });

  it("throws a typed error for a loop made only of branches", () => {
    const scenario = build([
      { id: "a", type: "branch", cases: [{ when: { visited: "nowhere-yet" }, next: "z" }], else: "b" },
      { id: "b", type: "branch", cases: [{ when: { visited: "nowhere-yet" }, next: "z" }], else: "a" },
      { id: "nowhere-yet", type: "inject", title: "t", body: "b", next: "z" },
      end("z"),
    ]);
    let caught: unknown;
    try {
      startScenario(scenario);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioEngineError);
    expect((caught as ScenarioEngineError).code).toBe("BRANCH_LOOP");
    expect((caught as ScenarioEngineError).message).toContain(String(MAX_BRANCH_CHAIN));
  });
});

describe("applyEvent", () => {
  it("plays the reference scenario to a success ending", () => {
    const scenario = reference();
    const state = play(scenario, [
      { type: "advance" },
      { type: "choose", optionId: "restrict" },
      { type: "choose", optionId: "escalate" },
      { type: "choose", optionId: "report" },
    ]);
    expect(state.status).toBe("ended");
    expect(state.outcome).toBe("success");
    expect(state.nodeId).toBe("success");
    expect(state.vars).toEqual({ contained: true, hoursElapsed: 6 });
    expect(state.scores).toEqual({ DE: 2, RS: 2, GV: 4 });
    expect(state.choices).toEqual({ contain: "restrict", scope: "escalate", notify: "report" });
    expect(state.visits["on-time"]).toBe(1);
  });

  it("takes the branch's else when no case holds", () => {
    const state = play(reference(), [
      { type: "advance" },
      { type: "choose", optionId: "verify" },
      { type: "choose", optionId: "monitor" },
      { type: "choose", optionId: "report" },
    ]);
    expect(state.vars.hoursElapsed).toBe(72);
    expect(state.outcome).toBe("failure");
  });

  it("applies set and add effects in order", () => {
    const scenario = build(
      [
        {
          id: "d",
          type: "decision",
          prompt: "p",
          options: [
            {
              id: "a",
              label: "A",
              effects: [
                { add: "n", value: 2 },
                { add: "n", value: 3 },
                { set: "flag", value: true },
                { set: "label", value: "done" },
              ],
              next: "e",
            },
            { id: "b", label: "B", next: "e" },
          ],
        },
        end("e"),
      ],
      { n: { type: "number", default: 10 }, flag: { type: "boolean", default: false }, label: { type: "string", default: "" } },
    );
    const before = startScenario(scenario);
    const after = play(scenario, [{ type: "choose", optionId: "a" }], before);
    expect(after.vars).toEqual({ n: 15, flag: true, label: "done" });
    // The input state is not changed.
    expect(before.vars).toEqual({ n: 10, flag: false, label: "" });
    expect(before.history).toHaveLength(1);
  });

  it("reports unavailable options instead of hiding them, and refuses to choose them", () => {
    const scenario = reference();
    const atScope = play(scenario, [{ type: "advance" }, { type: "choose", optionId: "restrict" }]);
    expect(describeOptions(scenario, atScope)).toEqual([
      { id: "escalate", label: "Bring in the DPO and open a breach record", available: true },
      { id: "lock-down", label: "Take the server offline before anything else", available: false },
      { id: "monitor", label: "Keep watching the logs for a few days", available: true },
    ]);
    const refused = applyEvent(scenario, atScope, { type: "choose", optionId: "lock-down" });
    expect(refused).toEqual({ ok: false, error: { code: "OPTION_UNAVAILABLE", message: expect.stringContaining("lock-down") } });

    const viaVerify = play(scenario, [{ type: "advance" }, { type: "choose", optionId: "verify" }]);
    expect(describeOptions(scenario, viaVerify).find((o) => o.id === "lock-down")?.available).toBe(true);
    expect(play(scenario, [{ type: "choose", optionId: "lock-down" }], viaVerify).vars.contained).toBe(true);
  });

  it("follows onTimeout with its effects and score, recording @timeout", () => {
    const scenario = reference();
    const state = play(scenario, [{ type: "advance" }, { type: "timeout" }]);
    expect(state.nodeId).toBe("scope");
    expect(state.choices).toEqual({ contain: "@timeout" });
    expect(state.vars.hoursElapsed).toBe(24);
    expect(state.history.at(-2)).toEqual({
      nodeId: "contain",
      event: "timeout",
      choice: "@timeout",
      points: { RS: 0 },
      best: { DE: 1, RS: 2 },
    });
  });

  it("gives typed errors for events that do not fit the current node", () => {
    const scenario = reference();
    const atTip = startScenario(scenario);
    const code = (state: EngineState, event: EngineEvent) => {
      const result = applyEvent(scenario, state, event);
      return result.ok ? "ok" : result.error.code;
    };
    expect(code(atTip, { type: "choose", optionId: "restrict" })).toBe("NOT_AT_DECISION");
    expect(code(atTip, { type: "timeout" })).toBe("NOT_AT_DECISION");
    const atContain = play(scenario, [{ type: "advance" }]);
    expect(code(atContain, { type: "advance" })).toBe("NOT_AT_INJECT");
    expect(code(atContain, { type: "choose", optionId: "panic" })).toBe("UNKNOWN_OPTION");
    const atScope = play(scenario, [{ type: "choose", optionId: "restrict" }], atContain);
    expect(code(atScope, { type: "timeout" })).toBe("NO_TIMEOUT");
    expect(code(atScope, { type: "jump" } as unknown as EngineEvent)).toBe("UNKNOWN_EVENT");
    const ended = play(scenario, [{ type: "choose", optionId: "escalate" }, { type: "choose", optionId: "skip" }], atScope);
    expect(ended.status).toBe("ended");
    expect(code(ended, { type: "advance" })).toBe("ENDED");
    expect(describeOptions(scenario, ended)).toEqual([]);
  });

  it("lets a loop revisit a decision: the later choice overwrites, scores accumulate", () => {
    const scenario = build(
      [
        {
          id: "d",
          type: "decision",
          prompt: "Try again?",
          options: [
            { id: "retry", label: "Retry", score: { RS: 1 }, effects: [{ add: "tries", value: 1 }], next: "check" },
            { id: "stop", label: "Stop", score: { GV: 2 }, next: "out" },
            { id: "escape", label: "Escape", when: { chose: "d.retry" }, next: "out" },
          ],
        },
        { id: "check", type: "branch", cases: [{ when: { var: "tries", op: "gte", value: 3 }, next: "out" }], else: "d" },
        end("out"),
      ],
      { tries: { type: "number", default: 0 } },
    );
    expect(lintScenario(scenario).findings.filter((f) => f.severity === "error")).toEqual([]);
    let state = startScenario(scenario);
    expect(describeOptions(scenario, state).map((o) => o.available)).toEqual([true, true, false]);
    state = play(scenario, [{ type: "choose", optionId: "retry" }, { type: "choose", optionId: "retry" }], state);
    expect(state.nodeId).toBe("d");
    expect(state.visits.d).toBe(3);
    expect(state.scores.RS).toBe(2);
    expect(describeOptions(scenario, state).map((o) => o.available)).toEqual([true, true, true]);
    state = play(scenario, [{ type: "choose", optionId: "stop" }], state);
    expect(state.choices).toEqual({ d: "stop" });
    expect(state.scores).toEqual({ RS: 2, GV: 2 });
    expect(state.outcome).toBe("success");

    // The loop's own exit: the third retry satisfies the branch.
    const exited = play(scenario, Array(3).fill({ type: "choose", optionId: "retry" }));
    expect(exited.status).toBe("ended");
    expect(exited.vars.tries).toBe(3);
    expect(exited.scores.RS).toBe(3);
    expect(exited.history.filter((h) => h.event === "choose")).toHaveLength(3);
  });

  it("evaluates visited, not, any and all in branch conditions", () => {
    const scenario = build(
      [
        { id: "intro", type: "inject", title: "t", body: "b", next: "d" },
        {
          id: "d",
          type: "decision",
          prompt: "p",
          options: [
            { id: "side", label: "Side trip", next: "side-trip" },
            { id: "straight", label: "Straight on", next: "gate" },
          ],
        },
        { id: "side-trip", type: "inject", title: "t", body: "b", next: "gate" },
        {
          id: "gate",
          type: "branch",
          cases: [
            { when: { all: [{ visited: "side-trip" }, { not: { chose: "d.straight" } }] }, next: "long" },
            { when: { any: [{ visited: "nowhere" }, { var: "score", op: "lt", value: 1 }] }, next: "short" },
          ],
          else: "long",
        },
        { id: "nowhere", type: "inject", title: "t", body: "b", next: "short" },
        end("long", "partial"),
        end("short", "failure"),
      ],
      { score: { type: "number", default: 0 } },
    );
    expect(play(scenario, [{ type: "advance" }, { type: "choose", optionId: "side" }, { type: "advance" }]).nodeId).toBe("long");
    expect(play(scenario, [{ type: "advance" }, { type: "choose", optionId: "straight" }]).nodeId).toBe("short");
  });
});

describe("bestPoints", () => {
  const decision = (): TDecisionNode => reference().nodes.find((n) => n.id === "scope") as TDecisionNode;

  it("takes, per capability, the maximum over options, counting a missing capability as 0", () => {
    expect(bestPoints(decision())).toEqual({ GV: 2, DE: 1, RS: 1 });
  });

  it("only counts options available in the given state", () => {
    const scenario = reference();
    const state = play(scenario, [{ type: "advance" }, { type: "choose", optionId: "restrict" }]);
    // lock-down (the only RS option) is unavailable once contained.
    expect(bestPoints(decision(), state)).toEqual({ GV: 2, DE: 1 });
  });

  it("includes onTimeout and never goes below 0 when an option leaves the capability out", () => {
    const d = decision();
    d.options = [
      { id: "a", label: "A", score: { RS: -2 }, next: "x" },
      { id: "b", label: "B", next: "x" },
    ];
    d.onTimeout = { next: "x", score: { GV: 3 } };
    expect(bestPoints(d)).toEqual({ RS: 0, GV: 3 });
  });

  it("is recorded with each choice so scoring can compare earned with possible points", () => {
    const state = play(reference(), [{ type: "advance" }, { type: "choose", optionId: "verify" }]);
    expect(state.history.find((h) => h.event === "choose")).toEqual({
      nodeId: "contain",
      event: "choose",
      choice: "verify",
      points: { RS: 0 },
      best: { DE: 1, RS: 2 },
    });
  });
});

import { describe, expect, it } from "vitest";
import { conditionLabel, ENGLISH_CONDITION_WORDS as EN, humanizeName, MAX_CONDITION_WORDS } from "@/lib/scenario/condition-words";

const nodes = [
  { id: "contain", type: "decision", title: "Contain the leak", options: [{ id: "pull", label: "Pull the server" }, { id: "wait", label: "Wait" }] },
  { id: "brief", type: "inject", title: "Legal briefing" },
];

describe("conditionLabel", () => {
  it("words variables, choices, visits and time-outs instead of case numbers", () => {
    expect(conditionLabel({ var: "evidencePreserved", op: "eq", value: true }, nodes, EN)).toBe("if evidence preserved");
    expect(conditionLabel({ var: "paid_ransom", op: "eq", value: false }, nodes, EN)).toBe("if not paid ransom");
    expect(conditionLabel({ var: "hoursElapsed", op: "gt", value: 72 }, nodes, EN)).toBe("if hours elapsed > 72");
    expect(conditionLabel({ chose: "contain.pull" }, nodes, EN)).toBe("if chose “Pull the server”");
    expect(conditionLabel({ chose: "contain.@timeout" }, nodes, EN)).toBe("if time ran out on “Contain the leak”");
    expect(conditionLabel({ visited: "brief" }, nodes, EN)).toBe("if after “Legal briefing”");
    expect(conditionLabel({ any: [{ var: "a", op: "eq", value: true }, { not: { visited: "brief" } }] }, nodes, EN)).toBe("if a or not (after “Legal briefing”)");
  });

  it("reads a half-written condition from a draft as 'a condition' and never throws", () => {
    expect(conditionLabel(undefined, nodes, EN)).toBe("if a condition");
    expect(conditionLabel({ var: "x" }, nodes, EN)).toBe("if a condition");
    expect(conditionLabel({ all: [{}, { var: "ok", op: "eq", value: true }] }, [null, 3], EN)).toBe("if a condition and ok");
  });

  it("shortens long conditions", () => {
    const long = { all: Array.from({ length: 12 }, (_, i) => ({ var: `someLongVariable${i}`, op: "eq", value: true })) };
    const label = conditionLabel(long, nodes, EN);
    expect(label.length).toBe(MAX_CONDITION_WORDS);
    expect(label.endsWith("…")).toBe(true);
  });

  it("splits camelCase and snake_case names", () => {
    expect(humanizeName("subjectsNotified")).toBe("subjects notified");
    expect(humanizeName("pfi_engaged")).toBe("pfi engaged");
  });
});

import { describe, expect, it } from "vitest";
import { applyEffects, evaluateCondition, splitChoseTarget, type ConditionContext } from "@/lib/scenario/conditions";
import type { TCondition } from "@/lib/scenario/schema";

const ctx: ConditionContext = {
  vars: { hours: 48, contained: true, channel: "email" },
  visits: { intro: 1, "d.notify": 2 },
  choices: { triage: "escalate", "d.notify": "@timeout", "a.b": "c" },
};

describe("evaluateCondition", () => {
  it.each([
    [{ var: "hours", op: "eq", value: 48 }, true],
    [{ var: "hours", op: "ne", value: 48 }, false],
    [{ var: "hours", op: "lt", value: 72 }, true],
    [{ var: "hours", op: "lte", value: 48 }, true],
    [{ var: "hours", op: "gt", value: 48 }, false],
    [{ var: "hours", op: "gte", value: 48 }, true],
    [{ var: "channel", op: "eq", value: "email" }, true],
    [{ var: "contained", op: "eq", value: true }, true],
    // Ordering never holds for non-numbers (the linter reports it as TYPE_MISMATCH).
    [{ var: "channel", op: "gt", value: "a" }, false],
    // A different type is never equal.
    [{ var: "hours", op: "eq", value: "48" }, false],
    [{ var: "missing", op: "ne", value: 1 }, true],
    [{ visited: "intro" }, true],
    [{ visited: "outro" }, false],
    [{ chose: "triage.escalate" }, true],
    [{ chose: "triage.ignore" }, false],
    [{ chose: "d.notify.@timeout" }, true],
    [{ chose: "a.b.c" }, true],
    [{ not: { visited: "outro" } }, true],
    [{ all: [{ visited: "intro" }, { var: "hours", op: "lt", value: 72 }] }, true],
    [{ all: [{ visited: "intro" }, { var: "hours", op: "gt", value: 72 }] }, false],
    [{ any: [{ visited: "outro" }, { chose: "triage.escalate" }] }, true],
    [{ any: [{ visited: "outro" }, { chose: "triage.ignore" }] }, false],
  ] satisfies Array<[TCondition, boolean]>)("%j is %s", (condition, expected) => {
    expect(evaluateCondition(condition, ctx)).toBe(expected);
  });
});

describe("applyEffects", () => {
  it("sets and adds in order without changing the input", () => {
    const vars = { n: 1, flag: false };
    const next = applyEffects(
      [
        { add: "n", value: 2 },
        { set: "flag", value: true },
        { add: "n", value: -1 },
      ],
      vars,
    );
    expect(next).toEqual({ n: 2, flag: true });
    expect(vars).toEqual({ n: 1, flag: false });
  });

  it("adds to a missing or non-number variable from 0", () => {
    expect(applyEffects([{ add: "x", value: 3 }], { x: "text" })).toEqual({ x: 3 });
    expect(applyEffects([{ add: "y", value: 3 }], {})).toEqual({ y: 3 });
  });
});

describe("splitChoseTarget", () => {
  it("offers every split, because ids may contain dots", () => {
    expect(splitChoseTarget("a.b.c")).toEqual([
      { decisionId: "a", optionId: "b.c" },
      { decisionId: "a.b", optionId: "c" },
    ]);
    expect(splitChoseTarget("nodot")).toEqual([]);
  });
});

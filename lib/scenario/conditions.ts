// Evaluates the condition grammar and applies effects. Pure: callers pass in what the
// condition may look at (variables, visit counts, choices) and get plain values back.
import type { TComparisonOp, TCondition, TEffect, TValue, TVariableType } from "./schema";

export type Vars = Record<string, TValue>;

/** The part of the engine state a condition may read. */
export interface ConditionContext {
  vars: Vars;
  visits: Record<string, number>;
  choices: Record<string, string>;
}

export function valueType(value: TValue): TVariableType {
  return typeof value === "boolean" ? "boolean" : typeof value === "number" ? "number" : "string";
}

/**
 * Every way to read `chose: "a.b.c"` as decisionId + "." + optionId. Ids may contain dots,
 * so the split is ambiguous in theory; callers accept the target if any split matches.
 */
export function splitChoseTarget(target: string): Array<{ decisionId: string; optionId: string }> {
  const splits: Array<{ decisionId: string; optionId: string }> = [];
  for (let i = target.indexOf("."); i !== -1; i = target.indexOf(".", i + 1)) {
    const decisionId = target.slice(0, i);
    const optionId = target.slice(i + 1);
    if (decisionId && optionId) splits.push({ decisionId, optionId });
  }
  return splits;
}

export function evaluateCondition(condition: TCondition, ctx: ConditionContext): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, ctx));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, ctx));
  if ("not" in condition) return !evaluateCondition(condition.not, ctx);
  if ("visited" in condition) return (ctx.visits[condition.visited] ?? 0) > 0;
  if ("chose" in condition) {
    return splitChoseTarget(condition.chose).some(
      ({ decisionId, optionId }) => ctx.choices[decisionId] === optionId,
    );
  }
  return compare(ctx.vars[condition.var], condition.op, condition.value);
}

function compare(actual: TValue | undefined, op: TComparisonOp, expected: TValue): boolean {
  switch (op) {
    case "eq":
      return actual === expected;
    case "ne":
      return actual !== expected;
    default:
      // Ordering is defined on numbers only; the linter reports other uses as TYPE_MISMATCH.
      if (typeof actual !== "number" || typeof expected !== "number") return false;
      if (op === "lt") return actual < expected;
      if (op === "lte") return actual <= expected;
      if (op === "gt") return actual > expected;
      return actual >= expected;
  }
}

/**
 * Applies effects in order and returns new variables (the input is not changed).
 * `add` on a missing or non-number variable starts from 0 so a session never gets stuck;
 * the linter reports that case as TYPE_MISMATCH / DANGLING_REF before a scenario is used.
 */
export function applyEffects(effects: readonly TEffect[] | undefined, vars: Vars): Vars {
  if (!effects || effects.length === 0) return vars;
  const next: Vars = { ...vars };
  for (const effect of effects) {
    if ("set" in effect) {
      next[effect.set] = effect.value;
    } else {
      const current = next[effect.add];
      next[effect.add] = (typeof current === "number" ? current : 0) + effect.value;
    }
  }
  return next;
}

/** Initial variables: each declared variable at its default. */
export function defaultVars(variables: Record<string, { default: TValue }>): Vars {
  const vars: Vars = {};
  for (const [name, variable] of Object.entries(variables)) vars[name] = variable.default;
  return vars;
}

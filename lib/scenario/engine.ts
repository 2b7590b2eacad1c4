// The scenario engine: given a scenario, a state and an event, computes the next state or a
// typed error. Pure and deterministic (no I/O, no clock, no randomness); the state is plain
// JSON so the session service can store it as is.
//
// Loops: a decision may be visited more than once. Each visit's choice overwrites
// `choices[decisionId]` (conditions such as `chose` see the latest one), while the points of
// every choice accumulate in `scores`, and every choice stays in `history` with its points.
import { z } from "zod";
import { applyEffects, defaultVars, evaluateCondition, type ConditionContext, type Vars } from "./conditions";
import { TIMEOUT_CHOICE, type TDecisionNode, type TNode, type TOutcome, type TScenario, type TScore } from "./schema";

/** Consecutive branch nodes allowed before the engine gives up (branches never rest). */
export const MAX_BRANCH_CHAIN = 256;

export type HistoryEntry =
  | { nodeId: string; event: "enter" }
  | { nodeId: string; event: "advance" }
  | {
      nodeId: string;
      event: "choose" | "timeout";
      /** The option id, or "@timeout". */
      choice: string;
      /** Points awarded by this choice. */
      points: TScore;
      /** bestPoints of the decision at the moment of the choice. */
      best: TScore;
    };

export interface EngineState {
  /** The resting node: an inject, a decision or an end (never a branch). */
  nodeId: string;
  status: "running" | "ended";
  vars: Vars;
  /** How many times each node (branches included) has been entered. */
  visits: Record<string, number>;
  /** decisionId → the latest optionId chosen there, or "@timeout". */
  choices: Record<string, string>;
  /** capabilityId → points accumulated over every choice (starts at 0 for each capability). */
  scores: Record<string, number>;
  history: HistoryEntry[];
  outcome?: TOutcome;
}

export const ZEngineEvent = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("advance") }),
  z.strictObject({ type: z.literal("choose"), optionId: z.string().min(1) }),
  z.strictObject({ type: z.literal("timeout") }),
]);
export type EngineEvent = z.infer<typeof ZEngineEvent>;

export type EngineErrorCode =
  | "ENDED"
  | "NOT_AT_INJECT"
  | "NOT_AT_DECISION"
  | "UNKNOWN_OPTION"
  | "OPTION_UNAVAILABLE"
  | "NO_TIMEOUT"
  | "UNKNOWN_EVENT"
  | "UNKNOWN_NODE"
  | "BRANCH_LOOP";

export interface EngineError {
  code: EngineErrorCode;
  message: string;
}

export type EngineResult = { ok: true; state: EngineState } | { ok: false; error: EngineError };

/** Thrown by startScenario when the scenario cannot even start (lint catches most causes). */
export class ScenarioEngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ScenarioEngineError";
  }
}

export interface OptionView {
  id: string;
  label: string;
  /** False when the option's `when` does not hold; such options are shown but cannot be chosen. */
  available: boolean;
}

const nodeMaps = new WeakMap<TScenario, Map<string, TNode>>();

function nodesById(scenario: TScenario): Map<string, TNode> {
  let map = nodeMaps.get(scenario);
  if (!map) {
    map = new Map();
    // The first node with an id wins, as in the linter's DUPLICATE_ID check.
    for (const node of scenario.nodes) if (!map.has(node.id)) map.set(node.id, node);
    nodeMaps.set(scenario, map);
  }
  return map;
}

export function findNode(scenario: TScenario, nodeId: string): TNode | undefined {
  return nodesById(scenario).get(nodeId);
}

export function currentNode(scenario: TScenario, state: EngineState): TNode | undefined {
  return findNode(scenario, state.nodeId);
}

/**
 * The initial state: variables at their defaults, scores at 0, and `start` entered (with
 * branches resolved). Throws ScenarioEngineError (UNKNOWN_NODE, BRANCH_LOOP) for a scenario
 * that cannot start.
 */
export function startScenario(scenario: TScenario): EngineState {
  const scores: Record<string, number> = {};
  for (const capability of scenario.capabilities) scores[capability.id] = 0;
  const initial: EngineState = {
    nodeId: scenario.start,
    status: "running",
    vars: defaultVars(scenario.variables),
    visits: {},
    choices: {},
    scores,
    history: [],
  };
  const result = enter(scenario, initial, scenario.start);
  if (!result.ok) throw new ScenarioEngineError(result.error.code, result.error.message);
  return result.state;
}

export function applyEvent(scenario: TScenario, state: EngineState, event: EngineEvent): EngineResult {
  if (state.status === "ended") {
    return fail("ENDED", `the scenario already ended at "${state.nodeId}" (${state.outcome ?? "no outcome"}); start a new run`);
  }
  const node = findNode(scenario, state.nodeId);
  if (!node) return fail("UNKNOWN_NODE", `the state points at node "${state.nodeId}", which is not in this scenario`);

  switch (event.type) {
    case "advance": {
      if (node.type !== "inject") {
        return fail("NOT_AT_INJECT", `"advance" only moves on from an inject, but "${node.id}" is a ${node.type}; ${hintFor(node)}`);
      }
      const next = copyState(state);
      next.history.push({ nodeId: node.id, event: "advance" });
      return enter(scenario, next, node.next);
    }
    case "choose": {
      if (node.type !== "decision") {
        return fail("NOT_AT_DECISION", `"choose" needs a decision, but "${node.id}" is a ${node.type}; ${hintFor(node)}`);
      }
      const option = node.options.find((o) => o.id === event.optionId);
      if (!option) {
        return fail(
          "UNKNOWN_OPTION",
          `decision "${node.id}" has no option "${event.optionId}"; its options are ${node.options.map((o) => `"${o.id}"`).join(", ")}`,
        );
      }
      if (option.when && !evaluateCondition(option.when, state)) {
        return fail("OPTION_UNAVAILABLE", `option "${option.id}" of decision "${node.id}" is not available in this run`);
      }
      return resolveDecision(scenario, state, node, option.id, option);
    }
    case "timeout": {
      if (node.type !== "decision") {
        return fail("NOT_AT_DECISION", `"timeout" needs a decision, but "${node.id}" is a ${node.type}; ${hintFor(node)}`);
      }
      if (!node.onTimeout) {
        return fail("NO_TIMEOUT", `decision "${node.id}" has no onTimeout; the team has to choose an option`);
      }
      return resolveDecision(scenario, state, node, TIMEOUT_CHOICE, node.onTimeout);
    }
    default: {
      const type = (event as { type?: unknown }).type;
      return fail("UNKNOWN_EVENT", `unknown event type ${JSON.stringify(type)}; use "advance", "choose" or "timeout"`);
    }
  }
}

/** Every option of the current decision, with availability; [] when not at a decision. */
export function describeOptions(scenario: TScenario, state: EngineState): OptionView[] {
  const node = currentNode(scenario, state);
  if (state.status !== "running" || node?.type !== "decision") return [];
  return node.options.map((option) => ({
    id: option.id,
    label: option.label,
    available: !option.when || evaluateCondition(option.when, state),
  }));
}

/**
 * Per capability, the most points one choice at this decision can earn: the maximum over the
 * options available in `state` (all options when no state is given) and onTimeout. A choice
 * that does not mention a capability earns 0 in it. Each capability is maximised on its own,
 * so no single option need reach every maximum.
 */
export function bestPoints(decision: TDecisionNode, state?: ConditionContext): TScore {
  const candidates: TScore[] = decision.options
    .filter((option) => !state || !option.when || evaluateCondition(option.when, state))
    .map((option) => option.score ?? {});
  if (decision.onTimeout) candidates.push(decision.onTimeout.score ?? {});
  const best: TScore = {};
  const capabilities = new Set(candidates.flatMap((score) => Object.keys(score)));
  for (const capability of capabilities) {
    best[capability] = Math.max(...candidates.map((score) => score[capability] ?? 0));
  }
  return best;
}

function resolveDecision(
  scenario: TScenario,
  state: EngineState,
  decision: TDecisionNode,
  choice: string,
  outcome: { next: string; score?: TScore; effects?: Parameters<typeof applyEffects>[0] },
): EngineResult {
  const next = copyState(state);
  const points = { ...(outcome.score ?? {}) };
  next.history.push({ nodeId: decision.id, event: choice === TIMEOUT_CHOICE ? "timeout" : "choose", choice, points, best: bestPoints(decision, state) });
  next.vars = applyEffects(outcome.effects, state.vars);
  for (const [capability, value] of Object.entries(points)) next.scores[capability] = (next.scores[capability] ?? 0) + value;
  next.choices[decision.id] = choice;
  return enter(scenario, next, outcome.next);
}

/** Enters `nodeId` on a state the caller owns, following branches until a resting node. */
function enter(scenario: TScenario, state: EngineState, nodeId: string): EngineResult {
  let id = nodeId;
  for (let chain = 0; ; chain++) {
    const node = findNode(scenario, id);
    if (!node) return fail("UNKNOWN_NODE", `node "${id}" does not exist in scenario "${scenario.id}"; lint the scenario`);
    state.nodeId = id;
    state.visits[id] = (state.visits[id] ?? 0) + 1;
    state.history.push({ nodeId: id, event: "enter" });
    if (node.type === "end") {
      state.status = "ended";
      state.outcome = node.outcome;
      return { ok: true, state };
    }
    if (node.type !== "branch") return { ok: true, state };
    if (chain >= MAX_BRANCH_CHAIN) {
      return fail("BRANCH_LOOP", `branch nodes led to each other ${MAX_BRANCH_CHAIN} times without reaching an inject, decision or end (last: "${id}"); fix the branch conditions`);
    }
    const taken = node.cases.find((branchCase) => evaluateCondition(branchCase.when, state));
    id = taken ? taken.next : node.else;
  }
}

function copyState(state: EngineState): EngineState {
  return {
    ...state,
    vars: { ...state.vars },
    visits: { ...state.visits },
    choices: { ...state.choices },
    scores: { ...state.scores },
    history: [...state.history],
  };
}

function hintFor(node: TNode): string {
  if (node.type === "inject") return 'send "advance"';
  if (node.type === "decision") return 'send "choose" or "timeout"';
  return "no event applies here";
}

function fail(code: EngineErrorCode, message: string): EngineResult {
  return { ok: false, error: { code, message } };
}

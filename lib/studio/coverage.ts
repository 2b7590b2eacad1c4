// Coverage of a scenario: what the team can actually earn and where it can actually end.
// It plays every possible run through the real engine, merging runs that are in the same
// situation (node, variables, last choices and nodes seen are all that conditions read), so
// conditional options and branches count only where they can really happen. Pure.
import {
  TIMEOUT_CHOICE,
  applyEvent,
  describeOptions,
  findNode,
  splitChoseTarget,
  startScenario,
  type EngineEvent,
  type EngineState,
  type TScenario,
} from "@/lib/scenario";

/** Situations explored before giving up; bundled scenarios need up to a few thousand. */
export const MAX_SITUATIONS = 5_000;

export type Range = { min: number; max: number };

export type DecisionCoverage = {
  nodeId: string;
  title: string;
  /** False when no run reaches the decision. */
  reached: boolean;
  /** Per capability: the least and most one choice here earns, over choices some run can make. */
  points: Record<string, Range>;
  /** Options no run can choose (their `when` never holds where the decision is reached). */
  neverAvailable: string[];
  /** End node ids some run reaches after passing this decision. */
  endings: string[];
};

export type Coverage = {
  decisions: DecisionCoverage[];
  /** Every end node, and whether some run reaches it. */
  endings: Array<{ nodeId: string; title: string; outcome: string; reachable: boolean }>;
  /** Per capability: the least and most a whole run ending anywhere earns; null when loops make it unbounded. */
  totals: Record<string, Range> | null;
  situations: number;
  /** True when MAX_SITUATIONS was hit: the figures cover only part of the runs. */
  truncated: boolean;
};

type Move = { to: string; points: Record<string, number>; decision: string | null; choice: string | null };

/**
 * What conditions can look at: the nodes named by `visited`, and per decision named by `chose`,
 * the options named. A `chose` condition only asks whether the latest choice is one of those,
 * so runs that chose different unnamed options at a decision are in the same situation.
 */
type Watched = { visited: Set<string>; chose: Map<string, Set<string>> };

function watchedBy(scenario: TScenario): Watched {
  const watched: Watched = { visited: new Set(), chose: new Map() };
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const o = value as Record<string, unknown>;
      if (typeof o.visited === "string") watched.visited.add(o.visited);
      if (typeof o.chose === "string") {
        for (const { decisionId, optionId } of splitChoseTarget(o.chose)) {
          const options = watched.chose.get(decisionId);
          if (options) options.add(optionId);
          else watched.chose.set(decisionId, new Set([optionId]));
        }
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(scenario.nodes);
  return watched;
}

/** Two runs in the same situation have the same futures: the same node, variables, and watched visits and choices. */
function situationKey(state: EngineState, watched: Watched): string {
  const vars = Object.keys(state.vars).sort().map((k) => [k, state.vars[k]]);
  const seen = [...watched.visited].filter((k) => (state.visits[k] ?? 0) > 0).sort();
  // Per watched decision: the named option chosen last, null for another option, left out before any choice.
  const choices = [...watched.chose]
    .filter(([k]) => k in state.choices)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, named]) => [k, named.has(state.choices[k]) ? state.choices[k] : null]);
  return JSON.stringify([state.nodeId, state.status, vars, choices, seen]);
}

function eventsAt(scenario: TScenario, state: EngineState): EngineEvent[] {
  if (state.status !== "running") return [];
  const node = findNode(scenario, state.nodeId);
  if (node?.type === "inject") return [{ type: "advance" }];
  if (node?.type !== "decision") return [];
  const events: EngineEvent[] = describeOptions(scenario, state)
    .filter((o) => o.available)
    .map((o) => ({ type: "choose", optionId: o.id }));
  if (node.onTimeout) events.push({ type: "timeout" });
  return events;
}

export function computeCoverage(scenario: TScenario): Coverage {
  const start = startScenario(scenario);
  const watched = watchedBy(scenario);
  const states = new Map<string, EngineState>();
  const moves = new Map<string, Move[]>();
  const queue: string[] = [];
  const startKey = situationKey(start, watched);
  states.set(startKey, start);
  queue.push(startKey);
  let truncated = false;

  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    const state = states.get(key)!;
    const out: Move[] = [];
    for (const event of eventsAt(scenario, state)) {
      const result = applyEvent(scenario, { ...state, history: [] }, event);
      if (!result.ok) continue;
      const nextKey = situationKey(result.state, watched);
      const last = result.state.history.find((h) => h.event === "choose" || h.event === "timeout");
      const points = last && "points" in last ? last.points : {};
      out.push({
        to: nextKey,
        points,
        decision: event.type === "advance" ? null : state.nodeId,
        choice: event.type === "choose" ? event.optionId : event.type === "timeout" ? TIMEOUT_CHOICE : null,
      });
      if (!states.has(nextKey)) {
        if (states.size >= MAX_SITUATIONS) {
          truncated = true;
          continue;
        }
        states.set(nextKey, { ...result.state, history: [] });
        queue.push(nextKey);
      }
    }
    moves.set(key, out);
  }

  // Endings reachable from each situation: walk backwards from every ended situation.
  const incoming = new Map<string, string[]>();
  for (const [key, out] of moves) {
    for (const move of out) {
      const list = incoming.get(move.to);
      if (list) list.push(key);
      else incoming.set(move.to, [key]);
    }
  }
  const endsFrom = new Map<string, Set<string>>();
  for (const key of states.keys()) endsFrom.set(key, new Set());
  for (const [endKey, endState] of states) {
    if (endState.status !== "ended" || endsFrom.get(endKey)!.has(endState.nodeId)) continue;
    const end = endState.nodeId;
    const walk = [endKey];
    endsFrom.get(endKey)!.add(end);
    while (walk.length) {
      for (const from of incoming.get(walk.pop()!) ?? []) {
        const set = endsFrom.get(from)!;
        if (!set.has(end)) {
          set.add(end);
          walk.push(from);
        }
      }
    }
  }

  const capabilities = scenario.capabilities.map((c) => c.id);
  const decisions: DecisionCoverage[] = scenario.nodes
    .filter((n) => n.type === "decision")
    .map((decision) => {
      const chosen = new Set<string>();
      const points: Record<string, Range> = {};
      const endings = new Set<string>();
      let reached = false;
      for (const [key, state] of states) {
        if (state.nodeId !== decision.id || state.status !== "running") continue;
        reached = true;
        for (const end of endsFrom.get(key) ?? []) endings.add(end);
        for (const move of moves.get(key) ?? []) {
          chosen.add(move.choice ?? "");
          for (const capability of capabilities) {
            const value = move.points[capability] ?? 0;
            const range = points[capability];
            points[capability] = range ? { min: Math.min(range.min, value), max: Math.max(range.max, value) } : { min: value, max: value };
          }
        }
      }
      return {
        nodeId: decision.id,
        title: decision.title || decision.prompt,
        reached,
        points,
        neverAvailable: reached ? decision.options.filter((o) => !chosen.has(o.id)).map((o) => o.id) : decision.options.map((o) => o.id),
        endings: [...endings].sort(),
      };
    });

  const reachableEnds = endsFrom.get(startKey) ?? new Set<string>();
  const endings = scenario.nodes
    .filter((n) => n.type === "end")
    .map((n) => ({ nodeId: n.id, title: n.title, outcome: n.outcome, reachable: reachableEnds.has(n.id) }));

  return { decisions, endings, totals: truncated ? null : runTotals(startKey, states, moves, capabilities), situations: states.size, truncated };
}

/** Least and most points per capability over complete runs; null when a loop could repeat forever. */
function runTotals(startKey: string, states: Map<string, EngineState>, moves: Map<string, Move[]>, capabilities: string[]): Record<string, Range> | null {
  const memo = new Map<string, Record<string, Range> | undefined>();
  const onPath = new Set<string>();
  let cyclic = false;
  const visit = (key: string): Record<string, Range> | undefined => {
    if (memo.has(key)) return memo.get(key);
    if (onPath.has(key)) {
      cyclic = true;
      return undefined;
    }
    onPath.add(key);
    let result: Record<string, Range> | undefined;
    if (states.get(key)?.status === "ended") {
      result = Object.fromEntries(capabilities.map((c) => [c, { min: 0, max: 0 }]));
    } else {
      for (const move of moves.get(key) ?? []) {
        const rest = visit(move.to);
        if (!rest) continue;
        const here = Object.fromEntries(capabilities.map((c) => {
          const p = move.points[c] ?? 0;
          return [c, { min: rest[c].min + p, max: rest[c].max + p }];
        }));
        result = result
          ? Object.fromEntries(capabilities.map((c) => [c, { min: Math.min(result![c].min, here[c].min), max: Math.max(result![c].max, here[c].max) }]))
          : here;
      }
    }
    onPath.delete(key);
    memo.set(key, result);
    return result;
  };
  const totals = visit(startKey);
  return cyclic || !totals ? null : totals;
}

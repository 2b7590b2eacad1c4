// Shared helpers for the scoring unit tests: a small branching scenario with a loop, timeouts,
// a penalty-only capability and a gated option, and a player that records decisions the way
// the session service does (points and bestPoints straight from the engine).
import { TIMEOUT_CHOICE, ZScenario, applyEvent, currentNode, startScenario, type TScenario, type TScenarioInput } from "@/lib/scenario";
import type { TRecordedDecision } from "@/lib/scoring";

export const T0 = Date.parse("2025-03-12T09:00:00Z");

/**
 * i-alert → d-triage ─escalate──────────────────────────────┐
 *                    └investigate/ignore/timeout→ i-more → d-recheck ─escalate-late/timeout→ d-comms → end
 *                                                  ↑ look-again ┘
 * RC is declared but never scored; LG is only ever a penalty; briefed-statement needs escalatedEarly.
 */
export const MINI: TScenarioInput = {
  schemaVersion: 1,
  id: "mini-incident",
  title: "Mini incident",
  summary: "A small scenario for scoring tests.",
  estimatedMinutes: 10,
  tags: [],
  capabilities: [
    { id: "RS", name: "Respond" },
    { id: "GV", name: "Govern" },
    { id: "CO", name: "Communicate" },
    { id: "LG", name: "Legal" },
    { id: "RC", name: "Recover" },
  ],
  objectives: [
    { id: "respond", text: "Escalate and respond.", capabilities: ["RS", "GV"] },
    { id: "communicate", text: "Communicate lawfully.", capabilities: ["CO", "LG"] },
    { id: "recover", text: "Recover.", capabilities: ["RC"] },
  ],
  // Not alphabetical on purpose: ties in the gap ranking follow this order.
  training: [
    { id: "t-triage", title: "Triage" },
    { id: "t-escalate", title: "Escalation" },
    { id: "t-legal", title: "Legal basics" },
    { id: "t-comms", title: "Crisis communication" },
  ],
  variables: { escalatedEarly: { type: "boolean", default: false } },
  start: "i-alert",
  nodes: [
    { id: "i-alert", type: "inject", title: "Alert", body: "An alert fires.", next: "d-triage" },
    {
      id: "d-triage",
      type: "decision",
      prompt: "What now?",
      timeLimitSeconds: 60,
      options: [
        { id: "escalate", label: "Escalate", score: { RS: 3, GV: 2 }, effects: [{ set: "escalatedEarly", value: true }], next: "d-comms" },
        { id: "investigate", label: "Investigate alone", score: { RS: 1 }, training: ["t-triage"], next: "i-more" },
        { id: "ignore", label: "Ignore", score: { RS: -3, GV: -1 }, training: ["t-triage", "t-escalate"], next: "i-more" },
      ],
      onTimeout: { score: { RS: -2, GV: -1 }, next: "i-more" },
    },
    { id: "i-more", type: "inject", title: "More alerts", body: "It spreads.", next: "d-recheck" },
    {
      id: "d-recheck",
      type: "decision",
      prompt: "And now?",
      timeLimitSeconds: 60,
      options: [
        { id: "look-again", label: "Look again", score: { RS: 0 }, training: ["t-triage"], next: "i-more" },
        { id: "escalate-late", label: "Escalate now", score: { RS: 2, GV: 1 }, next: "d-comms" },
      ],
      onTimeout: { score: { RS: -1 }, next: "d-comms" },
    },
    {
      id: "d-comms",
      type: "decision",
      prompt: "What do you say?",
      timeLimitSeconds: 60,
      options: [
        { id: "briefed-statement", label: "Statement agreed with leadership", when: { var: "escalatedEarly", op: "eq", value: true }, score: { CO: 3, RS: 1 }, next: "end-good" },
        { id: "statement", label: "Plain statement", score: { CO: 3 }, next: "end-good" },
        { id: "holding-line", label: "Holding line", score: { CO: 1, RS: 1 }, training: ["t-comms"], next: "end-partial" },
        { id: "spin", label: "Spin it", score: { CO: -2, LG: -2 }, training: ["t-comms", "t-legal"], next: "end-bad" },
        { id: "apology", label: "Apology", score: { CO: 2, RS: 1 }, training: ["t-comms"], next: "end-good" },
      ],
      onTimeout: { score: { CO: -1 }, next: "end-partial" },
    },
    { id: "end-good", type: "end", title: "Good", outcome: "success", debrief: "Well done." },
    { id: "end-partial", type: "end", title: "Partial", outcome: "partial", debrief: "Mixed." },
    { id: "end-bad", type: "end", title: "Bad", outcome: "failure", debrief: "Ouch." },
  ],
};

export function miniScenario(): TScenario {
  return ZScenario.parse(structuredClone(MINI));
}

/**
 * Plays `choices` (option ids or "@timeout", one per decision met, in order) and returns the
 * decisions as the session service records them. Decision i is entered at T0 + i minutes and
 * locked `seconds[i]` (default 30) seconds later.
 */
export function play(scenario: TScenario, choices: readonly string[], seconds: readonly number[] = []): TRecordedDecision[] {
  let state = startScenario(scenario);
  const recorded: TRecordedDecision[] = [];
  for (let guard = 0; state.status === "running" && guard < 1000; guard++) {
    const node = currentNode(scenario, state)!;
    if (node.type === "inject") {
      state = unwrap(applyEvent(scenario, state, { type: "advance" }));
      continue;
    }
    const index = recorded.length;
    if (index >= choices.length) break;
    const optionId = choices[index];
    const next = unwrap(applyEvent(scenario, state, optionId === TIMEOUT_CHOICE ? { type: "timeout" } : { type: "choose", optionId }));
    const made = next.history.slice(state.history.length).find((h) => h.event === "choose" || h.event === "timeout");
    if (!made || !("points" in made)) throw new Error(`no choice recorded at ${node.id}`);
    const enteredAt = new Date(T0 + index * 60_000);
    recorded.push({
      nodeId: node.id,
      visit: state.visits[node.id],
      optionId,
      method: optionId === TIMEOUT_CHOICE ? "timeout" : "majority",
      points: made.points,
      bestPoints: made.best,
      enteredAt,
      decidedAt: new Date(enteredAt.getTime() + (seconds[index] ?? 30) * 1000),
    });
    state = next;
  }
  if (recorded.length !== choices.length) throw new Error(`the run ended after ${recorded.length} of ${choices.length} choices`);
  return recorded;
}

function unwrap(result: ReturnType<typeof applyEvent>) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

/** A hand-built record for tests that do not need a scenario walk. */
export function decision(nodeId: string, points: Record<string, number>, bestPoints: Record<string, number>, extra: Partial<TRecordedDecision> = {}): TRecordedDecision {
  return {
    nodeId,
    visit: 1,
    optionId: "x",
    points,
    bestPoints,
    enteredAt: new Date(T0),
    decidedAt: new Date(T0 + 30_000),
    ...extra,
  };
}

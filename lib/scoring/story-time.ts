// Fictional time: where the story's clock stands after a team's path. Each inject and decision
// consumes its minutes when the team leaves it (the chosen option's `elapseMinutes`, else the
// node's, else the scenario's default per kind); a compression factor adds real running time on top. Pure, derived from the
// engine history, so it is the same after a restart or on another node.
import type { HistoryEntry } from "../scenario/engine";
import type { TScenario } from "../scenario/schema";
import { parseLocal } from "./deadlines";

/** Used when a scenario declares clocks without exercise time (the linter reports that). */
export const DEFAULT_STORY_START = "2026-01-05T09:00";
export const DEFAULT_TIME_ZONE = "UTC";

export type StoryEvent =
  | { kind: "reached"; nodeId: string; at: number }
  | { kind: "chose"; decisionId: string; optionId: string; at: number };

export type StoryTimeline = { startAt: number; events: StoryEvent[]; /** Fictional time after the path, before running time. */ stepsAt: number };

export function storyZone(scenario: Pick<TScenario, "exerciseTime">): { timeZone: string; holidays: readonly string[] } {
  return { timeZone: scenario.exerciseTime?.timeZone ?? DEFAULT_TIME_ZONE, holidays: scenario.exerciseTime?.holidays ?? [] };
}

export function storyStart(scenario: Pick<TScenario, "exerciseTime">): number {
  const time = scenario.exerciseTime;
  return parseLocal(time?.start ?? DEFAULT_STORY_START, time?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** Minutes a node consumes when the team leaves it (through `optionId`, for a decision). */
export function elapseOf(scenario: Pick<TScenario, "nodes" | "exerciseTime">, nodeId: string, optionId?: string): number {
  const node = scenario.nodes.find((n) => n.id === nodeId);
  const time = scenario.exerciseTime;
  if (node?.type === "inject") return node.elapseMinutes ?? time?.injectMinutes ?? 0;
  if (node?.type === "decision") {
    const option = optionId ? node.options.find((o) => o.id === optionId) : undefined;
    return option?.elapseMinutes ?? node.elapseMinutes ?? time?.decisionMinutes ?? 0;
  }
  return 0;
}

/** The story events of a path with their fictional times. */
export function storyTimeline(scenario: TScenario, history: readonly HistoryEntry[]): StoryTimeline {
  const startAt = storyStart(scenario);
  let at = startAt;
  const events: StoryEvent[] = [];
  for (const entry of history) {
    if (entry.event === "enter") {
      events.push({ kind: "reached", nodeId: entry.nodeId, at });
      continue;
    }
    at += elapseOf(scenario, entry.nodeId, entry.event === "choose" ? entry.choice : undefined) * 60_000;
    if (entry.event === "choose") events.push({ kind: "chose", decisionId: entry.nodeId, optionId: entry.choice, at });
  }
  return { startAt, events, stepsAt: at };
}


// Where a team's new state rests and when its decision timer (if any) runs out: shared by
// every path that moves a team (facilitator commands, timers, batched advances).
import { currentNode, type EngineState, type TScenario } from "@/lib/scenario";

export function timing(scenario: TScenario, state: EngineState, now: Date): { nodeEnteredAt: Date; deadlineAt: Date | null } {
  const node = currentNode(scenario, state);
  const limit = node?.type === "decision" && state.status === "running" ? node.timeLimitSeconds : undefined;
  return { nodeEnteredAt: now, deadlineAt: limit ? new Date(now.getTime() + limit * 1000) : null };
}

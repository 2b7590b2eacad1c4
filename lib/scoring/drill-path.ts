// One person's drill run as scoring reads it: the choices they made, in order, with their
// confidence and reasoning, replayed through the scenario engine so that each choice gets the
// same points and bestPoints a live team's locked decision would get. Pure.
import { z } from "zod";
import { TIMEOUT_CHOICE, applyEvent, currentNode, startScenario, type EngineState, type TOutcome, type TScenario } from "@/lib/scenario";
import type { TRecordedDecision } from "./records";

/** The confidence scale a participant answers at every decision. */
export const CONFIDENCE_MIN = 1;
export const CONFIDENCE_MAX = 5;

/** One decision of one person's drill run, as the drill records it. */
export const ZDrillDecision = z
  .strictObject({
    nodeId: z.string({ error: "nodeId is the decision's node id" }).min(1, { error: "nodeId is the decision's node id" }),
    /** The option id, or "@timeout" when the decision's timer ran out. */
    optionId: z.string({ error: "optionId is the chosen option's id" }).min(1, { error: "optionId is the chosen option's id" }),
    /** 1 (a guess) to 5 (certain); null only for a timeout, where nothing was chosen. */
    confidence: z
      .number({ error: `confidence is a whole number from ${CONFIDENCE_MIN} to ${CONFIDENCE_MAX}` })
      .int({ error: `confidence is a whole number from ${CONFIDENCE_MIN} to ${CONFIDENCE_MAX}` })
      .min(CONFIDENCE_MIN, { error: `confidence is a whole number from ${CONFIDENCE_MIN} to ${CONFIDENCE_MAX}` })
      .max(CONFIDENCE_MAX, { error: `confidence is a whole number from ${CONFIDENCE_MIN} to ${CONFIDENCE_MAX}` })
      .nullable(),
    /** The one or two sentences asked for at a `justify` decision. */
    reasoning: z.string().max(2000, { error: "keep the reasoning under 2000 characters" }).optional(),
  })
  .superRefine((decision, ctx) => {
    if (decision.confidence === null && decision.optionId !== TIMEOUT_CHOICE) {
      ctx.addIssue({ code: "custom", path: ["confidence"], message: "a chosen option needs a confidence from 1 to 5; only a timeout has none" });
    }
  });
export type TDrillDecision = z.infer<typeof ZDrillDecision>;

/** One participant of a drill: their team (null for an open link) and their choices in order. */
export const ZDrillParticipant = z.strictObject({
  participantId: z.string().min(1, { error: "participantId identifies the participant" }),
  teamId: z.string().min(1, { error: "teamId is an organisation team id, or null" }).nullable(),
  decisions: z.array(ZDrillDecision),
});
export type TDrillParticipant = z.infer<typeof ZDrillParticipant>;

/** A replayed decision: the live record's fields plus what the participant said about it. */
export type DrillRecordedDecision = Pick<TRecordedDecision, "nodeId" | "visit" | "optionId" | "points" | "bestPoints"> &
  Pick<TDrillDecision, "confidence" | "reasoning">;

export interface DrillPath {
  decisions: DrillRecordedDecision[];
  /** The run reached an end node. */
  finished: boolean;
  /** The end node reached, or null while unfinished. */
  endNodeId: string | null;
  outcome: TOutcome | null;
  /** Choices the engine could not follow (a wrong node, an unknown or unavailable option), with why; replay stops at the first. */
  skipped: Array<{ index: number; nodeId: string; optionId: string; reason: string }>;
}

/**
 * Replays a person's choices from the scenario's start: injects are advanced, each decision
 * met takes the next choice. The points and bestPoints come from the engine's history, exactly
 * as the session service records a team's locked decision, so live and drill scores agree.
 */
export function replayDrillPath(scenario: TScenario, choices: readonly TDrillDecision[]): DrillPath {
  const decisions: DrillRecordedDecision[] = [];
  const skipped: DrillPath["skipped"] = [];
  let state = advanceInjects(scenario, startScenario(scenario));
  for (const [index, choice] of choices.entries()) {
    const node = state.status === "running" ? currentNode(scenario, state) : undefined;
    const skip = (reason: string) => skipped.push({ index, nodeId: choice.nodeId, optionId: choice.optionId, reason });
    if (!node || node.type !== "decision") {
      skip(`the run already ended at "${state.nodeId}"`);
      break;
    }
    if (node.id !== choice.nodeId) {
      skip(`the run is at decision "${node.id}", not "${choice.nodeId}"`);
      break;
    }
    const result = applyEvent(scenario, state, choice.optionId === TIMEOUT_CHOICE ? { type: "timeout" } : { type: "choose", optionId: choice.optionId });
    if (!result.ok) {
      skip(result.error.message);
      break;
    }
    const made = result.state.history.slice(state.history.length).find((h) => h.event === "choose" || h.event === "timeout");
    decisions.push({
      nodeId: node.id,
      visit: state.visits[node.id] ?? 1,
      optionId: choice.optionId,
      points: made && "points" in made ? made.points : {},
      bestPoints: made && "best" in made ? made.best : {},
      confidence: choice.confidence,
      ...(choice.reasoning === undefined ? {} : { reasoning: choice.reasoning }),
    });
    state = advanceInjects(scenario, result.state);
  }
  const finished = state.status === "ended";
  return { decisions, finished, endNodeId: finished ? state.nodeId : null, outcome: state.outcome ?? null, skipped };
}

/** Moves past injects (a drill participant reads one and goes on) up to the next decision or end. */
function advanceInjects(scenario: TScenario, state: EngineState): EngineState {
  for (let steps = 0; state.status === "running" && currentNode(scenario, state)?.type === "inject" && steps <= scenario.nodes.length; steps++) {
    const result = applyEvent(scenario, state, { type: "advance" });
    if (!result.ok) return state;
    state = result.state;
  }
  return state;
}

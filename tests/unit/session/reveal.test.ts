// The reveal of a locked vote as the room and the team's devices see it: withheld below k,
// and lapsing when the team locks another decision.
import { describe, expect, it } from "vitest";
import { applyEvent, startScenario, type EngineState } from "@/lib/scenario";
import { roomReveal } from "@/lib/session/reveal";
import { choicesMade, revealedNow, type DecisionReveal } from "@/lib/session/views";
import { miniScenario } from "../scoring/helpers";

const scenario = miniScenario();
const reveal: DecisionReveal = {
  nodeId: "d-triage",
  visit: 1,
  title: null,
  prompt: "What now?",
  chosenOptionId: "escalate",
  options: [
    { id: "escalate", label: "Escalate", votes: 2 },
    { id: "investigate", label: "Investigate alone", votes: 1 },
    { id: "ignore", label: "Ignore", votes: 0 },
  ],
  total: 3,
};

function step(state: EngineState, event: Parameters<typeof applyEvent>[2]): EngineState {
  const result = applyEvent(scenario, state, event);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

describe("roomReveal", () => {
  it("shows the distribution from k votes, and withholds it below k with the same marker as the present screen", () => {
    expect(roomReveal(reveal, 3)).toEqual({ decision: reveal, withheld: null });
    expect(roomReveal(reveal, 4)).toEqual({ decision: null, withheld: { suppressed: true, respondents: 3, minGroupSize: 4, reason: "small-group" } });
  });
});

describe("revealedNow", () => {
  it("holds while the team's last locked decision is the revealed one, and lapses at the next lock", () => {
    const atTriage = step(startScenario(scenario), { type: "advance" });
    const afterTriage = step(atTriage, { type: "choose", optionId: "investigate" });
    expect(choicesMade(afterTriage)).toBe(1);
    const stored = { choices: choicesMade(afterTriage), shown: roomReveal(reveal, 3) };
    expect(revealedNow(stored, afterTriage)).toEqual(stored.shown);
    // Moving on from an inject keeps it; locking the next decision ends it.
    const atRecheck = step(afterTriage, { type: "advance" });
    expect(revealedNow(stored, atRecheck)).toEqual(stored.shown);
    expect(revealedNow(stored, step(atRecheck, { type: "choose", optionId: "escalate-late" }))).toBeNull();
    expect(revealedNow(null, afterTriage)).toBeNull();
    expect(revealedNow(stored, null)).toBeNull();
  });
});

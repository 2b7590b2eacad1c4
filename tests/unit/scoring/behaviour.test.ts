// Team behaviour: alignment of votes with locked decisions, decision time, participation.
import { describe, expect, it } from "vitest";
import { measureAlignment, measureDecisionTimes, measureParticipation, scoreBehaviour } from "@/lib/scoring";
import { miniScenario, play, T0 } from "./helpers";

const scenario = miniScenario();
const vote = (participantId: string, nodeId: string, optionId: string, visit = 1) => ({ participantId, nodeId, visit, optionId });

describe("measureAlignment", () => {
  const decisions = play(scenario, ["investigate", "look-again", "escalate-late", "statement"]);

  it("is the share of votes matching the locked option, per decision and overall (vote-weighted)", () => {
    const report = measureAlignment(decisions, [
      vote("a", "d-triage", "investigate"),
      vote("b", "d-triage", "investigate"),
      vote("c", "d-triage", "escalate"),
      vote("a", "d-comms", "statement"),
    ]);
    expect(report.perDecision.map((d) => [d.nodeId, d.visit, d.votes, d.matching, d.alignment])).toEqual([
      ["d-triage", 1, 3, 2, 2 / 3],
      ["d-recheck", 1, 0, 0, null],
      ["d-recheck", 2, 0, 0, null],
      ["d-comms", 1, 1, 1, 1],
    ]);
    // 3 of 4 votes matched; the mean of per-decision alignments would be 0.83.
    expect(report).toMatchObject({ votes: 4, matching: 3, overall: 0.75, unmatchedVotes: 0 });
  });

  it("keeps the visits of a looped decision apart", () => {
    const report = measureAlignment(decisions, [
      vote("a", "d-recheck", "look-again", 1),
      vote("a", "d-recheck", "look-again", 2),
      vote("b", "d-recheck", "escalate-late", 2),
    ]);
    expect(report.perDecision.filter((d) => d.nodeId === "d-recheck").map((d) => d.alignment)).toEqual([1, 0.5]);
  });

  it("is null when nobody voted", () => {
    const report = measureAlignment(decisions, []);
    expect(report.overall).toBeNull();
    expect(report.perDecision.every((d) => d.alignment === null)).toBe(true);
    expect(measureAlignment([], []).overall).toBeNull();
  });

  it("counts votes on a decision that timed out as not aligned", () => {
    const timedOut = play(scenario, ["@timeout", "@timeout", "@timeout"]);
    const report = measureAlignment(timedOut, [vote("a", "d-triage", "escalate"), vote("b", "d-triage", "investigate")]);
    expect(report.perDecision[0]).toMatchObject({ optionId: "@timeout", votes: 2, matching: 0, alignment: 0 });
    expect(report.overall).toBe(0);
  });

  it("ignores votes on a decision that never locked", () => {
    const report = measureAlignment(decisions.slice(0, 1), [vote("a", "d-triage", "investigate"), vote("a", "d-recheck", "look-again")]);
    expect(report).toMatchObject({ votes: 1, matching: 1, overall: 1, unmatchedVotes: 1 });
  });
});

describe("measureDecisionTimes", () => {
  it("measures entry to lock per decision, with the median and mean per team", () => {
    const report = measureDecisionTimes(play(scenario, ["investigate", "look-again", "escalate-late", "statement"], [10, 40, 20, 90]));
    expect(report.perDecision.map((d) => d.ms)).toEqual([10_000, 40_000, 20_000, 90_000]);
    expect(report).toMatchObject({ counted: 4, medianMs: 30_000, meanMs: 40_000 });
  });

  it("takes the middle value for an odd count, and includes timeouts", () => {
    const report = measureDecisionTimes(play(scenario, ["@timeout", "@timeout", "@timeout"], [60, 5, 60]));
    expect(report.perDecision.map((d) => d.timedOut)).toEqual([true, true, true]);
    expect(report).toMatchObject({ counted: 3, medianMs: 60_000, meanMs: 125_000 / 3 });
  });

  it("reads ISO strings and leaves out unreadable or backwards timestamps", () => {
    const report = measureDecisionTimes([
      { nodeId: "a", visit: 1, optionId: "x", enteredAt: "2025-03-12T09:00:00Z", decidedAt: "2025-03-12T09:01:30Z" },
      { nodeId: "b", visit: 1, optionId: "x", enteredAt: "not a date", decidedAt: new Date(T0) },
      { nodeId: "c", visit: 1, optionId: "x", enteredAt: new Date(T0 + 1000), decidedAt: new Date(T0) },
    ]);
    expect(report.perDecision.map((d) => d.ms)).toEqual([90_000, null, null]);
    expect(report).toMatchObject({ counted: 1, medianMs: 90_000, meanMs: 90_000 });
  });

  it("has no median or mean without decisions", () => {
    expect(measureDecisionTimes([])).toEqual({ perDecision: [], counted: 0, medianMs: null, meanMs: null });
  });
});

describe("measureParticipation", () => {
  it("divides distinct voters by team members", () => {
    const votes = [vote("a", "d1", "x"), vote("a", "d2", "x"), vote("b", "d1", "y")];
    expect(measureParticipation({ memberCount: 4, votes })).toEqual({ participants: 2, members: 4, rate: 0.5 });
  });

  it("counts people who only answered questions", () => {
    const responses = [{ participantId: "c" }, { participantId: "a" }];
    expect(measureParticipation({ memberCount: 4, votes: [vote("a", "d1", "x")], responses })).toMatchObject({ participants: 2, rate: 0.5 });
  });

  it("is 0 for a team that never voted, and null for a team without members", () => {
    expect(measureParticipation({ memberCount: 3, votes: [] }).rate).toBe(0);
    expect(measureParticipation({ memberCount: 0, votes: [] }).rate).toBeNull();
  });

  it("caps at 1 when someone voted and then left the team", () => {
    expect(measureParticipation({ memberCount: 1, votes: [vote("a", "d1", "x"), vote("b", "d1", "x")] })).toEqual({ participants: 2, members: 1, rate: 1 });
  });
});

describe("scoreBehaviour", () => {
  it("bundles alignment, decision time and participation for one team", () => {
    const decisions = play(scenario, ["escalate", "statement"], [20, 40]);
    const report = scoreBehaviour({ decisions, votes: [vote("a", "d-triage", "escalate"), vote("b", "d-comms", "apology")], memberCount: 3 });
    expect(report.alignment.overall).toBe(0.5);
    expect(report.decisionTime.medianMs).toBe(30_000);
    expect(report.participation.rate).toBeCloseTo(2 / 3);
  });
});

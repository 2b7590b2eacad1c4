// The after-action report's assembly from recorded rows: edge cases a reader would notice.
import { describe, expect, it } from "vitest";
import { ZScenario } from "@/lib/scenario";
import { assembleAar, compareReadiness, type AarCapabilityTeam, type AarReport, type TeamBreakdown } from "@/lib/reports/aar";
import { layoutReadinessChart } from "@/lib/reports/aar-chart";
import { bundled, play } from "./aar-fixture";

// Two decisions; "fast" ends the exercise after the first, so a team can take a shorter path.
// Every decision has a penalising onTimeout, and "panic" loses points outright.
const small = ZScenario.parse({
  schemaVersion: 1,
  id: "small-drill",
  title: "Small drill",
  summary: "Two decisions.",
  estimatedMinutes: 10,
  tags: [],
  capabilities: [
    { id: "RS", name: "Respond" },
    { id: "CO", name: "Communicate" },
    { id: "RC", name: "Recover" },
  ],
  objectives: [{ id: "o1", text: "Respond and tell people", capabilities: ["RS", "CO"] }],
  training: [{ id: "t-panic", title: "Keeping calm" }],
  start: "i1",
  nodes: [
    { id: "i1", type: "inject", title: "Alarm", body: "Something happened.", next: "d1" },
    {
      id: "d1",
      type: "decision",
      title: "First move",
      prompt: "What now?",
      options: [
        { id: "fast", label: "Contain and finish", score: { RS: 4, CO: 2 }, next: "end" },
        { id: "slow", label: "Investigate further", score: { RS: 2 }, next: "d2" },
        { id: "panic", label: "Panic", score: { RS: -3, CO: -2 }, training: ["t-panic"], next: "d2" },
      ],
      onTimeout: { next: "d2", score: { RS: -2 } },
    },
    {
      id: "d2",
      type: "decision",
      title: "Second move",
      prompt: "And now?",
      options: [
        { id: "restore", label: "Restore", score: { RC: 3, CO: 1 }, next: "end" },
        { id: "wait", label: "Wait", score: { RC: 0 }, next: "end" },
      ],
      onTimeout: { next: "end", score: { RC: -1, CO: -1 } },
    },
    { id: "end", type: "end", title: "Done", outcome: "success", debrief: "" },
  ],
});

function shown(report: AarReport, team: string): TeamBreakdown {
  const found = report.teams.find((t) => t.name === team)!;
  if (found.breakdown.suppressed) throw new Error(`${team} is withheld`);
  return found.breakdown.value;
}

function cell(report: AarReport, capabilityId: string, team: string): AarCapabilityTeam {
  return report.capabilities.find((c) => c.id === capabilityId)!.teams.find((t) => t.teamName === team)!;
}

describe("after-action report assembly", () => {
  it("reports a team that never voted: no alignment, participation 0, decisions still scored", () => {
    const report = assembleAar(play(small, [{ name: "Quiet", strategy: (d) => (d === "d1" ? "slow" : "restore"), voters: 0 }]));
    const quiet = shown(report, "Quiet");
    expect(quiet.behaviour.alignment.overall).toBeNull();
    expect(quiet.behaviour.alignment.votes).toBe(0);
    expect(quiet.behaviour.participation).toEqual({ participants: 0, members: 4, rate: 0 });
    const decisions = quiet.timeline.filter((e) => e.kind === "decision");
    expect(decisions).toHaveLength(2);
    expect(decisions.every((d) => d.kind === "decision" && d.votes === 0)).toBe(true);
    // Readiness comes from the decisions, not the votes.
    expect(cell(report, "RC", "Quiet").readiness?.percent).toBe(100);
    expect(cell(report, "RS", "Quiet").readiness?.percent).toBe(50);
  });

  it("reports a team whose every decision timed out: votes unaligned, penalties scored, decisions timed", () => {
    const report = assembleAar(play(small, [{ name: "Slow", strategy: "timeout", voters: 3 }]));
    const slow = shown(report, "Slow");
    const decisions = slow.timeline.filter((e) => e.kind === "decision");
    expect(decisions.map((d) => d.kind === "decision" && d.timedOut)).toEqual([true, true]);
    expect(slow.behaviour.alignment.overall).toBe(0);
    expect(slow.behaviour.alignment.votes).toBe(6);
    expect(slow.behaviour.decisionTime.counted).toBe(2);
    expect(slow.behaviour.decisionTime.medianMs).toBeGreaterThan(0);
    const rs = cell(report, "RS", "Slow");
    expect(rs.readiness).toMatchObject({ earned: -2, best: 4, percent: 0 });
    expect(rs.rating?.proposed).toBe("U");
    expect(cell(report, "RC", "Slow").readiness).toMatchObject({ earned: -1, best: 3, percent: 0 });
  });

  it("keeps negative points visible while the percentage stops at 0", () => {
    const report = assembleAar(play(small, [{ name: "Panicky", strategy: (d) => (d === "d1" ? "panic" : "wait") }]));
    const co = cell(report, "CO", "Panicky");
    expect(co.readiness).toMatchObject({ earned: -2, percent: 0 });
    expect(co.final).toBe("U");
    const lock = shown(report, "Panicky").timeline.find((e) => e.kind === "decision" && e.nodeId === "d1");
    expect(lock).toMatchObject({ earned: -5, best: 6, optionLabel: "Panic" });
    expect(shown(report, "Panicky").gaps.gaps.map((g) => g.trainingId)).toEqual(["t-panic"]);
  });

  it("does not mark down a team that took a shorter path for the decisions it never met", () => {
    const report = assembleAar(
      play(small, [
        { name: "Short", strategy: "first" },
        { name: "Long", strategy: (d) => (d === "d1" ? "slow" : "restore") },
      ]),
    );
    expect(shown(report, "Short").readiness.decisionsMet).toBe(1);
    expect(shown(report, "Long").readiness.decisionsMet).toBe(2);
    expect(cell(report, "RS", "Short").readiness?.percent).toBe(100);
    // Recover was only on the long path: not assessed for Short, not 0.
    expect(cell(report, "RC", "Short").readiness?.percent).toBeNull();
    expect(cell(report, "RC", "Short").rating?.proposed).toBeNull();
    expect(cell(report, "RC", "Long").readiness?.percent).toBe(100);
    expect(report.teams.map((t) => t.progress)).toEqual(["finished", "finished"]);
  });

  it("reports an aborted session: teams stopped on the way, unmet capabilities not assessed, stray votes not counted", () => {
    const input = play(small, [{ name: "Cut short", strategy: () => "slow", stopAfter: 1 }], { status: "ABORTED" });
    // A vote on the decision that never locked, cast just before the abort.
    input.votes.push({ sessionTeamId: "team-1", participantId: "team-1-p0", nodeId: "d2", visit: 1, optionId: "restore" });
    const report = assembleAar(input);
    expect(report.overview.status).toBe("ABORTED");
    const team = report.teams[0];
    expect(team.progress).toBe("stopped");
    const b = shown(report, "Cut short");
    expect(b.behaviour.alignment.unmatchedVotes).toBe(1);
    expect(report.capabilities.find((c) => c.id === "RC")!.assessed).toBe(false);
    expect(b.timeline.at(-1)).toMatchObject({ kind: "enter", nodeId: "d2" });
  });

  it("hides the breakdown of a small team in an anonymous session and says why", () => {
    const plan = [
      { name: "Big", strategy: "best" as const, voters: 3 },
      { name: "Tiny", strategy: "best" as const, voters: 1, members: 1 },
    ];
    const anonymous = assembleAar(play(small, plan, { anonymous: true, minGroupSize: 3 }));
    const tiny = anonymous.teams.find((t) => t.name === "Tiny")!;
    expect(tiny.breakdown).toEqual({ suppressed: true, respondents: 1, minGroupSize: 3, reason: "small-group" });
    expect(cell(anonymous, "RS", "Tiny")).toMatchObject({ readiness: null, rating: null, withheld: { respondents: 1 } });
    expect(anonymous.overview.objectives[0].teams.find((t) => t.teamId === tiny.id)).toEqual({ teamId: tiny.id, percent: null, suppressed: true });
    expect(anonymous.privacy.suppressedTeams).toBe(1);
    expect(layoutReadinessChart(anonymous).legend.map((l) => l.name)).toEqual(["Big"]);
    expect(shown(anonymous, "Big").readiness.decisionsMet).toBeGreaterThan(0);

    // The same people under their names: nothing is hidden.
    const named = assembleAar(play(small, plan, { anonymous: false, minGroupSize: 3 }));
    expect(named.teams.every((t) => !t.breakdown.suppressed)).toBe(true);
  });

  it("falls back to the recorded tallies once retention deleted the raw votes", () => {
    const input = play(bundled("ransomware-survey-platform.json"), [{ name: "Blue", strategy: "best", voters: 3 }]);
    const before = shown(assembleAar(input), "Blue");
    const after = assembleAar({ ...input, votes: [], responses: [] });
    const blue = shown(after, "Blue");
    expect(after.privacy.rawVotesDeleted).toBe(true);
    expect(blue.behaviour.votesFrom).toBe("tallies");
    expect(blue.behaviour.participation).toBeNull();
    expect(blue.behaviour.alignment.overall).toBeCloseTo(before.behaviour.alignment.overall!, 10);
    const lockedBefore = before.timeline.filter((e) => e.kind === "decision");
    const lockedAfter = blue.timeline.filter((e) => e.kind === "decision");
    expect(lockedAfter.map((e) => e.kind === "decision" && e.votes)).toEqual(lockedBefore.map((e) => e.kind === "decision" && e.votes));
    expect(after.teams[0].respondents).toBe(3);
  });

  it("keeps the proposal beside a facilitator's override", () => {
    const input = play(small, [{ name: "Panicky", strategy: (d) => (d === "d1" ? "panic" : "wait") }]);
    input.overrides.push({ sessionTeamId: "team-1", capabilityId: "RS", proposed: "U", rating: "M", rationale: "Recovered well in the hot wash.", author: "Fran", updatedAt: new Date() });
    const rs = cell(assembleAar(input), "RS", "Panicky");
    expect(rs.rating?.proposed).toBe("U");
    expect(rs.final).toBe("M");
    expect(rs.override).toMatchObject({ rating: "M", proposedThen: "U", rationale: "Recovered well in the hot wash.", author: "Fran" });
  });

  it("shows whether the team improved since its earlier session, and its open plan items", () => {
    const input = play(small, [{ name: "Blue", strategy: "first", orgTeamId: "org-blue" }], { sessionId: "s2" });
    input.history.push({
      sessionId: "s1",
      title: "Spring drill",
      date: new Date("2026-05-01T09:00:00Z"),
      orgTeamId: "org-blue",
      // RS 1 of 4 then (25 %, U); a rating override on CO.
      decisions: [{ points: { RS: 1, CO: 2 }, bestPoints: { RS: 4, CO: 2 } }],
      overrides: [{ capabilityId: "CO", rating: "S" }],
    });
    input.plan.push(
      { id: "old", originSessionId: "s1", originTitle: "Spring drill", originDate: new Date("2026-05-01T09:00:00Z"), teamId: "org-blue", teamName: "Blue", capabilityId: "RS", action: "Write the containment runbook", owner: "CISO", dueDate: new Date("2026-06-30"), status: "OPEN", closedAt: null, updatedAt: new Date() },
      { id: "new", originSessionId: "s2", originTitle: "Ransomware drill", originDate: new Date(), teamId: "org-blue", teamName: "Blue", capabilityId: "CO", action: "Template for customer notice", owner: "Comms lead", dueDate: null, status: "IN_PROGRESS", closedAt: null, updatedAt: new Date() },
    );
    const report = assembleAar(input);
    expect(cell(report, "RS", "Blue").previous).toMatchObject({ sessionId: "s1", title: "Spring drill", percent: 25, rating: "U", trend: "improved" });
    // CO was rated S by override then, and is P now.
    expect(cell(report, "CO", "Blue").previous).toMatchObject({ rating: "S", trend: "improved" });
    expect(report.plan.carried.map((p) => p.id)).toEqual(["old"]);
    expect(report.plan.carried[0]).toMatchObject({ carried: true, overdue: true, origin: { sessionId: "s1" } });
    expect(report.plan.items.map((p) => p.id)).toEqual(["new"]);
    expect(report.plan.items[0].overdue).toBe(false);
  });

  it("compares ratings first, then readiness by at least 5 points", () => {
    expect(compareReadiness({ percent: 90, rating: "S" }, { percent: 60, rating: "P" })).toBe("improved");
    expect(compareReadiness({ percent: 70, rating: "S" }, { percent: 72, rating: "S" })).toBe("unchanged");
    expect(compareReadiness({ percent: 80, rating: "S" }, { percent: 66, rating: "S" })).toBe("declined");
    expect(compareReadiness({ percent: 50, rating: "M" }, { percent: 30, rating: "U" })).toBe("declined");
  });

  it("gives an empty session a sensible report", () => {
    const report = assembleAar(play(small, [{ name: "Nobody", strategy: "best", stopAfter: 0, voters: 0, members: 0 }], { status: "ABORTED" }));
    expect(report.capabilities.every((c) => !c.assessed)).toBe(true);
    expect(layoutReadinessChart(report).rows).toEqual([]);
    expect(shown(report, "Nobody").behaviour.participation?.rate).toBeNull();
  });
});

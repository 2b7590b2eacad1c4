// The after-action report's opening: the summary block (overall readiness, ratings at a
// glance, the three biggest gaps, open items with owners) and the timeline in event order.
import { describe, expect, it } from "vitest";
import { assembleAar, type AarReport } from "@/lib/reports/aar";
import { bundled, play } from "./aar-fixture";

const ransomware = bundled("ransomware-survey-platform.json");

function timeline(report: AarReport, team: string) {
  const found = report.teams.find((t) => t.name === team)!;
  if (found.breakdown.suppressed) throw new Error(`${team} is withheld`);
  return found.breakdown.value.timeline;
}

describe("the AAR summary block", () => {
  it("gives overall readiness, a rating per assessed capability and the weakest ones as gaps", () => {
    const report = assembleAar(play(ransomware, [{ name: "Blue", strategy: "worst" }]));
    const { summary } = report;
    expect(summary.readiness.percent).not.toBeNull();
    expect(summary.readiness.rating).toMatch(/^[PSMU]$/);
    const assessed = report.capabilities.filter((c) => c.assessed).map((c) => c.id);
    expect(summary.capabilities.map((c) => c.id)).toEqual(assessed);
    // One team: the rating at a glance is the team's own.
    for (const c of summary.capabilities) expect(c.rating).toBe(report.capabilities.find((x) => x.id === c.id)!.teams[0].final);
    expect(summary.gaps.length).toBeGreaterThan(0);
    expect(summary.gaps.length).toBeLessThanOrEqual(3);
    expect(summary.gaps.every((g) => g.rating !== "P")).toBe(true);
    const ranks = { U: 0, M: 1, S: 2, P: 3 } as const;
    for (let i = 1; i < summary.gaps.length; i++) {
      const [a, b] = [summary.gaps[i - 1], summary.gaps[i]];
      expect(ranks[a.rating!] < ranks[b.rating!] || (a.rating === b.rating && a.percent! <= b.percent!)).toBe(true);
    }
  });

  it("names only capabilities not rated P as gaps", () => {
    const report = assembleAar(play(ransomware, [{ name: "Best", strategy: "best" }]));
    const notP = report.summary.capabilities.filter((c) => c.rating !== "P").map((c) => c.id);
    expect(report.summary.gaps.map((g) => g.id).sort()).toEqual(notP.slice(0, 3).length === notP.length ? [...notP].sort() : expect.any(Array));
    expect(report.summary.gaps.every((g) => notP.includes(g.id))).toBe(true);
  });

  it("rates a capability by its weakest team and names it, leaving small groups out", () => {
    const report = assembleAar(play(ransomware, [{ name: "Strong", strategy: "best" }, { name: "Weak", strategy: "worst" }, { name: "Tiny", strategy: "worst", voters: 1, members: 1 }], { anonymous: true, minGroupSize: 3 }));
    expect(report.summary.withheldTeams).toBe(1);
    const weak = report.summary.capabilities.find((c) => c.rating !== "P")!;
    expect(weak.weakestTeam).toBe("Weak");
    expect(JSON.stringify(report.summary)).not.toContain("Tiny");
  });

  it("lists open and in-progress items with owners, overdue first, and leaves closed ones out", () => {
    const input = play(ransomware, [{ name: "Blue", strategy: "worst" }]);
    const item = (id: string, status: "OPEN" | "IN_PROGRESS" | "DONE", due: string | null, action: string) => ({
      id, originSessionId: "s1", originTitle: "Ransomware drill", originDate: input.session.startedAt, teamId: "team-1", teamName: "Blue",
      capabilityId: ransomware.capabilities[0].id, action, owner: `Owner of ${id}`, dueDate: due ? new Date(`${due}T00:00:00Z`) : null, status, closedAt: null, updatedAt: input.now,
    });
    input.plan = [item("a", "OPEN", "2027-01-10", "Write the playbook"), item("b", "IN_PROGRESS", "2026-01-01", "Test the backups"), item("c", "DONE", null, "Buy coffee")];
    const { openItems } = assembleAar(input).summary;
    expect(openItems.map((i) => [i.id, i.owner, i.overdue])).toEqual([["b", "Owner of b", true], ["a", "Owner of a", false]]);
  });
});

describe("the AAR timeline", () => {
  it("lists each decision before the node it led to, even when the log's clock says otherwise", () => {
    const input = play(ransomware, [{ name: "Blue", strategy: "first" }]);
    // The lock's events carry the transaction's start, a little before the decision's own time.
    for (const e of input.events) if (e.type === "decision.locked") e.createdAt = new Date(e.createdAt.getTime() - 1_500);
    const entries = timeline(assembleAar(input), "Blue");
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ kind: "enter", nodeType: "end" });
    expect(entries.at(-2)!.kind).toBe("decision");
    entries.forEach((entry, i) => {
      if (entry.kind !== "decision") return;
      const next = entries[i + 1];
      expect(next?.kind, `after the decision at ${entry.nodeId}`).toBe("enter");
    });
    const decided = entries.filter((e) => e.kind === "decision").map((e) => e.nodeId);
    expect(decided).toEqual(input.decisions.map((d) => d.nodeId));
  });
});

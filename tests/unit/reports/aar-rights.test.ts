import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintScenarioText } from "@/lib/scenario/lint";
import { buildRightsSection, declaresRights, rightsCsv, rightsFindings } from "@/lib/reports/aar-rights";

const scenario = lintScenarioText(readFileSync(path.join(process.cwd(), "scenarios/ransomware-survey-platform.json"), "utf8")).scenario!;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const tally = (rights?: unknown) => ({ counts: {}, counted: 1, total: 3, ...(rights ? { rights } : {}) });
const decisions = [
  { sessionTeamId: "alpha", nodeId: "d-contain", visit: 1, optionId: "isolate-preserve", tally: tally(), decidedAt: at(1) },
  { sessionTeamId: "alpha", nodeId: "d-ransom", visit: 1, optionId: "pay-now", tally: tally({ withoutOwner: ["incident-lead"], againstConsult: [{ roleId: "legal-privacy", optionIds: ["validated-restore"], votes: 2 }] }), decidedAt: at(5) },
  { sessionTeamId: "bravo", nodeId: "d-ransom", visit: 1, optionId: "validated-restore", tally: tally(), decidedAt: at(5) },
  { sessionTeamId: "small", nodeId: "d-ransom", visit: 1, optionId: "pay-now", tally: tally({ withoutOwner: ["incident-lead"], againstConsult: [] }), decidedAt: at(5) },
];
const teams = [
  { id: "alpha", name: "Alpha" },
  { id: "bravo", name: "Bravo" },
  { id: "small", name: "Small" },
];

describe("AAR decision rights section", () => {
  it("lists per team the decisions taken without their owner or against the consulted role, with names and labels", () => {
    const section = buildRightsSection({ scenario, teams, decisions, withheld: new Set(["small"]), minGroupSize: null })!;
    const [alpha, bravo, small] = section.teams;
    expect(alpha.rows).toHaveLength(1);
    expect(alpha.rows[0]).toMatchObject({
      nodeId: "d-ransom",
      decision: "The ransom question",
      withoutOwner: ["Incident lead (COO)"],
      againstConsult: [{ roleId: "legal-privacy", role: "Legal and privacy (DPO)", votes: 2 }],
    });
    expect(alpha.rows[0].againstConsult[0].options).toHaveLength(1);
    expect(alpha.rows[0].chosen).not.toBe("pay-now");
    expect(bravo).toMatchObject({ withheld: false, rows: [] });
    expect(small).toMatchObject({ withheld: true, rows: [] });
  });

  it("withholds a consulted role's own vote below k in an anonymous session, but still says the decision went against it", () => {
    const section = buildRightsSection({ scenario, teams, decisions, withheld: new Set(), minGroupSize: 3 })!;
    const dissent = section.teams[0].rows[0].againstConsult[0];
    expect(dissent).toMatchObject({ role: "Legal and privacy (DPO)", options: null, votes: null });
    const t = (key: string, values: Record<string, string | number>) => `${key}:${JSON.stringify(values)}`;
    expect(rightsFindings(section.teams[0].rows[0], t, 3)).toEqual([
      'withoutOwner:{"roles":"Incident lead (COO)"}',
      'againstConsultWithheld:{"role":"Legal and privacy (DPO)","k":3}',
    ]);
    expect(buildRightsSection({ scenario, teams, decisions, withheld: new Set(), minGroupSize: 2 })!.teams[0].rows[0].againstConsult[0].votes).toBe(2);
  });

  it("exports one CSV row per finding, and says which teams are withheld", () => {
    const csv = rightsCsv(buildRightsSection({ scenario, teams, decisions, withheld: new Set(["small"]), minGroupSize: null })!);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("team,decision,node_id,visit,outcome,finding,role,role_voted,role_votes");
    expect(lines.filter((l) => l.includes("without-owner"))).toHaveLength(1);
    expect(lines.find((l) => l.includes("against-consulted"))).toContain("Legal and privacy (DPO)");
    expect(lines.find((l) => l.startsWith("Small"))).toContain("withheld: small-group");
  });

  it("is absent when no decision of the scenario names owner or consulted roles", () => {
    const plain = { ...scenario, nodes: scenario.nodes.map((n) => (n.type === "decision" ? { ...n, owner: undefined, consult: undefined } : n)) };
    expect(declaresRights(scenario)).toBe(true);
    expect(declaresRights(plain)).toBe(false);
    expect(buildRightsSection({ scenario: plain, teams, decisions, withheld: new Set(), minGroupSize: null })).toBeNull();
  });
});

// The AAR's "Decision rights" section: per team, the decisions taken without their owner
// (nobody in the team held an `owner` role) and those taken against the vote of a role the
// decision says must be consulted. The facts come from what each lock recorded in its
// decision row (lib/session/decision-rights.ts), not from the raw votes, so the section
// survives the votes' retention. Privacy as elsewhere in the AAR: a team whose breakdown is
// withheld is withheld here too, and in an anonymous session a consulted role's own vote
// over fewer than k voters is not shown (only that the decision went against it). Pure.
import type { TScenario } from "@/lib/scenario";
import { TIMEOUT_CHOICE } from "@/lib/scenario";
import { isSmallGroup } from "@/lib/privacy/suppression";
import { recordedRights } from "@/lib/session/decision-rights";
import { toCsv, type CsvValue } from "./csv";

export type AarConsultDissent = {
  roleId: string;
  role: string;
  /** The labels of the options the consulted role led with; null when withheld (fewer than k voted). */
  options: string[] | null;
  votes: number | null;
};

export type AarRightsRow = {
  nodeId: string;
  visit: number;
  decision: string;
  chosen: string;
  /** Owner role names nobody in the team held; [] when the owner decided. */
  withoutOwner: string[];
  againstConsult: AarConsultDissent[];
};

export type AarRightsTeam = { teamId: string; teamName: string; withheld: boolean; rows: AarRightsRow[] };
/** `minGroupSize`: k in an anonymous session (consulted votes below it are withheld), else null. */
export type AarRightsSection = { minGroupSize: number | null; teams: AarRightsTeam[] };

type DecisionRow = { sessionTeamId: string; nodeId: string; visit: number; optionId: string; tally: unknown; decidedAt: Date };

/** True when some decision of the scenario names owner or consulted roles. */
export function declaresRights(scenario: Pick<TScenario, "nodes">): boolean {
  return scenario.nodes.some((n) => n.type === "decision" && ((n.owner?.length ?? 0) > 0 || (n.consult?.length ?? 0) > 0));
}

export function buildRightsSection(input: {
  scenario: TScenario;
  teams: ReadonlyArray<{ id: string; name: string }>;
  decisions: readonly DecisionRow[];
  /** Teams whose breakdown the AAR withholds (a small group in an anonymous session). */
  withheld: ReadonlySet<string>;
  /** k when the session is anonymous, else null. */
  minGroupSize: number | null;
}): AarRightsSection | null {
  const { scenario, minGroupSize } = input;
  if (!declaresRights(scenario)) return null;
  const roleName = (id: string) => scenario.roles.find((r) => r.id === id)?.name ?? id;
  const teams = input.teams.map((team): AarRightsTeam => {
    if (input.withheld.has(team.id)) return { teamId: team.id, teamName: team.name, withheld: true, rows: [] };
    const rows: AarRightsRow[] = [];
    const own = input.decisions.filter((d) => d.sessionTeamId === team.id).sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
    for (const d of own) {
      const rights = recordedRights(d.tally);
      const node = scenario.nodes.find((n) => n.id === d.nodeId);
      if (!rights || node?.type !== "decision") continue;
      const label = (id: string) => (id === TIMEOUT_CHOICE ? id : (node.options.find((o) => o.id === id)?.label ?? id));
      rows.push({
        nodeId: node.id,
        visit: d.visit,
        decision: node.title ?? node.prompt,
        chosen: label(d.optionId),
        withoutOwner: rights.withoutOwner.map(roleName),
        againstConsult: rights.againstConsult.map((c) => {
          const hidden = minGroupSize !== null && isSmallGroup(c.votes, minGroupSize);
          return { roleId: c.roleId, role: roleName(c.roleId), options: hidden ? null : c.optionIds.map(label), votes: hidden ? null : c.votes };
        }),
      });
    }
    return { teamId: team.id, teamName: team.name, withheld: false, rows };
  });
  return { minGroupSize, teams };
}

/** One sentence per finding of a row, in the `rights.aar` messages: the same wording on the page and in the PDF. */
export function rightsFindings(row: AarRightsRow, t: (key: string, values: Record<string, string | number>) => string, k: number): string[] {
  const lines = row.withoutOwner.length ? [t("withoutOwner", { roles: row.withoutOwner.join(", ") })] : [];
  for (const c of row.againstConsult) lines.push(c.options ? t("againstConsult", { role: c.role, options: c.options.join(", ") }) : t("againstConsultWithheld", { role: c.role, k }));
  return lines;
}

export const RIGHTS_COLUMNS = ["team", "decision", "node_id", "visit", "outcome", "finding", "role", "role_voted", "role_votes"] as const;

/** The section as CSV rows, one per finding (a decision can have several); withheld teams say so. */
export function rightsCsv(section: AarRightsSection): string {
  const rows: CsvValue[][] = [];
  for (const team of section.teams) {
    if (team.withheld) {
      rows.push([team.teamName, null, null, null, null, "withheld: small-group", null, null, null]);
      continue;
    }
    for (const r of team.rows) {
      if (r.withoutOwner.length) rows.push([team.teamName, r.decision, r.nodeId, r.visit, r.chosen, "without-owner", r.withoutOwner.join(" | "), null, null]);
      for (const c of r.againstConsult) rows.push([team.teamName, r.decision, r.nodeId, r.visit, r.chosen, "against-consulted", c.role, c.options ? c.options.join(" | ") : "withheld: small-group", c.votes]);
    }
  }
  return toCsv(RIGHTS_COLUMNS, rows);
}

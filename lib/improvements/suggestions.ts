// Choosing what to run next: for each organisation team with open improvement items (that the
// facilitator may see), the scenarios that exercise those items' capabilities, best coverage
// first. Capabilities are matched by id or by their framework reference (e.g. NIST CSF "RS").
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { visibleItems } from "./ledger";

export type ScenarioSuggestion = {
  teamId: string;
  teamName: string;
  openCapabilities: string[];
  scenarios: Array<{ id: string; title: string; covers: string[] }>;
};

type Capability = { id?: unknown; ref?: unknown };

function capabilityKeys(document: unknown): Set<string> {
  const caps = (document as { capabilities?: unknown } | null)?.capabilities;
  const out = new Set<string>();
  if (Array.isArray(caps)) for (const c of caps as Capability[]) for (const v of [c.id, c.ref]) if (typeof v === "string") out.add(v);
  return out;
}

export async function suggestScenarios(prisma: PrismaClient, viewer: Pick<SignedInUser, "id" | "role">, offered: Array<{ id: string; title: string }>, perTeam = 3): Promise<ScenarioSuggestion[]> {
  const visible = visibleItems(viewer);
  if (!visible || !offered.length) return [];
  const items = await prisma.improvementItem.findMany({
    where: { AND: [visible, { teamId: { not: null }, status: { in: ["OPEN", "IN_PROGRESS"] }, verifiedAt: null, team: { archivedAt: null } }] },
    select: { teamId: true, capabilityId: true, team: { select: { name: true } } },
  });
  if (!items.length) return [];
  const docs = await prisma.scenario.findMany({ where: { id: { in: offered.map((o) => o.id) } }, select: { id: true, document: true } });
  const keysOf = new Map(docs.map((d) => [d.id, capabilityKeys(d.document)]));
  const byTeam = new Map<string, { name: string; caps: Set<string> }>();
  for (const i of items) {
    const entry = byTeam.get(i.teamId!) ?? { name: i.team?.name ?? "", caps: new Set<string>() };
    entry.caps.add(i.capabilityId);
    byTeam.set(i.teamId!, entry);
  }
  return [...byTeam.entries()]
    .map(([teamId, { name, caps }]) => ({
      teamId,
      teamName: name,
      openCapabilities: [...caps].sort(),
      scenarios: offered
        .map((o) => ({ id: o.id, title: o.title, covers: [...caps].filter((c) => keysOf.get(o.id)?.has(c)).sort() }))
        .filter((s) => s.covers.length > 0)
        .sort((a, b) => b.covers.length - a.covers.length || a.title.localeCompare(b.title))
        .slice(0, perTeam),
    }))
    .filter((s) => s.scenarios.length > 0)
    .sort((a, b) => a.teamName.localeCompare(b.teamName));
}

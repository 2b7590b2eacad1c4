import { route, requireSessionAccess, readBody, parseJson, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { ZFindingInput } from "@/lib/privacy/session-summary";

export const dynamic = "force-dynamic";

/** Adds a strength or an area for improvement to the session's report. */
export const POST = route<{ id: string }>({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  await requireSessionAccess(session, params.id, "reports", "modify");
  const input = parseJson(await readBody(req, 16 * 1024), ZFindingInput);
  const prisma = getPrisma();
  if (input.teamId) {
    const team = await prisma.sessionTeam.findUnique({ where: { id: input.teamId }, select: { sessionId: true } });
    if (!team || team.sessionId !== params.id) return jsonError(404, "TEAM_NOT_FOUND", "/teamId: that team is not part of this session");
  }
  const finding = await prisma.$transaction(async (tx) => {
    const f = await tx.aarFinding.create({ data: { sessionId: params.id, sessionTeamId: input.teamId ?? null, capabilityId: input.capabilityId, kind: input.kind, text: input.text, authorId: session.user.id } });
    await audit(tx, session.user, "modify", "report", params.id, { findingId: f.id, kind: f.kind, capabilityId: f.capabilityId });
    return f;
  });
  return Response.json({ finding: { id: finding.id, kind: finding.kind, capabilityId: finding.capabilityId, text: finding.text } }, { status: 201 });
});

import { route, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

/** Deletes one scenario version that no session was run from (those keep their script). */
export const DELETE = route<{ id: string }>({ resource: "scenarios", action: "delete" }, async ({ session, params }) => {
  const prisma = getPrisma();
  const version = await prisma.scenario.findUnique({ where: { id: params.id }, select: { id: true, slug: true, contentHash: true, _count: { select: { sessions: true } } } });
  if (!version) return jsonError(404, "NOT_FOUND", "no scenario version has this id; it may already be deleted");
  if (version._count.sessions > 0) {
    return jsonError(409, "SCENARIO_IN_USE", `${version._count.sessions} session(s) were run from this version; it is kept so their reports can show what was played`);
  }
  await prisma.$transaction(async (tx) => {
    await tx.scenario.delete({ where: { id: version.id } });
    await audit(tx, session.user, "delete", "scenario", version.id, { slug: version.slug, contentHash: version.contentHash });
  });
  return Response.json({ deleted: { id: version.id, slug: version.slug } });
});

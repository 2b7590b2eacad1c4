import { route, requireSessionAccess, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { sessionSummary } from "@/lib/privacy/session-summary";

export const dynamic = "force-dynamic";

/** Aggregates only: decisions and vote counts per team, small groups withheld. */
export const GET = route<{ id: string }>({ resource: "reports", action: "view" }, async ({ session, params }) => {
  await requireSessionAccess(session, params.id, "reports", "view");
  const summary = await sessionSummary(getPrisma(), params.id);
  if (!summary) return jsonError(404, "SESSION_NOT_FOUND", `session ${params.id} does not exist`);
  await audit(getPrisma(), session.user, "view", "report", params.id, {});
  return Response.json(summary);
});

/** Deletes what people wrote into the session's report (findings and rating overrides); the recorded decisions stay. */
export const DELETE = route<{ id: string }>({ resource: "reports", action: "delete" }, async ({ session, params }) => {
  await requireSessionAccess(session, params.id, "reports", "delete");
  const result = await getPrisma().$transaction(async (tx) => {
    const findings = (await tx.aarFinding.deleteMany({ where: { sessionId: params.id } })).count;
    const overrides = (await tx.ratingOverride.deleteMany({ where: { sessionId: params.id } })).count;
    await audit(tx, session.user, "delete", "report", params.id, { findings, overrides });
    return { findings, overrides };
  });
  return Response.json({ deleted: result });
});

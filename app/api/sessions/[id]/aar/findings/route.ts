import { readJson, sessionRoute } from "@/lib/http/route";
import { AAR_LIMITS, ZFindingCreate, createFinding } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Adds a strength or an area for improvement: { capabilityId, teamId?, kind, text }. */
export const POST = sessionRoute({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZFindingCreate, AAR_LIMITS.bodyBytes);
  return Response.json(await createFinding(getPrisma(), session.user, params.id, input), { status: 201 });
});

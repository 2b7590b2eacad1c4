import { readJson, sessionRoute } from "@/lib/http/route";
import { AAR_LIMITS, ZPlanCreate, createPlanItem } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Adds an improvement plan item: { capabilityId, teamId?, action, owner, dueDate?, status? }. */
export const POST = sessionRoute({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZPlanCreate, AAR_LIMITS.bodyBytes);
  return Response.json(await createPlanItem(getPrisma(), session.user, params.id, input), { status: 201 });
});

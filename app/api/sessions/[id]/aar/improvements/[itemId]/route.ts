import { readJson, sessionRoute } from "@/lib/http/route";
import { AAR_LIMITS, ZPlanPatch, deletePlanItem, updatePlanItem } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string; itemId: string };

/** Changes a plan item (also one carried over from an earlier session), e.g. its status. */
export const PATCH = sessionRoute<Params>({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const patch = await readJson(req, ZPlanPatch, AAR_LIMITS.bodyBytes);
  return Response.json(await updatePlanItem(getPrisma(), session.user, params.id, params.itemId, patch));
});

export const DELETE = sessionRoute<Params>({ resource: "reports", action: "modify" }, async ({ session, params }) => {
  return Response.json(await deletePlanItem(getPrisma(), session.user, params.id, params.itemId));
});

import { aarRoute, readAarBody } from "@/lib/reports/aar-http";
import { ZPlanPatch, deletePlanItem, updatePlanItem } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string; itemId: string };

/** Changes a plan item (also one carried over from an earlier session), e.g. its status. */
export const PATCH = aarRoute<Params>("modify", async ({ req, session, params }) => {
  const patch = await readAarBody(req, ZPlanPatch);
  return Response.json(await updatePlanItem(getPrisma(), session.user, params.id, params.itemId, patch));
});

export const DELETE = aarRoute<Params>("modify", async ({ session, params }) => {
  return Response.json(await deletePlanItem(getPrisma(), session.user, params.id, params.itemId));
});

import { readJson, sessionRoute } from "@/lib/http/route";
import { AAR_LIMITS, ZFindingPatch, deleteFinding, updateFinding } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string; findingId: string };

export const PATCH = sessionRoute<Params>({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const patch = await readJson(req, ZFindingPatch, AAR_LIMITS.bodyBytes);
  return Response.json(await updateFinding(getPrisma(), session.user, params.id, params.findingId, patch));
});

export const DELETE = sessionRoute<Params>({ resource: "reports", action: "modify" }, async ({ session, params }) => {
  return Response.json(await deleteFinding(getPrisma(), session.user, params.id, params.findingId));
});

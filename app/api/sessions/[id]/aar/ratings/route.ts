import { readJson, sessionRoute } from "@/lib/http/route";
import { AAR_LIMITS, ZOverrideInput, ZOverrideTarget, clearRatingOverride, overrideRating } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Overrides one team's rating of one capability: { teamId, capabilityId, rating, rationale }. */
export const PUT = sessionRoute({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZOverrideInput, AAR_LIMITS.bodyBytes);
  return Response.json(await overrideRating(getPrisma(), session.user, params.id, input));
});

/** Withdraws an override: { teamId, capabilityId }. */
export const DELETE = sessionRoute({ resource: "reports", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZOverrideTarget, AAR_LIMITS.bodyBytes);
  return Response.json(await clearRatingOverride(getPrisma(), session.user, params.id, input));
});

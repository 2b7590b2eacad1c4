import { aarRoute, readAarBody } from "@/lib/reports/aar-http";
import { ZOverrideInput, ZOverrideTarget, clearRatingOverride, overrideRating } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Overrides one team's rating of one capability: { teamId, capabilityId, rating, rationale }. */
export const PUT = aarRoute<{ id: string }>("modify", async ({ req, session, params }) => {
  const input = await readAarBody(req, ZOverrideInput);
  return Response.json(await overrideRating(getPrisma(), session.user, params.id, input));
});

/** Withdraws an override: { teamId, capabilityId }. */
export const DELETE = aarRoute<{ id: string }>("modify", async ({ req, session, params }) => {
  const input = await readAarBody(req, ZOverrideTarget);
  return Response.json(await clearRatingOverride(getPrisma(), session.user, params.id, input));
});

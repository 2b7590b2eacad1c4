import { aarRoute, readAarBody } from "@/lib/reports/aar-http";
import { ZFindingCreate, createFinding } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Adds a strength or an area for improvement: { capabilityId, teamId?, kind, text }. */
export const POST = aarRoute<{ id: string }>("modify", async ({ req, session, params }) => {
  const input = await readAarBody(req, ZFindingCreate);
  return Response.json(await createFinding(getPrisma(), session.user, params.id, input), { status: 201 });
});

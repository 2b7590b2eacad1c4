import { aarRoute, readAarBody } from "@/lib/reports/aar-http";
import { ZPlanCreate, createPlanItem } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Adds an improvement plan item: { capabilityId, teamId?, action, owner, dueDate?, status? }. */
export const POST = aarRoute<{ id: string }>("modify", async ({ req, session, params }) => {
  const input = await readAarBody(req, ZPlanCreate);
  return Response.json(await createPlanItem(getPrisma(), session.user, params.id, input), { status: 201 });
});

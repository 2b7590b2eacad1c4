import { aarRoute, readAarBody } from "@/lib/reports/aar-http";
import { ZFindingPatch, deleteFinding, updateFinding } from "@/lib/reports/aar-edit";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string; findingId: string };

export const PATCH = aarRoute<Params>("modify", async ({ req, session, params }) => {
  const patch = await readAarBody(req, ZFindingPatch);
  return Response.json(await updateFinding(getPrisma(), session.user, params.id, params.findingId, patch));
});

export const DELETE = aarRoute<Params>("modify", async ({ session, params }) => {
  return Response.json(await deleteFinding(getPrisma(), session.user, params.id, params.findingId));
});

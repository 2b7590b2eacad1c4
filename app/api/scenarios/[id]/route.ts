import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { deleteScenarioVersion } from "@/lib/catalog/store";

export const dynamic = "force-dynamic";

/** Deletes one scenario version that no session was run from (those keep their script). */
export const DELETE = route<{ id: string }>({ resource: "scenarios", action: "delete" }, async ({ session, params }) => {
  return Response.json({ deleted: await deleteScenarioVersion(getPrisma(), session.user, params.id) });
});

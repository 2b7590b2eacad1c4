import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { runRetention } from "@/lib/privacy/retention";

export const dynamic = "force-dynamic";

/** Runs retention now, as the scheduled run would; deleting raw responses is an admin's right. */
export const POST = route({ resource: "responses", action: "delete" }, async ({ session }) => {
  return Response.json(await runRetention(getPrisma(), new Date(), session.user));
});

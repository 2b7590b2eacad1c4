import { getPrisma } from "@/lib/db/client";
import { closeDrill } from "@/lib/drills/facilitator";
import { sessionRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Closes the drill before its deadline; unfinished runs then show their result so far. */
export const POST = sessionRoute({ resource: "sessions", action: "modify" }, async ({ session, params }) => {
  return Response.json(await closeDrill(getPrisma(), session.user, params.id));
});

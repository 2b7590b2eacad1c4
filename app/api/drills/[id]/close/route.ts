import { getPrisma } from "@/lib/db/client";
import { closeDrill } from "@/lib/drills/facilitator";
import { recordClosedDrill } from "@/lib/drills/report-data";
import { sessionRoute } from "@/lib/http/route";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** Closes the drill before its deadline; unfinished runs then show their result so far. With e-mail on, those who finished get the closing note; the drill's team figures join the dashboard. */
export const POST = sessionRoute({ resource: "sessions", action: "modify" }, async ({ req, session, params }) => {
  const closed = await closeDrill(getPrisma(), session.user, params.id, setupLinkUrl(req, "/"));
  // Its final team figures join the manager dashboard now (lib/drills/report-rollup.ts).
  await recordClosedDrill(params.id);
  return Response.json(closed);
});

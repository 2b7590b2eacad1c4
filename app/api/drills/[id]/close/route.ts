import { getPrisma } from "@/lib/db/client";
import { closeDrill } from "@/lib/drills/facilitator";
import { sessionRoute } from "@/lib/http/route";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** Closes the drill before its deadline; unfinished runs then show their result so far. With e-mail on, those who finished get the closing note. */
export const POST = sessionRoute({ resource: "sessions", action: "modify" }, async ({ req, session, params }) => {
  return Response.json(await closeDrill(getPrisma(), session.user, params.id, setupLinkUrl(req, "/")));
});

import { getPrisma } from "@/lib/db/client";
import { createDrill } from "@/lib/drills/facilitator";
import { ZCreateDrill } from "@/lib/drills/inputs";
import { readJson, route } from "@/lib/http/route";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

const MAX_BODY = 1024 * 1024;

/** Creates a drill from a stored scenario version; answers with the personal links, shown this once. */
export const POST = route({ resource: "sessions", action: "modify", maxBodyBytes: MAX_BODY }, async ({ req, session }) => {
  const input = await readJson(req, ZCreateDrill, MAX_BODY);
  const created = await createDrill(getPrisma(), session.user, input, setupLinkUrl(req, "/"));
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

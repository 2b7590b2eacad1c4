import { getPrisma } from "@/lib/db/client";
import { reissueLinks } from "@/lib/drills/facilitator";
import { linksCsv } from "@/lib/drills/links-csv";
import { sessionRoute } from "@/lib/http/route";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** New personal links (CSV) for everyone who has not started; their earlier links stop working. */
export const POST = sessionRoute({ resource: "sessions", action: "modify" }, async ({ req, session, params }) => {
  const { links, openLink } = await reissueLinks(getPrisma(), session.user, params.id, setupLinkUrl(req, "/"));
  return new Response(linksCsv(links, openLink), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="drill-links-${params.id}.csv"`, "cache-control": "no-store" },
  });
});

import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { reissueSetupLink } from "@/lib/users/invite";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** A fresh one-time set-password link for another account; older unused links stop working. */
export const POST = route<{ id: string }>({ resource: "users", action: "modify" }, async ({ req, session, params }) => {
  const link = await reissueSetupLink(getPrisma(), session.user, params.id);
  return Response.json({ link: { url: setupLinkUrl(req, link.path), expiresAt: link.expiresAt } }, { status: 201, headers: { "cache-control": "no-store" } });
});

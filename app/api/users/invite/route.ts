import { route, readJson } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { inviteUser, ZInvite } from "@/lib/users/invite";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** {email, role, name?}: a staff account without a password, and its one-time set-password link (returned once). */
export const POST = route({ resource: "users", action: "modify" }, async ({ req, session }) => {
  const input = await readJson(req, ZInvite, 4 * 1024);
  const { user, link } = await inviteUser(getPrisma(), session.user, input);
  return Response.json({ user, link: { url: setupLinkUrl(req, link.path), expiresAt: link.expiresAt } }, { status: 201, headers: { "cache-control": "no-store" } });
});

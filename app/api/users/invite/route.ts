import { route, readBody, parseJson, HttpError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { UserInputError } from "@/lib/users/service";
import { inviteUser, ZInvite } from "@/lib/users/invite";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** {email, role, name?}: a staff account without a password, and its one-time set-password link (returned once). */
export const POST = route({ resource: "users", action: "modify" }, async ({ req, session }) => {
  const input = parseJson(await readBody(req, 4 * 1024), ZInvite);
  try {
    const { user, link } = await inviteUser(getPrisma(), session.user, input);
    return Response.json({ user, link: { url: setupLinkUrl(req, link.path), expiresAt: link.expiresAt } }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (e instanceof UserInputError) throw new HttpError(409, "USER_EXISTS", e.message, [{ path: "/email", message: e.message }]);
    throw e;
  }
});

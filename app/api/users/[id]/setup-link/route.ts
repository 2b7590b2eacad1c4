import { route, HttpError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { UserInputError, UserNotFoundError } from "@/lib/users/service";
import { reissueSetupLink } from "@/lib/users/invite";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** A fresh one-time set-password link for another account; older unused links stop working. */
export const POST = route<{ id: string }>({ resource: "users", action: "modify" }, async ({ req, session, params }) => {
  try {
    const link = await reissueSetupLink(getPrisma(), session.user, params.id);
    return Response.json({ link: { url: setupLinkUrl(req, link.path), expiresAt: link.expiresAt } }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (e instanceof UserNotFoundError) throw new HttpError(404, "USER_NOT_FOUND", e.message);
    if (e instanceof UserInputError) throw new HttpError(409, "NOT_ALLOWED", e.message);
    throw e;
  }
});

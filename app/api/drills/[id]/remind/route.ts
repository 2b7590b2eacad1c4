import { getPrisma } from "@/lib/db/client";
import { sendReminderNow } from "@/lib/drills/mail";
import { sessionRoute } from "@/lib/http/route";
import { setupLinkUrl } from "@/lib/users/link-url";

export const dynamic = "force-dynamic";

/** "Send reminder now": one e-mail to every invitee who has not finished, with their personal link. */
export const POST = sessionRoute({ resource: "sessions", action: "modify" }, async ({ req, session, params }) => {
  return Response.json(await sendReminderNow(getPrisma(), session.user, params.id, setupLinkUrl(req, "/")));
});

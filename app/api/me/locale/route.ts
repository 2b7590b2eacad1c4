// The signed-in person's language (the header's language switch): kept on their account for
// their e-mail, beside the cookie that sets the interface's language.
import { getPrisma } from "@/lib/db/client";
import { readJson, route } from "@/lib/http/route";
import { setUserLocale, ZUserLocale } from "@/lib/users/locale";

export const dynamic = "force-dynamic";

export const PUT = route({ anyRole: true }, async ({ req, session }) => {
  const { locale } = await readJson(req, ZUserLocale, 1024);
  await setUserLocale(getPrisma(), session.user.id, locale);
  return Response.json({ locale });
});

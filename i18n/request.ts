// next-intl's per-request configuration: the interface language for this request and
// its messages (see resolveLocale for the order of preference). A drill invitation's
// personal link is in the invitation's language unless the person chose one: the whole
// page, header included, not just the drill (i18n/participant.ts, invitationPageLocale).
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { MESSAGES } from "@/messages";
import { LOCALE_COOKIE, resolveLocale, toLocale } from "@/lib/i18n/config";
import { DISPLAY_TIME_ZONE } from "@/lib/i18n/format";
import { PATH_HEADER } from "@/i18n/client-scopes";
import { invitationLocaleOf } from "@/lib/drills/page-data";

/** The token of a personal drill link's page (`/drill/<token>`), or null. */
function drillPageToken(path: string | null): string | null {
  const m = path ? /^\/drill\/([^/]+)$/.exec(path) : null;
  return m ? decodeURIComponent(m[1]) : null;
}

export default getRequestConfig(async ({ locale: explicit }) => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const cookie = explicit ?? cookieStore.get(LOCALE_COOKIE)?.value;
  const token = toLocale(cookie) ? null : drillPageToken(headerList.get(PATH_HEADER));
  const invitation = token ? await invitationLocaleOf({ token }) : null;
  const locale = invitation
    ? resolveLocale({ cookie, acceptLanguage: null, sessionDefault: invitation })
    : resolveLocale({ cookie, acceptLanguage: headerList.get("accept-language") });
  return { locale, messages: MESSAGES[locale], timeZone: DISPLAY_TIME_ZONE };
});

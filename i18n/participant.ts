// The interface language on participant pages (join, play): the switcher's cookie, else
// the browser's language when supported, else the session's default, else English.
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/config";

export async function participantLocale(sessionDefault: string | null | undefined): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language"), sessionDefault });
}

/**
 * The interface language on a drill invitation's pages: the switcher's cookie (the person
 * chose), else the language the invitation was written in, never the browser's.
 */
export async function invitationPageLocale(invitationLocale: string): Promise<Locale> {
  const cookieStore = await cookies();
  return resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: null, sessionDefault: invitationLocale });
}

// next-intl's per-request configuration: the interface language for this request and
// its messages (see resolveLocale for the order of preference).
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { MESSAGES } from "@/messages";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";
import { DISPLAY_TIME_ZONE } from "@/lib/i18n/format";

export default getRequestConfig(async ({ locale: explicit }) => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({
    cookie: explicit ?? cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  return { locale, messages: MESSAGES[locale], timeZone: DISPLAY_TIME_ZONE };
});

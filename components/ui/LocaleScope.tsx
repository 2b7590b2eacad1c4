// Renders its children in a given interface language (participant pages, where the
// session's default language can apply): a nested next-intl provider with that
// language's messages, and the document's lang attribute kept in step.
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { headers } from "next/headers";
import { clientMessages, PATH_HEADER } from "@/i18n/client-scopes";
import { MESSAGES } from "@/messages";
import type { Locale } from "@/lib/i18n/config";
import { DISPLAY_TIME_ZONE } from "@/lib/i18n/format";
import { DocumentLang } from "./DocumentLang";

export async function LocaleScope({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const [outer, requestHeaders] = await Promise.all([getLocale(), headers()]);
  if (outer === locale) return <>{children}</>;
  return (
    <NextIntlClientProvider locale={locale} messages={clientMessages(MESSAGES[locale], requestHeaders.get(PATH_HEADER)) as never} timeZone={DISPLAY_TIME_ZONE}>
      <DocumentLang lang={locale} />
      {children}
    </NextIntlClientProvider>
  );
}

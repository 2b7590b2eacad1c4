import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { clientMessages, isParticipantPath, PATH_HEADER } from "@/i18n/client-scopes";
import "./globals.css";
import "./live-room.css";
import { AppHeader } from "@/components/ui/AppHeader";
import { SiteChrome } from "@/components/ui/SiteChrome";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("brand"), template: `%s · ${t("brand")}` }, description: t("description") };
}
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [session, locale, messages, requestHeaders] = await Promise.all([getSession(), getLocale(), getMessages(), headers()]);
  // Participant pages get only their messages, and links out of them load in full.
  const path = requestHeaders.get(PATH_HEADER);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={clientMessages(messages, path)}>
          <SiteChrome>
            <AppHeader user={session?.user ?? null} fullLoads={isParticipantPath(path)} />
          </SiteChrome>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

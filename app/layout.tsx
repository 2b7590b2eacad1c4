import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
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
  const [session, locale] = await Promise.all([getSession(), getLocale()]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <SiteChrome>
            <AppHeader user={session?.user ?? null} />
          </SiteChrome>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

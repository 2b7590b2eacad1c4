import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { PrivacyNotice } from "@/components/privacy/PrivacyNotice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("notice.title") };
}
// Read on every request: the notice states the settings in force right now.
export const dynamic = "force-dynamic";

/** Public: no sign-in needed. */
export default async function PrivacyPage() {
  const [settings, session, t] = await Promise.all([getSettings(getPrisma()), getSession(), getTranslations("privacy")]);
  return (
    <main className="page narrow">
      {session && can(session.user.role, "settings", "modify") && (
        <div className="alert info">
          {t("notice.editHint")} <Link href="/admin/privacy">{t("notice.editLink")}</Link>.
        </div>
      )}
      <PrivacyNotice settings={settings} />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { lastRetentionRun } from "@/lib/privacy/retention";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { PrivacySettingsForm } from "@/components/privacy/PrivacySettingsForm";
import { RetentionPanel } from "@/components/privacy/RetentionPanel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("settings.title") };
}
export const dynamic = "force-dynamic";

export default async function AdminPrivacyPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/privacy");
  const t = await getTranslations("privacy");
  if (!can(session.user.role, "settings", "modify")) return <Forbidden what={t("admin.forbidden.settings")} />;
  const prisma = getPrisma();
  const [settings, lastRun] = await Promise.all([getSettings(prisma), lastRetentionRun(prisma)]);
  return (
    <main className="page narrow">
      <AdminPageHead role={session.user.role} current="privacy" title={t("settings.title")} lead={t.rich("settings.lead", { link: (c) => <Link href="/privacy">{c}</Link> })} />
      <div className="stack">
        <PrivacySettingsForm initial={settings} />
        <RetentionPanel lastRun={lastRun} canRun={can(session.user.role, "responses", "delete")} />
      </div>
    </main>
  );
}

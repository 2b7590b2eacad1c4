import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ApiTokens } from "@/components/settings/ApiTokens";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/settings/tokens");
  if (!can(session.user.role, "sessions", "modify")) return <Forbidden what="tokens" />;
  const t = await getTranslations("settings");
  return (
    <main className="page">
      <AdminPageHead role={session.user.role} current="tokens" title={t("heading")} lead={t.rich("lead", { code: (chunks) => <code>{chunks}</code> })} />
      <ApiTokens />
    </main>
  );
}

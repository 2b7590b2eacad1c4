import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { Forbidden } from "@/components/ui/Forbidden";
import { UploadForm } from "@/components/scenarios/UploadForm";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scenarios.uploadPage");
  return { title: t("title") };
}

export default async function UploadScenarioPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Fscenarios%2Fupload");
  const t = await getTranslations("scenarios.uploadPage");
  const ts = await getTranslations("scenarios");
  if (!can(session.user.role, "scenarios", "modify")) return <Forbidden what="upload" reason={t("forbidden")} />;
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <p className="small"><Link href="/scenarios">{ts("detail.back")}</Link></p>
          <h1>{t("heading")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
      </div>
      <UploadForm maxBytes={MAX_SCENARIO_BYTES} />
    </main>
  );
}

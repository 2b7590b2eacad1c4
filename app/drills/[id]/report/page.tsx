import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can, canViewReport } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { drillReportFor } from "@/lib/drills/report-data";
import { DrillReportView } from "@/components/drills/DrillReportView";
import { Forbidden } from "@/components/ui/Forbidden";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drillReport");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function DrillReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/drills/${id}/report`)}`);
  const { user } = session;
  const tAar = await getTranslations("aar");
  if (!can(user.role, "reports", "view")) return <Forbidden what={tAar("forbiddenWhat")} />;
  try {
    const scope = await loadSessionScope(id);
    if (!canViewReport(user, scope)) return <Forbidden what={tAar("forbiddenWhat")} reason={tAar("forbiddenReason")} />;
    const report = await drillReportFor(user, scope);
    await audit(getPrisma(), user, "view", "report", id, { report: "drill-aar", via: "web" });
    return (
      <main className="page">
        <DrillReportView report={report} />
      </main>
    );
  } catch (e) {
    if (DomainError.is(e) && (e.code === "SESSION_NOT_FOUND" || e.code === "NOT_A_DRILL")) notFound();
    throw e;
  }
}

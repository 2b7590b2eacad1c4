import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { canRunSession, canViewReport } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import { DomainError } from "@/lib/errors/domain-error";
import { drillProgressFor } from "@/lib/drills/page-data";
import { DrillDashboard } from "@/components/drills/DrillDashboard";
import { Forbidden } from "@/components/ui/Forbidden";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function DrillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/drills/${id}`)}`);
  try {
    const scope = await loadSessionScope(id);
    const progress = await drillProgressFor(session.user, scope);
    const tReport = await getTranslations("drillReport");
    return (
      <main className="page">
        <div className="page-head">
          <h1>{progress.title}</h1>
          {canViewReport(session.user, scope) && <Link className="btn secondary" href={`/drills/${id}/report`} data-testid="drill-report-link">{tReport("pageTitle")}</Link>}
        </div>
        <DrillDashboard initial={progress} canModify={canRunSession(session.user, scope)} />
      </main>
    );
  } catch (e) {
    if (DomainError.is(e) && (e.code === "SESSION_NOT_FOUND" || e.code === "NOT_A_DRILL")) notFound();
    if (DomainError.is(e) && e.code === "FORBIDDEN") return <Forbidden what="sessions" />;
    throw e;
  }
}

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/components/ui/Forbidden";
import { AarReportView } from "@/components/aar/AarReportView";
import { getSession } from "@/lib/auth/session";
import { can, canAccessSession, canEditReport, canViewReport } from "@/lib/auth/permissions";
import { loadSessionScope } from "@/lib/auth/session-scope";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { DomainError } from "@/lib/errors/domain-error";
import { loadAar } from "@/lib/reports/aar-load";
import { EvidencePanel } from "@/components/evidence/EvidencePanel";
import { proposeVerifications } from "@/lib/improvements/verification";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("aar");
  return { title: t("pageTitle") };
}

export default async function AfterActionReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/sessions/${id}/aar`)}`);
  const { user } = session;
  const t = await getTranslations("aar");
  if (!can(user.role, "reports", "view")) return <Forbidden what={t("forbiddenWhat")} />;
  const prisma = getPrisma();
  const scope = await loadSessionScope(id).catch((e: unknown) => {
    if (DomainError.is(e) && e.code === "SESSION_NOT_FOUND") notFound();
    throw e;
  });
  if (!canViewReport(user, scope)) return <Forbidden what={t("forbiddenWhat")} reason={t("forbiddenReason")} />;
  const report = await loadAar(prisma, id, user);
  const canEdit = canEditReport(user, scope);
  await audit(prisma, user, "view", "report", id, { report: "aar", via: "web" });
  const [canExportEvidence, proposals] = await Promise.all([
    can(user.role, "evidence", "export") && canAccessSession(user, "reports", "export", scope),
    proposeVerifications(prisma, report, user),
  ]);
  return (
    <main className="page">
      <AarReportView report={report} canEdit={canEdit} />
      <EvidencePanel sessionId={id} canExport={canExportEvidence} canConfirm={canEdit} proposals={proposals} />
    </main>
  );
}

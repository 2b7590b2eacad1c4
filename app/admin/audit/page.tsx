import type { Metadata } from "next";
import { presentKeys } from "@/lib/audit/detail";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { auditFacets, queryAudit, ZAuditFilter, type TAuditFilter } from "@/lib/audit/query";
import { loadAuditNames } from "@/lib/audit/subjects";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { AuditLogView } from "@/components/privacy/AuditLogView";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("audit.title") };
}
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/audit");
  const t = await getTranslations("privacy");
  if (!can(session.user.role, "audit", "view")) return <Forbidden what={t("admin.forbidden.audit")} />;

  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ZAuditFilter.safeParse(raw);
  const filter: TAuditFilter = parsed.success ? parsed.data : {};
  const error = parsed.success ? null : `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`;
  const prisma = getPrisma();
  const [page, facets] = await Promise.all([queryAudit(prisma, filter), auditFacets(prisma)]);
  const names = await loadAuditNames(prisma, page.rows);
  // Reading the audit log is itself recorded.
  await audit(prisma, session.user, "view", "audit", null, { filterFields: presentKeys(filter), rows: page.rows.length, via: "web" });
  return (
    <main className="page">
      <AdminPageHead role={session.user.role} current="audit" title={t("audit.title")} lead={t("audit.lead")} />
      <AuditLogView filter={filter} rows={page.rows} names={names} nextBefore={page.nextBefore} facets={facets} error={error} />
    </main>
  );
}

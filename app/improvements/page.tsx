import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { listLedger, ZLedgerFilter, type TLedgerFilter } from "@/lib/improvements/ledger";
import { Forbidden } from "@/components/ui/Forbidden";
import { LedgerFilters } from "@/components/improvements/LedgerFilters";
import { LedgerTable } from "@/components/improvements/LedgerTable";
import { LedgerTrend } from "@/components/improvements/LedgerTrend";
import { loadTeamTrend } from "@/lib/improvements/team-trend";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("evidence");
  return { title: t("ledger.title") };
}

/** The improvement ledger: items of every session whose report the reader may open (the matrix decides). */
export default async function ImprovementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Fimprovements");
  const t = await getTranslations("evidence");
  if (!can(session.user.role, "reports", "view")) return <Forbidden what={t("ledger.forbiddenWhat")} />;
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])));
  const parsed = ZLedgerFilter.safeParse(raw);
  const filter: TLedgerFilter = parsed.success ? parsed.data : {};
  const prisma = getPrisma();
  const [rows, all, teams, trend] = await Promise.all([
    listLedger(prisma, session.user, filter),
    listLedger(prisma, session.user, {}),
    can(session.user.role, "teams", "view") ? prisma.team.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }) : Promise.resolve([]),
    loadTeamTrend(prisma, session.user, []),
  ]);
  const counts = { open: all.filter((r) => r.status === "OPEN" || r.status === "IN_PROGRESS").length, overdue: all.filter((r) => r.overdue).length, verified: all.filter((r) => r.status === "VERIFIED").length };
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{t("ledger.title")}</h1>
          <p className="lead">{t("ledger.intro")}</p>
          <p className="small" data-testid="ledger-summary">{t("ledger.summary", counts)}</p>
        </div>
      </div>
      {!parsed.success && <div className="alert error" role="alert">{parsed.error.issues[0]?.message}</div>}
      <LedgerFilters filter={filter} teams={teams} />
      <LedgerTable rows={rows} />
      <LedgerTrend trend={trend} />
    </main>
  );
}

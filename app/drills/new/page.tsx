import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { listScenarioEntries } from "@/lib/catalog/store";
import { listTeams } from "@/lib/teams/service";
import { Forbidden } from "@/components/ui/Forbidden";
import { NewDrillForm } from "@/components/drills/NewDrillForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("drills");
  return { title: t("newTitle") };
}
export const dynamic = "force-dynamic";

export default async function NewDrillPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const wanted = (await searchParams).scenario;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent("/drills/new")}`);
  if (!can(session.user.role, "sessions", "modify")) return <Forbidden what="sessionCreation" />;
  const t = await getTranslations("drills");
  const entries = await listScenarioEntries(getPrisma(), {}, await getLocale());
  const scenarios = entries.flatMap((e) => e.languages.map((l) => ({ id: l.id, title: e.languages.length > 1 ? `${l.title} (${l.locale})` : l.title, locale: l.locale })));
  const preselected = typeof wanted === "string" ? (scenarios.find((s) => s.id === wanted)?.id ?? entries.find((e) => e.key === wanted)?.shown.id ?? null) : null;
  const teams = can(session.user.role, "teams", "view") ? (await listTeams(getPrisma())).map((tm) => ({ id: tm.id, name: tm.name })) : [];
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("newTitle")}</h1>
          <p className="lead">{t("newLead")}</p>
        </div>
      </div>
      <NewDrillForm scenarios={scenarios} teams={teams} preselected={preselected} />
    </main>
  );
}

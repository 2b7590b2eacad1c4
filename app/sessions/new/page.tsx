import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can, canAddTeamWithSession } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getScenarioVersion, listScenarios } from "@/lib/catalog/store";
import { listTeams } from "@/lib/teams/service";
import { Forbidden } from "@/components/ui/Forbidden";
import { NewSessionForm } from "@/components/live/NewSessionForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function NewSessionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const wanted = (await searchParams).scenario;
  const session = await getSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(`/sessions/new${typeof wanted === "string" ? `?scenario=${encodeURIComponent(wanted)}` : ""}`)}`);
  if (!can(session.user.role, "sessions", "modify")) return <Forbidden what="sessionCreation" />;
  const t = await getTranslations("sessions");
  const scenarios = (await listScenarios(getPrisma())).map((s) => ({
    id: s.id,
    slug: s.slug,
    title: s.title,
    summary: s.summary,
    locale: s.locale,
    estimatedMinutes: s.estimatedMinutes,
    decisions: s.decisions,
  }));
  // ?scenario= takes a stored version id (an older version joins the list), or a slug for its newest version.
  let preselected = typeof wanted === "string" ? (scenarios.find((s) => s.id === wanted) ?? scenarios.find((s) => s.slug === wanted) ?? null) : null;
  if (!preselected && typeof wanted === "string" && wanted.length <= 64) {
    const older = await getScenarioVersion(getPrisma(), wanted);
    if (older) {
      preselected = { id: older.id, slug: older.slug, title: t("olderVersion", { title: older.title, hash: older.contentHash.slice(0, 8) }), summary: older.summary, locale: older.locale, estimatedMinutes: older.estimatedMinutes, decisions: older.decisions };
      scenarios.unshift(preselected);
    }
  }
  // Archived teams are not offered: they keep their history but take part in no new session.
  const teams = can(session.user.role, "teams", "view") ? (await listTeams(getPrisma())).map((tm) => ({ id: tm.id, name: tm.name, sessions: tm.sessions })) : [];
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("heading")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
      </div>
      <NewSessionForm scenarios={scenarios} initialScenarioId={preselected?.id ?? null} teams={teams} canAddTeams={canAddTeamWithSession(session.user.role)} />
    </main>
  );
}

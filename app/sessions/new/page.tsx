import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can, canAddTeamWithSession } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getScenarioVersion, listScenarioEntries, type ScenarioSummary } from "@/lib/catalog/store";
import { listTeams } from "@/lib/teams/service";
import { minGroupSize } from "@/lib/session/viewer";
import { Forbidden } from "@/components/ui/Forbidden";
import { NewSessionForm, type ScenarioChoice, type ScenarioVersionChoice } from "@/components/live/NewSessionForm";
import { ScenarioSuggestions } from "@/components/improvements/ScenarioSuggestions";
import { suggestScenarios } from "@/lib/improvements/suggestions";

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
  const td = await getTranslations("drills");
  // One choice per scenario; its languages are picked in a second field.
  const version = (s: Pick<ScenarioSummary, "id" | "title" | "summary" | "locale" | "estimatedMinutes" | "decisions">): ScenarioVersionChoice => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    locale: s.locale,
    estimatedMinutes: s.estimatedMinutes,
    decisions: s.decisions,
  });
  const entries = await listScenarioEntries(getPrisma(), {}, await getLocale());
  const scenarios: ScenarioChoice[] = entries.map((e) => ({ key: e.key, shownId: e.shown.id, title: e.shown.title, languages: e.languages.map(version) }));
  // ?scenario= takes a stored version id (an older version joins the list), or a slug for its newest version.
  let preselected: string | null = null;
  if (typeof wanted === "string") {
    const byId = entries.flatMap((e) => e.languages).find((s) => s.id === wanted);
    const bySlug = entries.find((e) => e.key === wanted)?.shown ?? entries.flatMap((e) => e.languages).find((s) => s.slug === wanted);
    preselected = (byId ?? bySlug)?.id ?? null;
    if (!preselected && wanted.length <= 64) {
      const older = await getScenarioVersion(getPrisma(), wanted);
      if (older) {
        const title = t("olderVersion", { title: older.title, hash: older.contentHash.slice(0, 8) });
        scenarios.unshift({ key: `${older.slug}@${older.id}`, shownId: older.id, title, languages: [version({ ...older, title })] });
        preselected = older.id;
      }
    }
  }
  // Archived teams are not offered: they keep their history but take part in no new session.
  const teams = can(session.user.role, "teams", "view") ? (await listTeams(getPrisma())).map((tm) => ({ id: tm.id, name: tm.name, sessions: tm.sessions })) : [];
  // Teams with open improvement items: scenarios that exercise those capabilities (docs/evidence.md).
  const suggestions = await suggestScenarios(getPrisma(), session.user, scenarios.map((s) => ({ id: s.shownId, title: s.title })));
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("heading")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        <Link className="btn secondary" href={preselected ? `/drills/new?scenario=${encodeURIComponent(preselected)}` : "/drills/new"} data-testid="run-as-drill">{td("newTitle")}</Link>
      </div>
      <ScenarioSuggestions suggestions={suggestions} />
      <NewSessionForm scenarios={scenarios} initialScenarioId={preselected} teams={teams} canAddTeams={canAddTeamWithSession(session.user.role)} minGroupSize={await minGroupSize()} />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { listScenarioEntries, listScenarios } from "@/lib/catalog/store";
import { Forbidden } from "@/components/ui/Forbidden";
import { CatalogFilters, type FilterOptions } from "@/components/scenarios/CatalogFilters";
import { ScenarioCard } from "@/components/scenarios/ScenarioCard";
import { localeName } from "@/components/scenarios/locale-name";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scenarios");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function param(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 200) ?? "";
}

export default async function ScenariosPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Fscenarios");
  if (!can(session.user.role, "scenarios", "view")) return <Forbidden what="catalogue" />;

  const params = await searchParams;
  const t = await getTranslations("scenarios");
  const locale = (await getLocale()) as Locale;
  const filter = { q: param(params.q), tag: param(params.tag), locale: param(params.locale) };
  const prisma = getPrisma();
  const [versions, all, scenarios] = await Promise.all([
    listScenarios(prisma),
    listScenarioEntries(prisma, {}, locale),
    listScenarioEntries(prisma, { q: filter.q || undefined, tag: filter.tag || undefined, locale: filter.locale || undefined }, locale),
  ]);

  // Tags count scenarios, not language versions.
  const tagCounts = new Map<string, number>();
  for (const entry of all) for (const t of new Set(entry.languages.flatMap((s) => s.tags))) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const options: FilterOptions = {
    tags: [...tagCounts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag)),
    locales: [...new Set(versions.map((s) => s.locale))].map((code) => ({ code, name: localeName(code, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
  const canRun = can(session.user.role, "sessions", "modify");
  const filtered = Boolean(filter.q || filter.tag || filter.locale);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>{t("heading")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        {can(session.user.role, "scenarios", "modify") && <Link href="/scenarios/upload" className="btn">{t("upload")}</Link>}
      </div>
      <CatalogFilters q={filter.q} tag={filter.tag} locale={filter.locale} options={options} />
      <p className="muted small" data-testid="result-count" aria-live="polite">
        {filtered ? t("resultCount", { shown: scenarios.length, total: all.length }) : t("count", { count: all.length })}
      </p>
      {scenarios.length > 0 ? (
        <div className="scenario-grid">
          {scenarios.map((entry) => <ScenarioCard key={entry.key} entry={entry} canRun={canRun} />)}
        </div>
      ) : (
        <div className="card empty">
          <strong>{all.length ? t("noMatch") : t("emptyCatalogue")}</strong>
          {all.length ? <Link href="/scenarios">{t("showAll")}</Link> : t("uploadToStart")}
        </div>
      )}
    </main>
  );
}

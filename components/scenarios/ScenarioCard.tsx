// One scenario in the catalogue: title, summary, language, length and tags (each a filter link).
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ScenarioSummary } from "@/lib/catalog/store";
import type { Locale } from "@/lib/i18n/config";
import { localeName } from "./locale-name";

export async function ScenarioCard({ scenario }: { scenario: ScenarioSummary }) {
  const t = await getTranslations("scenarios");
  const locale = (await getLocale()) as Locale;
  return (
    <article className="card scenario-card" data-testid="scenario-card" data-slug={scenario.slug} data-locale={scenario.locale}>
      <h2 lang={scenario.locale}><Link href={`/scenarios/${scenario.id}`}>{scenario.title}</Link></h2>
      <div className="row small muted scenario-meta">
        <span className="badge neutral">{localeName(scenario.locale, locale)}</span>
        <span>{t("minutes", { count: scenario.estimatedMinutes })}</span>
        <span>{t("decisions", { count: scenario.decisions })}</span>
        {scenario.source === "upload" && <span className="badge">{t("uploaded")}</span>}
      </div>
      <p className="scenario-summary" lang={scenario.locale}>{scenario.summary}</p>
      {scenario.tags.length > 0 && (
        <ul className="tag-list" aria-label={t("tags")}>
          {scenario.tags.map((tag) => (
            <li key={tag}><Link href={`/scenarios?tag=${encodeURIComponent(tag)}`} className="tag">{tag}</Link></li>
          ))}
        </ul>
      )}
    </article>
  );
}

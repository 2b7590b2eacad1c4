// One scenario in the catalogue: title, summary, length and tags (each a filter link) of the
// version in the reader's language, and every language the scenario exists in.
import Link from "@/components/ui/IntentLink";
import { getLocale, getTranslations } from "next-intl/server";
import type { CatalogEntry } from "@/lib/catalog/group";
import type { Locale } from "@/lib/i18n/config";
import { localeName } from "./locale-name";

export async function ScenarioCard({ entry, canRun }: { entry: CatalogEntry; canRun: boolean }) {
  const t = await getTranslations("scenarios");
  const locale = (await getLocale()) as Locale;
  const scenario = entry.shown;
  return (
    <article
      className="card scenario-card"
      data-testid="scenario-card"
      data-slug={entry.key}
      data-locale={scenario.locale}
      data-locales={entry.languages.map((s) => s.locale).join(" ")}
    >
      <h2 lang={scenario.locale}><Link href={`/scenarios/${scenario.id}`}>{scenario.title}</Link></h2>
      <div className="row small muted scenario-meta">
        <ul className="language-list" aria-label={t("languages")} data-testid="scenario-languages">
          {entry.languages.map((s) => (
            <li key={s.id}>
              <Link
                href={`/scenarios/${s.id}`}
                className={`badge ${s.id === scenario.id ? "" : "neutral"}`.trim()}
                lang={locale}
                title={t("openLanguage", { language: localeName(s.locale, locale) })}
                aria-current={s.id === scenario.id ? "true" : undefined}
                data-locale={s.locale}
              >
                {localeName(s.locale, locale)}
              </Link>
            </li>
          ))}
        </ul>
        <span>{t("minutes", { count: scenario.estimatedMinutes })}</span>
        <span>{t("decisions", { count: scenario.decisions })}</span>
        {scenario.source === "upload" && <span className="badge">{t("uploaded")}</span>}
        {canRun && (
          <Link className="scenario-run" href={`/sessions/new?scenario=${encodeURIComponent(scenario.id)}`} data-testid="scenario-run">
            {t("run")}
          </Link>
        )}
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

"use client";
// Search, tag and language filters of the catalogue. A plain GET form, so the filters live
// in the URL (shareable, back-button friendly); selects submit as soon as they change.
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";

export type FilterOptions = { tags: Array<{ tag: string; count: number }>; locales: Array<{ code: string; name: string }> };

export function CatalogFilters({ q, tag, locale, options }: { q: string; tag: string; locale: string; options: FilterOptions }) {
  const t = useTranslations("scenarios.filters");
  const submit = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  const active = Boolean(q || tag || locale);
  return (
    <form method="get" action="/scenarios" className="catalog-filters card" role="search" aria-label={t("label")}>
      <div className="field grow">
        <label htmlFor="filter-q">{t("search")}</label>
        <div className="input-with-button">
          <input id="filter-q" name="q" type="search" defaultValue={q} placeholder={t("searchPlaceholder")} maxLength={200} />
          <button className="btn" type="submit">{t("search")}</button>
        </div>
      </div>
      <div className="field">
        <label htmlFor="filter-tag">{t("tag")}</label>
        <select id="filter-tag" name="tag" defaultValue={tag} onChange={submit}>
          <option value="">{t("allTags")}</option>
          {options.tags.map((tag) => (
            <option key={tag.tag} value={tag.tag}>{t("tagOption", { tag: tag.tag, count: tag.count })}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-locale">{t("language")}</label>
        <select id="filter-locale" name="locale" defaultValue={locale} onChange={submit}>
          <option value="">{t("allLanguages")}</option>
          {options.locales.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>
          ))}
        </select>
      </div>
      {active && (
        <div className="field">
          <Link href="/scenarios" className="btn ghost">{t("clear")}</Link>
        </div>
      )}
    </form>
  );
}

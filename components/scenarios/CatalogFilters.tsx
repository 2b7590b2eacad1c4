"use client";
// Search, tag and language filters of the catalogue. A plain GET form, so the filters live
// in the URL (shareable, back-button friendly); selects submit as soon as they change.
import Link from "next/link";

export type FilterOptions = { tags: Array<{ tag: string; count: number }>; locales: Array<{ code: string; name: string }> };

export function CatalogFilters({ q, tag, locale, options }: { q: string; tag: string; locale: string; options: FilterOptions }) {
  const submit = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  const active = Boolean(q || tag || locale);
  return (
    <form method="get" action="/scenarios" className="catalog-filters card" role="search" aria-label="Filter scenarios">
      <div className="field grow">
        <label htmlFor="filter-q">Search</label>
        <div className="input-with-button">
          <input id="filter-q" name="q" type="search" defaultValue={q} placeholder="Title, summary or tag" maxLength={200} />
          <button className="btn" type="submit">Search</button>
        </div>
      </div>
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <select id="filter-tag" name="tag" defaultValue={tag} onChange={submit}>
          <option value="">All tags</option>
          {options.tags.map((t) => (
            <option key={t.tag} value={t.tag}>{t.tag} ({t.count})</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-locale">Language</label>
        <select id="filter-locale" name="locale" defaultValue={locale} onChange={submit}>
          <option value="">All languages</option>
          {options.locales.map((l) => (
            <option key={l.code} value={l.code}>{l.name}</option>
          ))}
        </select>
      </div>
      {active && (
        <div className="field">
          <Link href="/scenarios" className="btn ghost">Clear filters</Link>
        </div>
      )}
    </form>
  );
}

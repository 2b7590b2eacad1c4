// The audit log page body. Each row reads as a sentence ("Maja exported the PDF of Q3
// drill") that links to the record, with the raw row (actor label, ids, detail) in an
// expandable part. Action and record type are filter chips (plain links, so they work
// without scripts); actor, record id and dates sit in a small form. Older rows page by id.
import Link from "@/components/ui/IntentLink";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AuditRow, TAuditFilter } from "@/lib/audit/query";
import { auditSubject, changedFieldNames, exportFormat, sentenceKey, subjectHref } from "@/lib/audit/describe";
import { actorName, subjectKey, type AuditNames } from "@/lib/audit/subjects";

function withParams(base: string, filter: TAuditFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, before: undefined, ...extra })) if (v) params.set(k, v);
  const q = params.toString();
  return q ? `${base}?${q}` : base;
}

type Translate = Awaited<ReturnType<typeof getTranslations<"admin">>>;

function Chips({ ta, filter, name, values, label }: { ta: Translate; filter: TAuditFilter; name: "action" | "resourceType"; values: string[]; label: string }) {
  const current = filter[name];
  const chip = (value: string | undefined, text: string) => {
    const on = (current ?? undefined) === value;
    return (
      <li key={value ?? "any"}>
        <Link className={`chip${on ? " on" : ""}`} href={withParams("/admin/audit", filter, { [name]: value })} aria-current={on ? "true" : undefined} data-testid={`chip-${name}-${value ?? "any"}`}>
          {text}
        </Link>
      </li>
    );
  };
  const known = (key: string, value: string) => (ta.has(`audit.${key}.${value}`) ? ta(`audit.${key}.${value}` as "audit.actions.view") : value);
  return (
    <div className="chip-group">
      <span className="chip-label" id={`chips-${name}`}>{label}</span>
      <ul className="chips" aria-labelledby={`chips-${name}`}>
        {chip(undefined, ta("audit.anyChip"))}
        {values.map((v) => chip(v, known(name === "action" ? "actions" : "types", v)))}
      </ul>
    </div>
  );
}

function Sentence({ ta, row, names }: { ta: Translate; row: AuditRow; names: AuditNames }) {
  const subject = auditSubject(row);
  const title = subject ? names.subjects.get(subjectKey(subject.kind, subject.id)) ?? null : null;
  const href = subjectHref(row, subject, title);
  const key = sentenceKey(row);
  const fields = changedFieldNames(row);
  const values = {
    actor: actorName(names, row),
    title: title ?? (subject ? ta("audit.deleted", { id: subject.id.slice(0, 12) }) : ""),
    format: exportFormat(row) ?? "",
    fields: fields.length ? fields.join(", ") : ta("audit.someFields"),
    action: row.action,
    type: row.resourceType,
  };
  const subjectTag = (chunks: ReactNode) =>
    href ? <Link href={href} data-testid="audit-subject">{chunks}</Link> : <em>{chunks}</em>;
  return <>{ta.rich(`audit.sentences.${key}`, { ...values, subject: subjectTag, b: (c) => <strong>{c}</strong> })}</>;
}

export async function AuditLogView({
  filter,
  rows,
  names,
  nextBefore,
  facets,
  error,
}: {
  filter: TAuditFilter;
  rows: AuditRow[];
  names: AuditNames;
  nextBefore: string | null;
  facets: { actions: string[]; resourceTypes: string[] };
  error: string | null;
}) {
  const t = await getTranslations("privacy");
  const ta = await getTranslations("admin");
  const format = await getFormatter();
  const more = !!(filter.actor || filter.resourceId || filter.from || filter.to);
  return (
    <div className="stack">
      <section className="card audit-filter" aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t("audit.filters")}</h2>
        {error && <div className="alert error" role="alert">{t("audit.invalid", { message: error })}</div>}
        <Chips ta={ta} filter={filter} name="action" values={facets.actions} label={t("audit.action")} />
        <Chips ta={ta} filter={filter} name="resourceType" values={facets.resourceTypes} label={t("audit.resourceType")} />
        <details className="audit-more" open={more}>
          <summary>{ta("audit.moreFilters")}</summary>
          <form method="get" action="/admin/audit" data-testid="audit-filter">
            {filter.action && <input type="hidden" name="action" value={filter.action} />}
            {filter.resourceType && <input type="hidden" name="resourceType" value={filter.resourceType} />}
            <div className="filter-grid">
              <div className="field">
                <label htmlFor="actor">{t("audit.actor")}</label>
                <input id="actor" name="actor" defaultValue={filter.actor ?? ""} maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="resourceId">{t("audit.resourceId")}</label>
                <input id="resourceId" name="resourceId" defaultValue={filter.resourceId ?? ""} maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="from">{t("audit.from")}</label>
                <input id="from" name="from" type="date" defaultValue={filter.from?.slice(0, 10) ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="to">{t("audit.to")}</label>
                <input id="to" name="to" type="date" defaultValue={filter.to?.slice(0, 10) ?? ""} />
              </div>
            </div>
            <div className="row">
              <button className="btn" type="submit">{t("audit.apply")}</button>
            </div>
          </form>
        </details>
        <div className="row">
          <Link className="btn secondary small" href="/admin/audit">{t("audit.reset")}</Link>
          <a className="btn secondary small" href={withParams("/api/audit/export", filter)} data-testid="audit-export" download>{t("audit.export")}</a>
        </div>
      </section>

      <section className="card" aria-labelledby="audit-rows">
        <h2 id="audit-rows">{t("audit.shown", { count: rows.length })}</h2>
        {rows.length === 0 ? (
          <div className="empty">{t("audit.empty")}</div>
        ) : (
          <table className="table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{ta("audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-audit-id={r.id}>
                  <td className="nowrap audit-when">{format.dateTime(new Date(r.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td>
                    <div className="audit-sentence" data-testid="audit-sentence"><Sentence ta={ta} row={r} names={names} /></div>
                    <details className="audit-raw">
                      <summary>{ta("audit.raw")}</summary>
                      <dl>
                        <dt>{t("audit.actorColumn")}</dt><dd>{r.actorLabel}</dd>
                        <dt>{t("audit.action")}</dt><dd><code>{r.action}</code></dd>
                        <dt>{t("audit.resourceType")}</dt><dd><code>{r.resourceType}</code></dd>
                        <dt>{t("audit.resourceId")}</dt><dd className="mono">{r.resourceId ?? "—"}</dd>
                        <dt>{t("audit.detail")}</dt><dd><code className="audit-detail">{r.detail ? JSON.stringify(r.detail) : "—"}</code></dd>
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="row" style={{ marginTop: "1rem" }}>
          {filter.before && <Link className="btn secondary" href={withParams("/admin/audit", filter)}>{t("audit.newest")}</Link>}
          {nextBefore && <Link className="btn secondary" href={withParams("/admin/audit", filter, { before: nextBefore })} data-testid="audit-older">{t("audit.older")}</Link>}
        </div>
      </section>
    </div>
  );
}

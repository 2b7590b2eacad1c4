// The audit log page body: a plain GET filter form (works without scripts), one page of
// rows newest first, a link to older rows, and the CSV export of the same filter.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AuditRow, TAuditFilter } from "@/lib/audit/query";

function withParams(base: string, filter: TAuditFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, before: undefined, ...extra })) if (v) params.set(k, v);
  const q = params.toString();
  return q ? `${base}?${q}` : base;
}

export async function AuditLogView({
  filter,
  rows,
  nextBefore,
  facets,
  error,
}: {
  filter: TAuditFilter;
  rows: AuditRow[];
  nextBefore: string | null;
  facets: { actions: string[]; resourceTypes: string[] };
  error: string | null;
}) {
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  return (
    <div className="stack">
      <form className="card audit-filter" method="get" action="/admin/audit" data-testid="audit-filter">
        <h2>{t("audit.filters")}</h2>
        {error && <div className="alert error" role="alert">{t("audit.invalid", { message: error })}</div>}
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="actor">{t("audit.actor")}</label>
            <input id="actor" name="actor" defaultValue={filter.actor ?? ""} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="action">{t("audit.action")}</label>
            <select id="action" name="action" defaultValue={filter.action ?? ""}>
              <option value="">{t("audit.any")}</option>
              {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="resourceType">{t("audit.resourceType")}</label>
            <select id="resourceType" name="resourceType" defaultValue={filter.resourceType ?? ""}>
              <option value="">{t("audit.any")}</option>
              {facets.resourceTypes.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
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
          <Link className="btn secondary" href="/admin/audit">{t("audit.reset")}</Link>
          <a className="btn secondary" href={withParams("/api/audit/export", filter)} data-testid="audit-export" download>{t("audit.export")}</a>
        </div>
      </form>

      <section className="card" aria-labelledby="audit-rows">
        <h2 id="audit-rows">{t("audit.shown", { count: rows.length })}</h2>
        {rows.length === 0 ? (
          <div className="empty">{t("audit.empty")}</div>
        ) : (
          <div className="table-scroll">
            <table className="table audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t("audit.at")}</th>
                  <th scope="col">{t("audit.actorColumn")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.resourceType")}</th>
                  <th scope="col">{t("audit.resourceId")}</th>
                  <th scope="col">{t("audit.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-audit-id={r.id}>
                    <td className="nowrap">{format.dateTime(new Date(r.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                    <td>{r.actorLabel}</td>
                    <td>{r.action}</td>
                    <td>{r.resourceType}</td>
                    <td className="mono">{r.resourceId ?? ""}</td>
                    <td><code className="audit-detail">{r.detail ? JSON.stringify(r.detail) : ""}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="row" style={{ marginTop: "1rem" }}>
          {filter.before && <Link className="btn secondary" href={withParams("/admin/audit", filter)}>{t("audit.newest")}</Link>}
          {nextBefore && <Link className="btn secondary" href={withParams("/admin/audit", filter, { before: nextBefore })} data-testid="audit-older">{t("audit.older")}</Link>}
        </div>
      </section>
    </div>
  );
}

// The public privacy notice, rendered from the live settings and the permission matrix.
import { getTranslations } from "next-intl/server";
import { ROLES } from "@/lib/auth/types";
import { accessTable } from "@/lib/privacy/notice";
import type { TPrivacySettings } from "@/lib/privacy/settings";

const bold = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export async function PrivacyNotice({ settings }: { settings: TPrivacySettings }) {
  const t = await getTranslations("privacy");
  const organisation = settings.organisationName || t("notice.defaultOrganisation");
  const rows = accessTable();
  return (
    <div className="stack privacy-notice">
      <div className="page-head">
        <div>
          <h1>{t("notice.title")}</h1>
          <p className="lead">{t("notice.lead", { organisation })}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="why">
        <h2 id="why">{t("notice.why")}</h2>
        <p data-testid="purpose">{settings.purpose}</p>
      </section>

      <section className="card" aria-labelledby="what">
        <h2 id="what">{t("notice.what")}</h2>
        <ul>
          <li>{t.rich("notice.named", { b: bold })}</li>
          <li>{t.rich("notice.anonymous", { b: bold })}</li>
          <li>{t.rich("notice.neverStored", { b: bold })}</li>
          <li>{t.rich("notice.staff", { b: bold })}</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="how-long">
        <h2 id="how-long">{t("notice.howLong")}</h2>
        <p>{t.rich("notice.retention", { days: settings.retentionDays, b: (c) => <strong data-testid="retention-days">{c}</strong> })}</p>
        <p>{t.rich("notice.abandoned", { days: settings.abandonedAfterDays, b: (c) => <strong data-testid="abandoned-days">{c}</strong> })}</p>
        <p>{t("notice.kept")}</p>
      </section>

      <section className="card" aria-labelledby="small-groups">
        <h2 id="small-groups">{t("notice.smallGroups")}</h2>
        <p>{t.rich("notice.smallGroupsText", { k: settings.minGroupSize, b: (c) => <strong data-testid="min-group-size">{c}</strong> })}</p>
      </section>

      <section className="card" aria-labelledby="who">
        <h2 id="who">{t("notice.who")}</h2>
        <div className="table-scroll">
          <table className="table access-table" data-testid="access-table">
            <thead>
              <tr>
                <th scope="col">{t("notice.data")}</th>
                {ROLES.map((role) => <th key={role} scope="col">{t(`notice.roles.${role}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.resource} data-resource={row.resource}>
                  <th scope="row">
                    {t(`notice.resources.${row.resource}.label`)}
                    <div className="small muted">{t(`notice.resources.${row.resource}.what`)}</div>
                  </th>
                  {ROLES.map((role) => (
                    <td key={role} data-role={role}>
                      {row.actions[role].length ? row.actions[role].map((a) => t(`notice.actions.${a}`)).join(", ") : <span className="muted">{t("notice.noAccess")}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="small">
          {ROLES.map((role) => <li key={role}><strong>{t(`notice.roles.${role}`)}:</strong> {t(`notice.scope.${role}`)}</li>)}
        </ul>
      </section>

      <section className="card" aria-labelledby="rights">
        <h2 id="rights">{t("notice.rights")}</h2>
        <ul>
          <li>{t.rich("notice.export", { b: bold })}</li>
          <li>{t.rich("notice.erasure", { b: bold })}</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="contact">
        <h2 id="contact">{t("notice.contact")}</h2>
        {settings.contactEmail ? (
          <p>
            {t("notice.contactText")} <a href={`mailto:${settings.contactEmail}`} data-testid="contact-email">{settings.contactEmail}</a>
          </p>
        ) : (
          <p className="muted">{t("notice.noContact")}</p>
        )}
      </section>
    </div>
  );
}

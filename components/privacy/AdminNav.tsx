// The administration pages' own navigation: the same links as the header's settings menu
// (lib/auth/settings-links.ts), each shown only where the matrix allows it.
import type { ReactNode } from "react";
import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";
import { settingsLinks, type SettingsLinkKey } from "@/lib/auth/settings-links";
import type { Role } from "@/lib/auth/types";

export async function AdminNav({ role, current }: { role: Role; current: SettingsLinkKey }) {
  const t = await getTranslations("admin.settingsMenu");
  const items = settingsLinks(role);
  // One page is not a choice: a facilitator, who only has API tokens, gets no tab row.
  if (items.length < 2) return null;
  return (
    <nav className="admin-nav" aria-label={t("label")}>
      {items.map((i) => (
        <Link key={i.key} href={i.href} aria-current={i.key === current ? "page" : undefined} className={i.key === current ? "active" : undefined}>
          {t(`items.${i.key}`)}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The opening of every settings and administration page: the tab row, then the page's
 * title and lead. One component, so the six pages cannot drift apart.
 */
export function AdminPageHead({ role, current, title, lead }: { role: Role; current: SettingsLinkKey; title: ReactNode; lead: ReactNode }) {
  return (
    <>
      <AdminNav role={role} current={current} />
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{lead}</p>
        </div>
      </div>
    </>
  );
}

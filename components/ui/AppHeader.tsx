import Link from "@/components/ui/IntentLink";
import { getTranslations } from "next-intl/server";
import type { SignedInUser } from "@/lib/auth/types";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { SettingsMenu } from "@/components/ui/SettingsMenu";
import { settingsLinks } from "@/lib/auth/settings-links";
import { hasMyDrills } from "@/lib/drills/page-data";
import { alwaysShowsMyDrills } from "@/lib/auth/permissions";

type NavKey = "home" | "exercises" | "reports" | "scenarios" | "studio" | "join" | "admin" | "teams" | "improvements" | "myDrills";
const NAV: Record<SignedInUser["role"], Array<{ href: string; key: NavKey }>> = {
  ADMIN: [{ href: "/", key: "home" }, { href: "/reports", key: "reports" }, { href: "/scenarios", key: "scenarios" }, { href: "/studio", key: "studio" }, { href: "/admin/privacy", key: "admin" }],
  FACILITATOR: [{ href: "/", key: "exercises" }, { href: "/reports", key: "reports" }, { href: "/scenarios", key: "scenarios" }, { href: "/studio", key: "studio" }],
  MANAGER: [{ href: "/", key: "home" }, { href: "/reports", key: "reports" }, { href: "/scenarios", key: "scenarios" }, { href: "/admin/teams", key: "teams" }],
  PARTICIPANT: [{ href: "/join", key: "join" }],
};
/** The improvement ledger sits after Reports for every role that reads reports. */
const LEDGER = { href: "/improvements", key: "improvements" as const };

/** "My drills" sits last: for staff always, for anyone else once they have a drill. */
const MY_DRILLS = { href: "/drills/mine", key: "myDrills" as const };

function navOf(role: SignedInUser["role"], withDrills: boolean) {
  const items = NAV[role];
  const at = items.findIndex((i) => i.key === "reports");
  const withLedger = at < 0 ? items : [...items.slice(0, at + 1), LEDGER, ...items.slice(at + 1)];
  return withDrills ? [...withLedger, MY_DRILLS] : withLedger;
}

/**
 * `fullLoads`: the page holds only a participant's messages (i18n/client-scopes.ts), so links
 * out of it load the next page in full (with its own messages) instead of navigating in place.
 */
export async function AppHeader({ user, fullLoads = false }: { user: SignedInUser | null; fullLoads?: boolean }) {
  const To = fullLoads ? "a" : Link;
  const t = await getTranslations("common");
  const tm = await getTranslations("admin.settingsMenu");
  const settings = user ? settingsLinks(user.role).map((l) => ({ ...l, label: tm(`items.${l.key}`) })) : [];
  const withDrills = user ? alwaysShowsMyDrills(user.role) || (await hasMyDrills(user)) : false;
  const items = user ? navOf(user.role, withDrills) : [{ href: "/join", key: "join" as const }];
  return (
    <header className="app-header">
      <div className="inner">
        <To href="/" className="brand">
          <span className="brand-mark" aria-hidden>R</span> <span className="brand-name">{t("brand")}</span>
        </To>
        <nav className="nav scroll-hint" aria-label={t("nav.main")}>
          {items.map((item) => (
            <To key={item.href} href={item.href}>{t(`nav.${item.key}`)}</To>
          ))}
          <To href="/privacy">{t("nav.privacy")}</To>
        </nav>
        <div className="user-menu">
          <LocaleSwitcher account={user !== null} />
          {user ? (
            <>
              <SettingsMenu label={tm("button")} items={settings} fullLoads={fullLoads} />
              <span className="current-user" data-testid="current-user">{user.name ?? user.email} · {t(`roles.${user.role}`)}</span>
              <SignOutButton />
            </>
          ) : (
            <To href="/login" className="btn secondary">{t("nav.signIn")}</To>
          )}
        </div>
      </div>
    </header>
  );
}

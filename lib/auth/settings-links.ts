// The pages where staff manage what they own (tokens, privacy settings, users, teams,
// erasure, the audit log), in one list for the header's settings menu and the admin pages'
// own navigation. Each entry is shown exactly when the permission matrix lets the role use
// the page behind it, so neither place can offer a link that ends on "forbidden".
import { can, canHoldApiToken } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/types";

export const SETTINGS_LINK_KEYS = ["tokens", "privacy", "users", "teams", "erasure", "audit"] as const;
export type SettingsLinkKey = (typeof SETTINGS_LINK_KEYS)[number];
export type SettingsLink = { key: SettingsLinkKey; href: string };

const LINKS: Record<SettingsLinkKey, { href: string; allowed: (role: Role) => boolean }> = {
  // The automation API acts for its token's owner, so only roles that may hold one see the page.
  tokens: { href: "/settings/tokens", allowed: canHoldApiToken },
  privacy: { href: "/admin/privacy", allowed: (r) => can(r, "settings", "modify") },
  users: { href: "/admin/users", allowed: (r) => can(r, "users", "view") },
  // The teams page manages teams; a facilitator only picks from them on the new-session form.
  teams: { href: "/admin/teams", allowed: (r) => can(r, "teams", "modify") },
  erasure: { href: "/admin/erasure", allowed: (r) => can(r, "responses", "delete") },
  audit: { href: "/admin/audit", allowed: (r) => can(r, "audit", "view") },
};

export function settingsLinks(role: Role): SettingsLink[] {
  return SETTINGS_LINK_KEYS.filter((key) => LINKS[key].allowed(role)).map((key) => ({ key, href: LINKS[key].href }));
}

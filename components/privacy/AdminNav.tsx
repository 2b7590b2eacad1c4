// The administration pages' own navigation; each link shows only where the matrix allows it.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/types";

export async function AdminNav({ role, current }: { role: Role; current: "settings" | "users" | "teams" | "erasure" | "audit" }) {
  const t = await getTranslations("privacy");
  const items = [
    { key: "settings", href: "/admin/privacy", label: t("admin.nav.settings"), show: can(role, "settings", "modify") },
    { key: "users", href: "/admin/users", label: t("admin.nav.users"), show: can(role, "users", "view") },
    { key: "teams", href: "/admin/teams", label: t("admin.nav.teams"), show: can(role, "teams", "modify") },
    { key: "erasure", href: "/admin/erasure", label: t("admin.nav.erasure"), show: can(role, "responses", "delete") },
    { key: "audit", href: "/admin/audit", label: t("admin.nav.audit"), show: can(role, "audit", "view") },
  ].filter((i) => i.show);
  return (
    <nav className="admin-nav" aria-label={t("admin.nav.label")}>
      {items.map((i) => (
        <Link key={i.key} href={i.href} aria-current={i.key === current ? "page" : undefined} className={i.key === current ? "active" : undefined}>
          {i.label}
        </Link>
      ))}
    </nav>
  );
}

import type { Metadata } from "next";
import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { listUsers } from "@/lib/users/service";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { UserActions } from "@/components/privacy/UserActions";
import { InviteUserForm } from "@/components/users/InviteUserForm";
import type { Role } from "@/lib/auth/types";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("users.title") };
}
export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/users");
  const [t, tc, ta, format] = await Promise.all([getTranslations("privacy"), getTranslations("common"), getTranslations("admin"), getFormatter()]);
  if (!can(session.user.role, "users", "view")) return <Forbidden what={t("admin.forbidden.users")} />;
  const q = (await searchParams).q?.slice(0, 200);
  const users = await listUsers(getPrisma(), q);
  await audit(getPrisma(), session.user, "view", "user", null, { searched: !!q, count: users.length, via: "web" });
  const canErase = can(session.user.role, "responses", "delete");
  const canModify = can(session.user.role, "users", "modify");
  const canDelete = can(session.user.role, "users", "delete");
  return (
    <main className="page wide">
      <AdminPageHead role={session.user.role} current="users" title={t("users.title")} lead={t("users.lead")} />
      {canModify && <InviteUserForm />}
      <form className="row" method="get" action="/admin/users" style={{ marginBottom: "1rem" }}>
        <label className="sr-only" htmlFor="q">{t("users.search")}</label>
        <input id="q" name="q" defaultValue={q ?? ""} placeholder={t("users.search")} maxLength={200} />
        <button className="btn secondary" type="submit">{t("users.find")}</button>
        {can(session.user.role, "users", "export") && <a className="btn secondary" href="/api/users/export" download>{t("users.export")}</a>}
      </form>
      <div className="card table-scroll">
        {users.length === 0 ? (
          <div className="empty">{t("users.empty")}</div>
        ) : (
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">{t("users.lastLogin")}</th>
                {canErase && <th scope="col"><span className="sr-only">{t("users.findData")}</span></th>}
                {(canModify || canDelete) && <th scope="col">{t("users.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <td>{u.email}</td>
                  <td>{u.name ?? ""}</td>
                  <td>{tc(`roles.${u.role}`)}</td>
                  <td>{u.active ? t("users.active") : ta("users.deactivated")}</td>
                  <td className="nowrap">{u.lastLoginAt ? format.dateTime(u.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : t("users.never")}</td>
                  {canErase && <td><Link href={`/admin/erasure?userId=${encodeURIComponent(u.id)}`}>{t("users.findData")}</Link></td>}
                  {(canModify || canDelete) && (
                    <td>
                      {u.id === session.user.id ? (
                        <span className="small muted">{t("users.you")}</span>
                      ) : (
                        <UserActions user={{ id: u.id, email: u.email, role: u.role as Role, active: u.active }} canModify={canModify} canDelete={canDelete} />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}

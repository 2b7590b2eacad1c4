import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { listTeams } from "@/lib/teams/service";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { NewTeamForm } from "@/components/teams/NewTeamForm";
import { TeamActions } from "@/components/teams/TeamActions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("teams"))("title") };
}
export const dynamic = "force-dynamic";

/** The organisation's teams: admins and managers add, rename, merge and archive them. */
export default async function TeamsPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/teams");
  const [t, tp, format] = await Promise.all([getTranslations("teams"), getTranslations("privacy"), getFormatter()]);
  if (!can(session.user.role, "teams", "modify")) return <Forbidden what={tp("admin.forbidden.teams")} />;
  const teams = await listTeams(getPrisma(), { includeArchived: true });
  const active = teams.filter((tm) => !tm.archivedAt).map((tm) => ({ id: tm.id, name: tm.name }));
  return (
    <main className="page wide">
      <AdminPageHead role={session.user.role} current="teams" title={t("title")} lead={t("lead")} />
      <NewTeamForm />
      <div className="card table-scroll">
        {teams.length === 0 ? (
          <div className="empty">{t("empty")}</div>
        ) : (
          <table className="table teams-table" data-testid="teams-table">
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("sessions")}</th>
                <th scope="col">{t("openItems")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((tm) => (
                <tr key={tm.id} data-team={tm.name} className={tm.archivedAt ? "archived" : undefined}>
                  <td className="team-name-cell">{tm.name}</td>
                  <td data-label={t("sessions")}>{tm.sessions}</td>
                  <td data-label={t("openItems")}>{tm.openItems}</td>
                  <td className="nowrap">
                    {tm.archivedAt ? (
                      <span className="badge neutral">{t("archivedOn", { date: format.dateTime(tm.archivedAt, { dateStyle: "medium" }) })}</span>
                    ) : (
                      <span className="badge ok">{t("active")}</span>
                    )}
                  </td>
                  <td className="team-actions-cell">
                    <TeamActions team={{ id: tm.id, name: tm.name, archived: tm.archivedAt !== null }} others={active.filter((o) => o.id !== tm.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}

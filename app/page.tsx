import Link from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { loadHomeOverview } from "@/lib/home/overview";
import { SessionTable } from "@/components/ui/SessionTable";
import { JoinForm } from "@/components/ui/JoinForm";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await getSession();
  if (!session) redirect("/login");
  const { user } = session;
  const home = await loadHomeOverview(user);
  const t = await getTranslations("home");
  const format = await getFormatter();
  const firstName = (user.name ?? user.email).split(/[ @]/)[0];

  if (home.kind === "participant") {
    return (
      <main className="page">
        <div className="page-head"><div><h1>{t("hello", { name: firstName })}</h1><p className="lead">{t("participantLead")}</p></div></div>
        <div className="card" style={{ maxWidth: 420 }}><JoinForm /></div>
      </main>
    );
  }

  if (home.kind === "manager") {
    return (
      <main className="page">
        <div className="page-head"><div><h1>{t("managerHeading")}</h1><p className="lead">{t("managerLead")}</p></div></div>
        <div className="grid" style={{ marginBottom: "1.5rem" }}>
          <div className="card"><div className="muted small">{t("completedExercises")}</div><div className="stat" data-testid="stat-completed">{format.number(home.completedSessions)}</div></div>
          <div className="card"><div className="muted small">{t("teams")}</div><div className="stat">{format.number(home.teams)}</div></div>
        </div>
        <div className="card"><h2>{t("recentCompleted")}</h2>
          <SessionTable sessions={home.sessions} empty={<><strong>{t("noCompletedTitle")}</strong>{t("noCompletedBody")}</>} />
        </div>
      </main>
    );
  }

  return (
    <main className="page">
      <div className="page-head">
        <div><h1>{home.kind === "admin" ? t("adminHeading") : t("facilitatorHeading")}</h1><p className="lead">{t("welcome", { name: firstName })}</p></div>
        {can(user.role, "sessions", "modify") && <Link className="btn" href="/sessions/new" data-testid="new-session">{t("newSession")}</Link>}
      </div>
      <div className="grid" style={{ marginBottom: "1.5rem" }}>
        <div className="card"><div className="muted small">{t("scenariosInLibrary")}</div><div className="stat" data-testid="stat-scenarios">{format.number(home.scenarioCount)}</div></div>
        {home.kind === "admin" && <div className="card"><div className="muted small">{t("users")}</div><div className="stat">{format.number(home.users)}</div></div>}
        <div className="card"><div className="muted small">{t("sessions")}</div><div className="stat">{format.number(home.sessions.length)}</div></div>
      </div>
      <div className="card">
        <h2>{home.kind === "admin" ? t("recentSessions") : t("yourSessions")}</h2>
        <SessionTable
          sessions={home.sessions}
          empty={
            <>
              <strong>{t("noSessionsTitle")}</strong>
              {t("noSessionsBody")}
              {can(user.role, "sessions", "modify") && (
                <p className="empty-action">
                  <Link className="btn" href="/sessions/new" data-testid="start-first-exercise">{(await getTranslations("room.home"))("startFirst")}</Link>
                </p>
              )}
            </>
          }
        />
      </div>
    </main>
  );
}

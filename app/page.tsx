import Link from "next/link";
import { redirect } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { loadHomeOverview } from "@/lib/home/overview";
import { SessionTable } from "@/components/ui/SessionTable";
import { JoinForm } from "@/components/ui/JoinForm";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await getSession();
  if (!session) redirect("/login");
  const { user } = session;
  const home = await loadHomeOverview(user);
  const firstName = (user.name ?? user.email).split(/[ @]/)[0];
  const tAar = await getTranslations("aar");

  if (home.kind === "participant") {
    return (
      <main className="page">
        <div className="page-head"><div><h1>Hello, {firstName}</h1><p className="lead">Join a tabletop exercise with the code your facilitator gives you.</p></div></div>
        <div className="card" style={{ maxWidth: 420 }}><JoinForm /></div>
      </main>
    );
  }

  if (home.kind === "manager") {
    return (
      <main className="page">
        <div className="page-head"><div><h1>Readiness reports</h1><p className="lead">Completed exercises across your teams.</p></div></div>
        <div className="grid" style={{ marginBottom: "1.5rem" }}>
          <div className="card"><div className="muted small">Completed exercises</div><div className="stat" data-testid="stat-completed">{home.completedSessions}</div></div>
          <div className="card"><div className="muted small">Teams</div><div className="stat">{home.teams}</div></div>
        </div>
        <div className="card"><h2>Recent completed exercises</h2>
          <SessionTable aarLabel={tAar("link")} sessions={home.sessions} empty={<><strong>No completed exercises yet</strong>Reports appear here once a facilitator ends a session.</>} />
        </div>
      </main>
    );
  }

  const heading = home.kind === "admin" ? "Administration" : "Exercises";
  return (
    <main className="page">
      <div className="page-head">
        <div><h1>{heading}</h1><p className="lead">Welcome back, {firstName}. Run breach-response tabletop exercises with your teams.</p></div>
        {can(user.role, "sessions", "modify") && <Link className="btn" href="/sessions/new" data-testid="new-session">New session</Link>}
      </div>
      <div className="grid" style={{ marginBottom: "1.5rem" }}>
        <div className="card"><div className="muted small">Scenarios in the library</div><div className="stat" data-testid="stat-scenarios">{home.scenarioCount}</div></div>
        {home.kind === "admin" && <div className="card"><div className="muted small">Users</div><div className="stat">{home.users}</div></div>}
        <div className="card"><div className="muted small">Sessions</div><div className="stat">{home.sessions.length}</div></div>
      </div>
      <div className="card">
        <h2>{home.kind === "admin" ? "Recent sessions" : "Your sessions"}</h2>
        <SessionTable aarLabel={tAar("link")} sessions={home.sessions} empty={<><strong>No exercises yet</strong>Sessions you run or are granted appear here.</>} />
      </div>
    </main>
  );
}

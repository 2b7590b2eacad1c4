"use client";
// Who has joined, whether they are connected right now, and their team and role. When the
// facilitator assigns teams, they do it on the assignment board (AssignmentBoard.tsx).
import { useTranslations } from "next-intl";
import type { ConsoleView } from "@/lib/session/views";

export function Roster({ view }: { view: ConsoleView }) {
  const t = useTranslations("console.roster");
  const teamName = new Map(view.teams.map((t) => [t.id, t.name]));
  const roleName = new Map(view.roles.map((r) => [r.id, r.name]));
  const online = view.roster.filter((p) => p.connected).length;
  return (
    <section className="card roster" aria-label={t("label")} data-testid="roster">
      <header className="row roster-head">
        <h2>{t("heading")}</h2>
        <span className="small muted" data-testid="roster-count">{t("count", { joined: view.roster.length, online })}</span>
      </header>
      {view.roster.length === 0 ? (
        <p className="muted small">{t("empty")}</p>
      ) : (
        <ul className="roster-list">
          {view.roster.map((p) => (
            <li key={p.id} data-testid="roster-entry" data-connected={p.connected}>
              <span className={`presence${p.connected ? " on" : ""}`} role="img" title={p.connected ? t("connected") : t("notConnected")} aria-label={p.connected ? t("connected") : t("notConnected")} />
              <div className="roster-who">
                <strong>{p.displayName || "—"}</strong>
                <div className="small muted">
                  {p.teamId ? teamName.get(p.teamId) : t("noTeamYet")}
                  {p.roleId && <> · {roleName.get(p.roleId) ?? p.roleId}</>}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

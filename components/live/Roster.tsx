"use client";
// Who has joined, whether they are connected right now, and (when the facilitator
// assigns teams) a team and role picker per participant.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ConsoleView } from "@/lib/session/views";
import { runCommand } from "./stores";

type Person = ConsoleView["roster"][number];

function Assign({ person, view }: { person: Person; view: ConsoleView }) {
  const t = useTranslations("console.roster");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  async function assign(teamId: string | null, roleId: string | null) {
    setError(null);
    const res = await runCommand({ type: "assign", participantId: person.id, teamId, roleId });
    if (!res.ok) setError(errorText(res));
  }
  return (
    <div className="roster-assign">
      <select aria-label={t("teamFor", { name: person.displayName })} value={person.teamId ?? ""} onChange={(e) => void assign(e.target.value || null, person.roleId)}>
        <option value="">{t("noTeam")}</option>
        {view.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </select>
      <select aria-label={t("roleFor", { name: person.displayName })} value={person.roleId ?? ""} disabled={!person.teamId} onChange={(e) => void assign(person.teamId, e.target.value || null)}>
        <option value="">{t("noRole")}</option>
        {view.roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
      {error && <div className="small error-text" role="alert">{error}</div>}
    </div>
  );
}

export function Roster({ view, canAssign }: { view: ConsoleView; canAssign: boolean }) {
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
              <span className={`presence${p.connected ? " on" : ""}`} title={p.connected ? t("connected") : t("notConnected")} aria-label={p.connected ? t("connected") : t("notConnected")} />
              <div className="roster-who">
                <strong>{p.displayName || "—"}</strong>
                {canAssign ? (
                  <Assign person={p} view={view} />
                ) : (
                  <div className="small muted">
                    {p.teamId ? teamName.get(p.teamId) : t("noTeamYet")}
                    {p.roleId && <> · {roleName.get(p.roleId) ?? p.roleId}</>}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

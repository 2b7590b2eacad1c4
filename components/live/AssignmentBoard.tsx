"use client";
// The assignment board of a facilitator-assigned session: one column per team and one for
// people without a team. A person moves by dragging their card to a column, or from the
// keyboard with the team picker on the card; the role picker shows each role's full name.
// Auto-balance (lib/session/auto-balance.ts) fills every team's deciding roles first.
// Each move is an `assign` command; the board redraws from the console view it receives.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { autoBalance } from "@/lib/session/auto-balance";
import type { ConsoleView, RosterEntry } from "@/lib/session/views";
import { runCommand } from "./stores";

const UNASSIGNED = "";
const DRAG_TYPE = "application/x-readyroom-participant";

type Assign = (person: RosterEntry, teamId: string | null, roleId: string | null) => Promise<void>;
/** Who is being dragged: kept by the board, since a drag's data cannot be read until the drop. */
type Drag = { id: string | null; set: (id: string | null) => void };

function PersonCard({ person, view, onAssign, drag }: { person: RosterEntry; view: ConsoleView; onAssign: Assign; drag: Drag }) {
  const tr = useTranslations("console.roster");
  const name = person.displayName || "—";
  return (
    <li
      className="board-card"
      draggable
      data-testid="board-card"
      data-participant={person.id}
      onDragStart={(e) => {
        drag.set(person.id);
        e.dataTransfer.setData(DRAG_TYPE, person.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      onDragEnd={() => drag.set(null)}
    >
      <div className="board-card-head">
        <span className={`presence${person.connected ? " on" : ""}`} role="img" aria-label={person.connected ? tr("connected") : tr("notConnected")} />
        <strong>{name}</strong>
      </div>
      <select aria-label={tr("teamFor", { name })} value={person.teamId ?? UNASSIGNED} onChange={(e) => void onAssign(person, e.target.value || null, person.roleId)}>
        <option value={UNASSIGNED}>{tr("noTeam")}</option>
        {view.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
      </select>
      <select aria-label={tr("roleFor", { name })} value={person.roleId ?? ""} disabled={!person.teamId} onChange={(e) => void onAssign(person, person.teamId, e.target.value || null)}>
        <option value="">{tr("noRole")}</option>
        {view.roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
    </li>
  );
}

function Column({ teamId, title, people, view, onAssign, missingRoles, drag }: { teamId: string | null; title: string; people: RosterEntry[]; view: ConsoleView; onAssign: Assign; missingRoles: string[]; drag: Drag }) {
  const t = useTranslations("room.board");
  const [over, setOver] = useState(false);
  const headingId = `board-col-${teamId ?? "none"}`;
  return (
    <section
      className={`board-column${over ? " drop-target" : ""}`}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-team={teamId ?? ""}
      onDragOver={(e) => {
        if (!drag.id) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = drag.id ?? e.dataTransfer.getData(DRAG_TYPE);
        drag.set(null);
        const person = view.roster.find((p) => p.id === id);
        if (person && person.teamId !== teamId) void onAssign(person, teamId, teamId ? person.roleId : null);
      }}
    >
      <header className="board-column-head">
        <h3 id={headingId}>{title}</h3>
        <span className="small muted">{t("people", { count: people.length })}</span>
      </header>
      {missingRoles.length > 0 && <p className="small board-missing" data-testid="board-missing">{t("missingRoles", { roles: missingRoles.join(", ") })}</p>}
      {people.length === 0 ? (
        <p className="small muted board-empty">{t("dropHere")}</p>
      ) : (
        <ul className="board-cards">
          {people.map((p) => <PersonCard key={p.id} person={p} view={view} onAssign={onAssign} drag={drag} />)}
        </ul>
      )}
    </section>
  );
}

export function AssignmentBoard({ view }: { view: ConsoleView }) {
  const t = useTranslations("room.board");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const [balancing, setBalancing] = useState(false);
  // A ref, not state: dragover and drop follow dragstart before React renders again.
  const dragging = useRef<string | null>(null);
  const drag: Drag = { get id() { return dragging.current; }, set: (id) => void (dragging.current = id) };
  const teamName = new Map(view.teams.map((team) => [team.id, team.name]));
  const roleName = new Map(view.roles.map((r) => [r.id, r.name]));
  const deciding = view.roles.filter((r) => r.decides).map((r) => r.id);

  const assign: Assign = async (person, teamId, roleId) => {
    setError(null);
    const res = await runCommand({ type: "assign", participantId: person.id, teamId, roleId: teamId ? roleId : null });
    if (!res.ok) return setError(errorText(res));
    setSaid(t("moved", { name: person.displayName || "—", team: teamId ? (teamName.get(teamId) ?? "") : t("unassigned") }));
  };

  async function balance() {
    setBalancing(true);
    setError(null);
    const moves = autoBalance({ teams: view.teams, roster: view.roster, decidingRoles: deciding });
    for (const move of moves) {
      const res = await runCommand({ type: "assign", participantId: move.participantId, teamId: move.teamId, roleId: move.roleId });
      if (!res.ok) {
        setError(errorText(res));
        break;
      }
    }
    setBalancing(false);
    setSaid(t("balanced", { count: moves.length }));
  }

  const unassigned = view.roster.filter((p) => !p.teamId || !teamName.has(p.teamId));
  return (
    <section className="card board" aria-labelledby="board-heading" data-testid="assignment-board">
      <header className="board-head">
        <div>
          <h2 id="board-heading">{t("heading")}</h2>
          <p className="small muted" id="board-help">{t("help")}</p>
        </div>
        <button type="button" className="btn secondary" onClick={() => void balance()} disabled={balancing || view.roster.length === 0} data-testid="auto-balance" aria-describedby="board-balance-hint">
          {balancing ? t("balancing") : t("autoBalance")}
        </button>
      </header>
      <p className="small muted" id="board-balance-hint">{t("autoBalanceHint")}</p>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="board-columns" aria-describedby="board-help">
        <Column teamId={null} title={t("unassigned")} people={unassigned} view={view} onAssign={assign} missingRoles={[]} drag={drag} />
        {view.teams.map((team) => {
          const members = view.roster.filter((p) => p.teamId === team.id);
          const held = new Set(members.map((p) => p.roleId));
          const missing = deciding.filter((r) => !held.has(r)).map((r) => roleName.get(r) ?? r);
          return <Column key={team.id} teamId={team.id} title={team.name} people={members} view={view} onAssign={assign} missingRoles={missing} drag={drag} />;
        })}
      </div>
      <div className="sr-only" role="status" aria-live="polite" data-testid="board-announcement">{said}</div>
    </section>
  );
}

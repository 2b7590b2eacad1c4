"use client";
// One team in the facilitator console: where it is, its timer, the live tally, and the
// controls that move it on. Locking asks for a choice when the vote cannot decide
// (a tie, or nobody of the deciding role voted); an override records an optional reason.
import { useState } from "react";
import type { ConsoleTeam, ConsoleView, NodeView } from "@/lib/session/views";
import { Countdown } from "./Countdown";
import { Markdown } from "./Markdown";
import { methodLabel, outcomeLabel } from "./NodeContent";
import { nodeKey, runCommand, useConsoleStore } from "./stores";

type DecisionNode = Extract<NodeView, { type: "decision" }>;
type Chooser = { mode: "tie" | "none" | "override"; message: string | null };

const NODE_KIND: Record<NodeView["type"], string> = { inject: "Inject", decision: "Decision", end: "Ending" };

export function nodeTitle(node: NodeView): string {
  if (node.type === "decision") return node.title ?? "Decision";
  return node.title;
}

function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function Tally({ team, node, onChoose, busy }: { team: ConsoleTeam; node: DecisionNode; onChoose: ((optionId: string) => void) | null; busy: boolean }) {
  const tally = team.tally;
  const counts = tally?.counts ?? {};
  const max = Math.max(1, ...Object.values(counts));
  return (
    <ul className="tally" data-testid="tally">
      {node.options.map((o) => {
        const n = counts[o.id] ?? 0;
        const voters = team.voters.filter((v) => v.optionId === o.id).map((v) => v.displayName);
        const tied = tally?.tied.includes(o.id) ?? false;
        const leading = tally?.winner === o.id || tied;
        return (
          <li key={o.id} className={`tally-row${o.available ? "" : " unavailable"}${leading ? " leading" : ""}`} data-option={o.id}>
            <div className="tally-label">
              <span>
                {o.label}
                {tied && <> <span className="badge warn">tied</span></>}
              </span>
              <span className="tally-count" data-testid="tally-count">{n}</span>
            </div>
            <progress className="tally-bar" max={max} value={n} aria-label={`${o.label}: ${n} vote${n === 1 ? "" : "s"}`} />
            {!o.available && <div className="small muted">Not available in this run</div>}
            {voters.length > 0 && <div className="tally-voters small muted">{voters.join(", ")}</div>}
            {onChoose && (
              <button type="button" className="btn secondary tally-choose" disabled={busy || !o.available} onClick={() => onChoose(o.id)} data-testid="choose-option">
                Choose this option
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function DecisionControls({ team, node, roles, canModify }: { team: ConsoleTeam; node: DecisionNode; roles: ConsoleView["roles"]; canModify: boolean }) {
  const [chooser, setChooser] = useState<Chooser | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tally = team.tally;
  const decidingRole = roles.find((r) => r.id === node.decidedBy);
  const running = team.phase === "running";

  async function lock(optionId?: string) {
    setBusy(true);
    setError(null);
    const res = await runCommand({ type: "lock", teamId: team.id, ...(optionId ? { optionId } : {}), ...(optionId && reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    if (res.ok) return;
    // The server names roles by id; say it with the names the facilitator sees.
    if (res.code === "TIE") setChooser({ mode: "tie", message: "The vote is tied. Choose one of the tied options, or any other as an override." });
    else if (res.code === "NO_VOTES")
      setChooser({ mode: "none", message: decidingRole ? `Nobody in the role ${decidingRole.name} has voted. Choose the option the team goes with.` : "Nobody has voted yet. Choose the option the team goes with." });
    else setError(sentence(res.message));
  }

  return (
    <div className="decision-controls">
      <p className="small muted">
        {decidingRole ? <>Decided by <strong>{decidingRole.name}</strong></> : <>Decided by team majority</>}
        {tally && <> · {tally.counted} counted of {tally.total} vote{tally.total === 1 ? "" : "s"} · {team.members} member{team.members === 1 ? "" : "s"}</>}
      </p>
      {canModify && chooser && (
        <div className="chooser" data-testid="chooser" data-mode={chooser.mode}>
          <p>{chooser.message ?? "Choose the option the team goes with. If it differs from the vote, it is recorded as an override."}</p>
          <div className="field">
            <label htmlFor={`reason-${team.id}`}>Reason <span className="muted small">(optional, recorded with the decision)</span></label>
            <input id={`reason-${team.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. the team agreed out loud" />
          </div>
          <button className="btn ghost" type="button" onClick={() => setChooser(null)}>Cancel</button>
        </div>
      )}
      <Tally team={team} node={node} busy={busy || !running} onChoose={canModify && chooser ? (id) => void lock(id) : null} />
      {canModify && running && !chooser && (
        <div className="row">
          <button className="btn" type="button" disabled={busy} onClick={() => void lock()} data-testid="lock">Lock decision</button>
          <button className="btn secondary" type="button" disabled={busy} onClick={() => setChooser({ mode: "override", message: null })}>Choose for the team…</button>
        </div>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

function AdvanceControl({ team }: { team: ConsoleTeam }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        className="btn"
        type="button"
        disabled={busy || team.phase !== "running"}
        data-testid="advance"
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await runCommand({ type: "advance", teamId: team.id });
          setBusy(false);
          if (!res.ok) setError(sentence(res.message));
        }}
      >
        Advance →
      </button>
      {error && <div className="alert error" role="alert">{error}</div>}
    </>
  );
}

export function ConsoleTeamCard({ team, view, canModify }: { team: ConsoleTeam; view: ConsoleView; canModify: boolean }) {
  const clockOffsetMs = useConsoleStore((s) => s.clockOffsetMs);
  const node = team.node;
  const capabilityName = new Map(view.capabilities.map((c) => [c.id, c.name]));
  const scores = Object.entries(team.scores);
  const members = view.roster.filter((p) => p.teamId === team.id).map((p) => p.displayName);
  return (
    <section className="card team-card" data-testid="team-card" data-team={team.name} data-node-type={node?.type ?? "none"} data-node-key={nodeKey(team) ?? ""}>
      <header className="team-card-head">
        <h2>{team.name}</h2>
        <span className="small muted">{team.members} member{team.members === 1 ? "" : "s"}</span>
      </header>
      {!node ? (
        <>
          <p className="muted">Waiting for the session to start.</p>
          {members.length > 0 && <p className="small team-members">{members.join(", ")}</p>}
        </>
      ) : (
        <>
          <div className="team-node">
            <span className={`badge node-${node.type}`}>{NODE_KIND[node.type]}</span>
            <strong className="team-node-title" data-testid="team-node-title">{nodeTitle(node)}</strong>
            <Countdown deadlineAt={team.deadlineAt} remainingMs={team.remainingMs} clockOffsetMs={clockOffsetMs} />
          </div>
          {node.type === "inject" && (
            <div className="team-inject">
              <p className="small muted">
                {node.media.length} media item{node.media.length === 1 ? "" : "s"} · {node.questions.length} question{node.questions.length === 1 ? "" : "s"}
              </p>
              {canModify && <AdvanceControl team={team} />}
            </div>
          )}
          {node.type === "decision" && (
            <>
              <Markdown text={node.prompt} className="team-prompt small" />
              <DecisionControls key={nodeKey(team)} team={team} node={node} roles={view.roles} canModify={canModify} />
            </>
          )}
          {node.type === "end" && (
            <p>
              <span className={`badge ${outcomeLabel(node.outcome).badge}`} data-testid="team-outcome">{outcomeLabel(node.outcome).label}</span>
            </p>
          )}
        </>
      )}
      {team.lastDecision && (
        <div className="team-last">
          <div className="small muted">Last decision, by {methodLabel(team.lastDecision.method)}</div>
          <p className="team-last-label" title={team.lastDecision.label}>{team.lastDecision.label}</p>
          {team.lastDecision.feedback && (
            <details>
              <summary className="small">Feedback the team sees</summary>
              <Markdown text={team.lastDecision.feedback} className="small" />
            </details>
          )}
        </div>
      )}
      {scores.some(([, points]) => points !== 0) && (
        <ul className="scores" aria-label="Scores">
          {scores.map(([id, points]) => (
            <li key={id}>
              <span>{capabilityName.get(id) ?? id}</span>
              <strong>{points}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

"use client";
// One team in the facilitator console: where it is, its timer, the live tally, and the
// controls that move it on. Locking asks for a choice when the vote cannot decide
// (a tie, or nobody of the deciding role voted); an override records an optional reason.
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ConsoleTeam, ConsoleView, NodeView } from "@/lib/session/views";
import { Countdown } from "./Countdown";
import { ClockControls } from "./ClockControls";
import { ExtendTimeButton } from "./ExtendTimeButton";
import { Markdown } from "./Markdown";
import { OwnerWarning } from "./OwnerWarning";
import { methodKey, outcomeBadge, useDecisionLabel } from "./NodeContent";
import { nodeKey, runCommand, useConsoleStore } from "./stores";

type DecisionNode = Extract<NodeView, { type: "decision" }>;
type Chooser = { mode: "tie" | "none" | "override"; message: string | null };

function Tally({ team, node, onChoose, busy }: { team: ConsoleTeam; node: DecisionNode; onChoose: ((optionId: string) => void) | null; busy: boolean }) {
  const tv = useTranslations("console.tally");
  const format = useFormatter();
  const tally = team.tally;
  const total = Object.values(tally?.counts ?? {}).reduce((sum, n) => sum + n, 0);
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
                {tied && <> <span className="badge warn">{tv("tied")}</span></>}
              </span>
              <span className="tally-count" data-testid="tally-count">{n}</span>
            </div>
            <progress className="tally-bar" max={max} value={n} aria-label={tv("votes", { label: o.label, count: n, share: format.number(total ? n / total : 0, { style: "percent" }) })} />
            {!o.available && <div className="small muted">{tv("unavailable")}</div>}
            {voters.length > 0 && <div className="tally-voters small muted">{voters.join(", ")}</div>}
            {onChoose && (
              <button type="button" className="btn secondary tally-choose" disabled={busy || !o.available} onClick={() => onChoose(o.id)} data-testid="choose-option">
                {tv("choose")}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function DecisionControls({ team, node, roles, canModify }: { team: ConsoleTeam; node: DecisionNode; roles: ConsoleView["roles"]; canModify: boolean }) {
  const tv = useTranslations("console.tally");
  const errorText = useErrorText();
  const [chooser, setChooser] = useState<Chooser | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tally = team.tally;
  // An owner role held in the team decides instead of `decidedBy` (lib/session/decision-rights.ts).
  const owners = node.owner && !team.withoutOwner?.length ? roles.filter((r) => node.owner!.includes(r.id)) : [];
  const decidingRole = owners.length ? { name: owners.map((r) => r.name).join(", ") } : roles.find((r) => r.id === node.decidedBy);
  const running = team.phase === "running";

  async function lock(optionId?: string) {
    setBusy(true);
    setError(null);
    const res = await runCommand({ type: "lock", teamId: team.id, ...(optionId ? { optionId } : {}), ...(optionId && reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    if (res.ok) return;
    // The server names roles by id; say it with the names the facilitator sees.
    if (res.code === "TIE") setChooser({ mode: "tie", message: tv("tie") });
    else if (res.code === "NO_VOTES") setChooser({ mode: "none", message: decidingRole ? tv("noVotesRole", { role: decidingRole.name }) : tv("noVotes") });
    else setError(errorText(res));
  }

  return (
    <div className="decision-controls">
      <p className="small muted">
        {decidingRole ? tv.rich("decidedByRole", { role: decidingRole.name, strong: (chunks) => <strong>{chunks}</strong> }) : tv("decidedByMajority")}
        {tally && <> · {tv("counted", { counted: tally.counted, total: tally.total, members: team.members })}</>}
      </p>
      <OwnerWarning team={team} roles={roles} />
      {team.withheld && <p className="small muted" data-testid="tally-withheld">{tv("withheld", { k: team.withheld.minGroupSize })}</p>}
      {canModify && chooser && (
        <div className="chooser" data-testid="chooser" data-mode={chooser.mode}>
          <p>{chooser.message ?? tv("override")}</p>
          <div className="field">
            <label htmlFor={`reason-${team.id}`}>{tv("reason")} <span className="muted small">{tv("reasonHint")}</span></label>
            <input id={`reason-${team.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={tv("reasonPlaceholder")} />
          </div>
          <button className="btn ghost" type="button" onClick={() => setChooser(null)}>{tv("cancel")}</button>
        </div>
      )}
      <Tally team={team} node={node} busy={busy || !running} onChoose={canModify && chooser ? (id) => void lock(id) : null} />
      {canModify && running && !chooser && (
        <div className="row">
          <button className="btn" type="button" disabled={busy} onClick={() => void lock()} data-testid="lock">{tv("lock")}</button>
          <button className="btn secondary" type="button" disabled={busy} onClick={() => setChooser({ mode: "override", message: null })}>{tv("chooseForTeam")}</button>
        </div>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

function AdvanceControl({ team }: { team: ConsoleTeam }) {
  const t = useTranslations("console.team");
  const errorText = useErrorText();
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
          if (!res.ok) setError(errorText(res));
        }}
      >
        {t("advance")}
      </button>
      {error && <div className="alert error" role="alert">{error}</div>}
    </>
  );
}

export function ConsoleTeamCard({ team, view, canModify }: { team: ConsoleTeam; view: ConsoleView; canModify: boolean }) {
  const t = useTranslations("console.team");
  const tl = useTranslations("live.node");
  const decisionLabel = useDecisionLabel();
  const format = useFormatter();
  const clockOffsetMs = useConsoleStore((s) => s.clockOffsetMs);
  const node = team.node;
  const capabilityName = new Map(view.capabilities.map((c) => [c.id, c.name]));
  const scores = Object.entries(team.scores);
  const members = view.roster.filter((p) => p.teamId === team.id && p.displayName).map((p) => p.displayName);
  return (
    <section className="card team-card" data-testid="team-card" data-team={team.name} data-node-type={node?.type ?? "none"} data-node-key={nodeKey(team) ?? ""}>
      <header className="team-card-head">
        <h2>{team.name}</h2>
        <span className="small muted">{t("members", { count: team.members })}</span>
      </header>
      {!node ? (
        <>
          <p className="muted">{t("waiting")}</p>
          {members.length > 0 && <p className="small team-members">{members.join(", ")}</p>}
        </>
      ) : (
        <>
          <div className="team-node">
            <span className={`badge node-${node.type}`}>{t("kind", { type: node.type })}</span>
            <strong className="team-node-title" data-testid="team-node-title">{node.type === "decision" ? (node.title ?? t("decision")) : node.title}</strong>
            <Countdown deadlineAt={team.deadlineAt} remainingMs={team.remainingMs} clockOffsetMs={clockOffsetMs} />
            {canModify && <ExtendTimeButton team={team} />}
          </div>
          {node.type === "inject" && (
            <div className="team-inject">
              <p className="small muted">
                {t("injectSummary", { media: node.media.length, questions: node.questions.length })}
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
              <span className={`badge ${outcomeBadge(node.outcome)}`} data-testid="team-outcome">{tl("outcome", { outcome: node.outcome })}</span>
            </p>
          )}
        </>
      )}
      {node && <ClockControls teamId={team.id} canModify={canModify} />}
      {team.lastDecision && (
        <div className={`team-last${team.lastDecision.timedOut ? " timed-out" : ""}`} data-testid="team-last">
          <div className="small muted">{t("lastDecision", { method: methodKey(team.lastDecision.method) })}</div>
          <p className="team-last-label" title={decisionLabel(team.lastDecision)}>{decisionLabel(team.lastDecision)}</p>
          {team.lastDecision.feedback && (
            <details>
              <summary className="small">{t("feedback")}</summary>
              <Markdown text={team.lastDecision.feedback} className="small" />
            </details>
          )}
        </div>
      )}
      {scores.some(([, points]) => points !== 0) && (
        <ul className="scores" aria-label={t("scores")}>
          {scores.map(([id, points]) => (
            <li key={id}>
              <span>{capabilityName.get(id) ?? id}</span>
              <strong>{format.number(points)}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

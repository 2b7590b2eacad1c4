"use client";
// The participant's page: who I am, and whatever my team is at right now (lobby,
// inject, decision, ending). Everything comes from the participant store, which the
// socket keeps current; a reload resumes from the token kept on this device.
import Link from "next/link";
import { ExportMyDataButton } from "@/components/privacy/ExportMyDataButton";
import { useState } from "react";
import type { ParticipantView } from "@/lib/session/views";
import { ConnectionBadge } from "./ConnectionBadge";
import { DecisionBallot } from "./DecisionBallot";
import { EndContent, InjectContent, LastDecisionCard } from "./NodeContent";
import { QuestionList } from "./QuestionList";
import { chooseTeam, useParticipantStore } from "./stores";
import { TeamRoleFields } from "./TeamRoleFields";
import { useParticipantConnection } from "./use-connection";

function TeamChooser({ view, onDone, submitLabel }: { view: ParticipantView; onDone?: () => void; submitLabel: string }) {
  const teamError = useParticipantStore((s) => s.teamError);
  const [pick, setPick] = useState({ teamId: view.me.teamId ?? (view.teams.length === 1 ? view.teams[0].id : ""), roleId: view.me.roleId ?? "" });
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (!pick.teamId) return;
        setBusy(true);
        const ok = await chooseTeam(pick.teamId, pick.roleId || null);
        setBusy(false);
        if (ok) onDone?.();
      }}
    >
      <TeamRoleFields teams={view.teams} roles={view.roles} teamId={pick.teamId} roleId={pick.roleId} onChange={setPick} idPrefix="play" />
      {teamError && <div className="alert error" role="alert">{teamError}</div>}
      <button className="btn" type="submit" disabled={busy || !pick.teamId}>{busy ? "Saving…" : submitLabel}</button>
    </form>
  );
}

function PlayHeader({ view }: { view: ParticipantView }) {
  const connection = useParticipantStore((s) => s.connection);
  const team = view.teams.find((t) => t.id === view.me.teamId);
  const role = view.roles.find((r) => r.id === view.me.roleId);
  return (
    <header className="play-head">
      <div className="play-head-top">
        <div className="play-title" data-testid="session-title">{view.session.title}</div>
        <ConnectionBadge state={connection} />
      </div>
      <dl className="whoami">
        <div><dt>{view.session.anonymous ? "Pseudonym" : "Name"}</dt><dd data-testid="my-name">{view.me.displayName}</dd></div>
        <div><dt>Team</dt><dd data-testid="my-team">{team?.name ?? "—"}</dd></div>
        <div><dt>Role</dt><dd data-testid="my-role">{role?.name ?? "—"}</dd></div>
      </dl>
    </header>
  );
}

function Lobby({ view }: { view: ParticipantView }) {
  const [changing, setChanging] = useState(false);
  return (
    <section className="card lobby" data-testid="lobby">
      <div className="lobby-pulse" aria-hidden />
      <h2>You’re in</h2>
      <p>Waiting for the facilitator to start the exercise. Keep this page open: the first inject appears here on its own.</p>
      {view.session.anonymous && (
        <p className="small muted">You take part anonymously as <strong>{view.me.displayName}</strong>. Nothing links your answers to you.</p>
      )}
      {view.session.selfAssign &&
        (changing ? (
          <div className="lobby-change">
            <TeamChooser view={view} submitLabel="Save" onDone={() => setChanging(false)} />
          </div>
        ) : (
          <button className="btn ghost" type="button" onClick={() => setChanging(true)}>Change team or role</button>
        ))}
    </section>
  );
}

function Stage({ view }: { view: ParticipantView }) {
  const team = view.team;
  const ended = view.session.status === "ENDED" || view.session.status === "ABORTED" || team?.phase === "ended";
  const roleNames = new Map(view.roles.map((r) => [r.id, r.name]));

  if (!team) {
    if (ended) return <section className="card"><h2>The session has ended</h2><p>Thank you for taking part.</p></section>;
    return view.session.selfAssign ? (
      <section className="card" data-testid="choose-team">
        <h2>Choose your team</h2>
        <TeamChooser view={view} submitLabel="Join this team" />
      </section>
    ) : (
      <section className="card lobby" data-testid="lobby">
        <div className="lobby-pulse" aria-hidden />
        <h2>You’re in</h2>
        <p>The facilitator will put you in a team. Keep this page open.</p>
      </section>
    );
  }
  if (team.phase === "lobby") return <Lobby view={view} />;

  const node = team.node;
  return (
    <>
      {team.phase === "paused" && <div className="alert info paused-banner" role="status">Paused: the facilitator paused the exercise. Everything waits until it resumes.</div>}
      {ended && node?.type !== "end" && (
        <section className="card" data-testid="session-ended">
          <h2>The session has ended</h2>
          <p>The facilitator ended the exercise before your team reached an ending. Thank you for taking part.</p>
        </section>
      )}
      {team.lastDecision && node?.type === "inject" && <LastDecisionCard decision={team.lastDecision} />}
      {node?.type === "inject" && (
        <>
          <div className="card stage-card"><InjectContent node={node} roleNames={roleNames} /></div>
          <QuestionList node={node} visit={team.visit} roleId={view.me.roleId} />
          {!ended && <p className="waiting-hint small muted">Discuss this with your team. The facilitator moves on when you are ready.</p>}
        </>
      )}
      {node?.type === "decision" && (
        <div className="card stage-card"><DecisionBallot view={view} node={node} /></div>
      )}
      {node?.type === "end" && (
        <>
          <div className="card stage-card"><EndContent node={node} /></div>
          {team.lastDecision && <LastDecisionCard decision={team.lastDecision} title="Your team’s last decision" />}
        </>
      )}
    </>
  );
}

export function PlayView({ sessionId }: { sessionId: string }) {
  useParticipantConnection(sessionId);
  const view = useParticipantStore((s) => s.view);
  const problem = useParticipantStore((s) => s.problem);

  if (problem && (!view || view.session.id !== sessionId)) {
    return (
      <section className="card play-problem" role="alert" data-testid="play-problem">
        <h1>{problem.code === "NOT_JOINED" || problem.code === "PARTICIPANT_UNKNOWN" ? "Join the session first" : "Cannot open the session"}</h1>
        <p>{problem.message.charAt(0).toUpperCase() + problem.message.slice(1)}</p>
        <Link className="btn" href="/join">Enter a join code</Link>
      </section>
    );
  }
  if (!view || view.session.id !== sessionId) {
    return <div className="empty" role="status"><strong>Connecting to the session…</strong></div>;
  }
  return (
    <div className="play-layout">
      <PlayHeader view={view} />
      {problem && <div className="alert error" role="alert">{problem.message.charAt(0).toUpperCase() + problem.message.slice(1)}</div>}
      <Stage view={view} />
      {!view.session.anonymous && (
        <footer className="play-foot small muted">
          <span>You take part under your name. You can download what you answered at any time.</span>
          <ExportMyDataButton sessionId={view.session.id} />
        </footer>
      )}
    </div>
  );
}

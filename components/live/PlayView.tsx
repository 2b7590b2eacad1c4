"use client";
// The participant's page: who I am, and whatever my team is at right now (lobby,
// inject, decision, ending). Everything comes from the participant store, which the
// socket keeps current; a reload resumes from the token kept on this device. A slim sticky
// status bar stays on top, and every change moves the reader to the new content (use-follow-action.ts).
import Link from "@/components/ui/IntentLink";
import { ExportMyDataButton } from "@/components/privacy/ExportMyDataButton";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { ContentLanguageNotice } from "./ContentLanguageNotice";
import type { ParticipantView } from "@/lib/session/views";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { momentOf } from "./follow";
import { PlayStatusBar } from "./PlayStatusBar";
import { useFollowAction } from "./use-follow-action";
import { DecisionBallot } from "./DecisionBallot";
import { EndContent, InjectContent, LastDecisionCard } from "./NodeContent";
import { EndedScreen } from "./EndedScreen";
import { VoteReveal } from "./VoteReveal";
import { QuestionList } from "./QuestionList";
import { chooseTeam, useParticipantStore } from "./stores";
import { TeamRoleFields } from "./TeamRoleFields";
import { ClockList } from "./ClockList";
import { NoticeForms } from "./NoticeForm";
import { useParticipantConnection } from "./use-connection";
import { isOver } from "@/lib/session/lifecycle";

function TeamChooser({ view, onDone, submitLabel }: { view: ParticipantView; onDone?: () => void; submitLabel: string }) {
  const t = useTranslations("play");
  const errorText = useErrorText();
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
      {teamError && <div className="alert error" role="alert">{errorText(teamError)}</div>}
      <button className="btn" type="submit" disabled={busy || !pick.teamId}>{busy ? t("saving") : submitLabel}</button>
    </form>
  );
}

function PlayHeader({ view }: { view: ParticipantView }) {
  const t = useTranslations("play");
  const team = view.teams.find((t) => t.id === view.me.teamId);
  const role = view.roles.find((r) => r.id === view.me.roleId);
  return (
    <header className="play-head">
      <div className="play-head-top">
        <div className="play-title" data-testid="session-title">{view.session.title}</div>
        <LocaleSwitcher />
      </div>
      <dl className="whoami">
        <div><dt>{view.session.anonymous ? t("pseudonym") : t("name")}</dt><dd data-testid="my-name">{view.me.displayName}</dd></div>
        <div><dt>{t("team")}</dt><dd data-testid="my-team">{team?.name ?? "—"}</dd></div>
        <div><dt>{t("role")}</dt><dd data-testid="my-role">{role?.name ?? "—"}</dd></div>
      </dl>
    </header>
  );
}

function Lobby({ view }: { view: ParticipantView }) {
  const t = useTranslations("play");
  const [changing, setChanging] = useState(false);
  return (
    <section className="card lobby" data-testid="lobby">
      <div className="lobby-pulse" aria-hidden />
      <h2>{t("inTitle")}</h2>
      <p>{t("waitingStart")}</p>
      {view.session.anonymous && (
        <p className="small muted">{t.rich("anonymousAs", { name: view.me.displayName, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      )}
      {view.session.selfAssign &&
        (changing ? (
          <div className="lobby-change">
            <TeamChooser view={view} submitLabel={t("save")} onDone={() => setChanging(false)} />
          </div>
        ) : (
          <button className="btn ghost" type="button" onClick={() => setChanging(true)}>{t("changeTeam")}</button>
        ))}
    </section>
  );
}

function Stage({ view }: { view: ParticipantView }) {
  const t = useTranslations("play");
  const team = view.team;
  const ended = isOver(view.session.status) || team?.phase === "ended";
  const roleNames = new Map(view.roles.map((r) => [r.id, r.name]));
  const contentLang = view.session.scenarioLocale;

  if (ended) return <EndedScreen view={view} />;
  if (!team) {
    return view.session.selfAssign ? (
      <section className="card" data-testid="choose-team">
        <h2>{t("chooseTeam")}</h2>
        <TeamChooser view={view} submitLabel={t("joinTeam")} />
      </section>
    ) : (
      <section className="card lobby" data-testid="lobby">
        <div className="lobby-pulse" aria-hidden />
        <h2>{t("inTitle")}</h2>
        <p>{t("facilitatorWillAssign")}</p>
      </section>
    );
  }
  if (team.phase === "lobby") return <Lobby view={view} />;

  const node = team.node;
  return (
    <>
      {team.phase === "paused" && <div className="alert info paused-banner" role="status" data-follow>{t("paused")}</div>}
      <ClockList teamId={team.id} />
      {team.lastDecision && node?.type === "inject" && <LastDecisionCard decision={team.lastDecision} contentLang={contentLang} />}
      {team.revealed && <VoteReveal teamName={team.name} shown={team.revealed} contentLang={contentLang} onDevice />}
      {node?.type === "inject" && (
        <>
          <div className="card stage-card"><InjectContent node={node} roleNames={roleNames} contentLang={contentLang} /></div>
          <QuestionList node={node} visit={team.visit} roleId={view.me.roleId} />
          {!ended && <p className="waiting-hint small muted">{t("discuss")}</p>}
        </>
      )}
      {node?.type === "decision" && (
        <div className="card stage-card"><DecisionBallot view={view} node={node} /></div>
      )}
      {node?.type === "end" && (
        <>
          <div className="card stage-card"><EndContent node={node} contentLang={contentLang} /></div>
          {team.lastDecision && <LastDecisionCard decision={team.lastDecision} title={t("lastDecisionTitle")} contentLang={contentLang} />}
        </>
      )}
      <NoticeForms view={view} />
    </>
  );
}

/** The participant's page once the view is here: status bar, who I am, and the stage that follows the action. */
function PlayScreen({ view }: { view: ParticipantView }) {
  const t = useTranslations("play");
  const errorText = useErrorText();
  const problem = useParticipantStore((s) => s.problem);
  const stageRef = useRef<HTMLDivElement>(null);
  const announcement = useFollowAction(view, stageRef);
  return (
    <div className="play-layout">
      <PlayStatusBar view={view} moment={momentOf(view)} />
      <PlayHeader view={view} />
      <ContentLanguageNotice contentLocale={view.session.scenarioLocale} compact />
      {problem && <div className="alert error" role="alert">{errorText(problem)}</div>}
      <div className="play-stage" ref={stageRef} data-testid="play-stage">
        <Stage view={view} />
      </div>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="play-announcement">{announcement}</div>
      {!view.session.anonymous && !isOver(view.session.status) && (
        <footer className="play-foot small muted">
          <span>{t("namedFooter")}</span>
          <ExportMyDataButton sessionId={view.session.id} />
        </footer>
      )}
    </div>
  );
}

export function PlayView({ sessionId }: { sessionId: string }) {
  useParticipantConnection(sessionId);
  const t = useTranslations("play");
  const errorText = useErrorText();
  const view = useParticipantStore((s) => s.view);
  const problem = useParticipantStore((s) => s.problem);

  if (problem && (!view || view.session.id !== sessionId)) {
    return (
      <section className="card play-problem" role="alert" data-testid="play-problem">
        <h1>{problem.code === "NOT_JOINED" || problem.code === "PARTICIPANT_UNKNOWN" ? t("joinFirst") : t("cannotOpen")}</h1>
        <p>{errorText(problem)}</p>
        <Link className="btn" href="/join">{t("enterCode")}</Link>
      </section>
    );
  }
  if (!view || view.session.id !== sessionId) {
    return <div className="empty" role="status"><strong>{t("connecting")}</strong></div>;
  }
  return <PlayScreen view={view} />;
}

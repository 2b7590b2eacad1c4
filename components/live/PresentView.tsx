"use client";
// Present mode: one team's current inject, decision or ending full screen in large
// type for a projector, with a team switcher. Before the start it shows how to join and
// who has joined. Content always fits the screen (FitToScreen); after a lock, the
// facilitator can reveal how the team voted (VoteReveal, V key or the bar's button): a
// `reveal` command, so the team's own devices show the same reveal (TeamView.revealed).
import "./stage.css";
import Link from "@/components/ui/IntentLink";
import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { ConsoleTeam, ConsoleView } from "@/lib/session/views";
import { useErrorText } from "@/components/ui/use-error-text";
import { Countdown } from "./Countdown";
import { ClockList } from "./ClockList";
import { FitToScreen } from "./FitToScreen";
import { Markdown } from "./Markdown";
import { EndContent, InjectContent, LastDecisionCard } from "./NodeContent";
import { VoteReveal } from "./VoteReveal";
import { runCommand, useConsoleStore } from "./stores";
import { useConsoleConnection } from "./use-connection";

/** Names shown on the join screen; the rest are counted. */
const MAX_NAMES = 48;

/** Which locked decision a reveal would be about; null when the team has none with votes. */
function revealKey(team: ConsoleTeam | undefined): string | null {
  if (!team) return null;
  if (team.reveal) return `${team.id}:${team.reveal.nodeId}:${team.reveal.visit}`;
  if (team.revealWithheld) return `${team.id}:withheld:${team.lastDecision?.nodeId ?? ""}`;
  return null;
}

function JoinScreen({ view, joinUrl, qrDataUrl }: { view: ConsoleView; joinUrl: string; qrDataUrl: string }) {
  const t = useTranslations("console.presentView");
  const tj = useTranslations("console.join");
  const ts = useTranslations("stage.present");
  // Pseudonyms in anonymous sessions; no names at all for a viewer who may not see them.
  const names = view.roster.map((p) => p.displayName).filter((n) => n !== "");
  const shown = names.slice(-MAX_NAMES);
  return (
    <div className="present-join">
      <h1>{view.session.title}</h1>
      <p className="present-lead">{t("joinLead")}</p>
      <div className="present-join-row">
        <img src={qrDataUrl} alt={tj("qr", { url: joinUrl })} width={280} height={280} />
        <div>
          <div className="present-code">{view.session.joinCode}</div>
          <div className="present-url" data-testid="present-url">{joinUrl}</div>
          <p className="present-lead" data-testid="present-joined">{t("joined", { count: view.roster.length })}</p>
        </div>
      </div>
      {shown.length > 0 && (
        <section className="present-names" aria-label={ts("joinedNames")}>
          <ul data-testid="present-names">
            {shown.map((name, i) => (
              <li key={`${name}-${i}`}>{name}</li>
            ))}
          </ul>
          {names.length > shown.length && <p className="present-lead">{ts("andMore", { count: names.length - shown.length })}</p>}
        </section>
      )}
    </div>
  );
}

function TeamStage({ view, team, clockOffsetMs }: { view: ConsoleView; team: ConsoleTeam; clockOffsetMs: number }) {
  const t = useTranslations("console.presentView");
  const td = useTranslations("play.decision");
  const format = useFormatter();
  const node = team.node!;
  const roleNames = new Map(view.roles.map((r) => [r.id, r.name]));
  const contentLang = view.session.scenarioLocale;
  if (node.type === "inject") return <InjectContent node={node} roleNames={roleNames} headingLevel={1} contentLang={contentLang} />;
  if (node.type === "decision") {
    return (
      <section className="present-decision">
        <div className="decision-top">
          <div className="node-kicker">{td("kicker")}</div>
          <Countdown deadlineAt={team.deadlineAt} remainingMs={team.remainingMs} clockOffsetMs={clockOffsetMs} size="large" />
        </div>
        {node.title && <h1 lang={contentLang}>{node.title}</h1>}
        <Markdown text={node.prompt} lang={contentLang} />
        <ol className="present-options">
          {node.options.map((o) => (
            <li key={o.id} className={o.available ? "" : "unavailable"}>
              <span lang={contentLang}>{o.label}</span>
              {!o.available && <span className="vote-note">{td("unavailable")}</span>}
            </li>
          ))}
        </ol>
        {team.tally && (
          <p className="present-lead">
            {t("voted", { voted: team.tally.total, members: team.members, share: format.number(team.members ? team.tally.total / team.members : 0, { style: "percent" }) })}
          </p>
        )}
      </section>
    );
  }
  return (
    <>
      <EndContent node={node} headingLevel={1} contentLang={contentLang} />
      {team.lastDecision && <LastDecisionCard decision={team.lastDecision} title={t("lastDecision")} contentLang={contentLang} />}
    </>
  );
}

export function PresentView({ initial, qrDataUrl, initialTeamId }: { initial: ConsoleView; qrDataUrl: string; initialTeamId: string | null }) {
  useConsoleConnection(initial.session.id);
  const t = useTranslations("console.presentView");
  const ts = useTranslations("stage.present");
  const live = useConsoleStore((s) => s.view);
  const clockOffsetMs = useConsoleStore((s) => s.clockOffsetMs);
  const view = live && live.session.id === initial.session.id ? live : initial;
  // The page's own link: the QR code was made from it (live pushes carry the server's default address).
  const joinUrl = initial.session.joinUrl;
  const [teamId, setTeamId] = useState(initialTeamId ?? view.teams[0]?.id ?? null);
  const team = view.teams.find((t) => t.id === teamId) ?? view.teams[0];
  const node = team?.node ?? null;
  const canReveal = revealKey(team);
  // The server's reveal (a new lock ends it), so the team's devices show what the room sees.
  const showReveal = !!team?.revealed;
  const errorText = useErrorText();
  const [revealError, setRevealError] = useState<string | null>(null);
  const teamIdShown = team?.id ?? null;

  const toggleReveal = useCallback(async () => {
    if (!teamIdShown || !canReveal) return;
    setRevealError(null);
    const res = await runCommand({ type: "reveal", teamId: teamIdShown, show: !showReveal });
    if (!res.ok) setRevealError(errorText(res));
  }, [teamIdShown, canReveal, showReveal, errorText]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "v" && e.key !== "V") return;
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select")) return;
      void toggleReveal();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [toggleReveal]);

  const contentKey = `${team?.id}:${node?.id ?? "join"}:${team?.visit}:${showReveal}:${view.session.status}:${node ? "" : view.roster.length}`;

  return (
    <div className="present" data-testid="present">
      <div className="present-bar">
        <Link href={`/sessions/${view.session.id}`} className="btn ghost">{t("console")}</Link>
        <nav className="present-teams" aria-label={t("teams")}>
          {view.teams.map((t) => (
            <button key={t.id} type="button" className={`present-team${t.id === team?.id ? " active" : ""}`} aria-pressed={t.id === team?.id} onClick={() => setTeamId(t.id)}>
              {t.name}
            </button>
          ))}
        </nav>
        {canReveal && (
          <button type="button" className="btn secondary" aria-pressed={showReveal} title={ts("revealHint")} data-testid="reveal-toggle" data-reveal={canReveal} onClick={() => void toggleReveal()}>
            {showReveal ? ts("hideReveal") : ts("reveal")}
          </button>
        )}
        {revealError && <span className="alert error small" role="alert">{revealError}</span>}
        <button
          type="button"
          className="btn ghost"
          onClick={() => {
            if (document.fullscreenElement) void document.exitFullscreen();
            else void document.documentElement.requestFullscreen().catch(() => undefined);
          }}
        >
          {t("fullScreen")}
        </button>
      </div>
      {team && node && !showReveal && (
        <div className="present-clocks">
          <ClockList teamId={team.id} size="large" />
        </div>
      )}
      <FitToScreen contentKey={contentKey} className="present-stage">
        {view.session.status === "PAUSED" && <div className="present-paused" role="status">{t("paused")}</div>}
        {team?.revealed ? (
          <VoteReveal teamName={team.name} shown={team.revealed} contentLang={view.session.scenarioLocale} />
        ) : !node || !team ? (
          <JoinScreen view={view} joinUrl={joinUrl} qrDataUrl={qrDataUrl} />
        ) : (
          <TeamStage view={view} team={team} clockOffsetMs={clockOffsetMs} />
        )}
      </FitToScreen>
    </div>
  );
}

"use client";
// The facilitator console: session controls, how to join, the roster, one card per
// team, the answer stream and notes. It renders the server's first view at once and
// then follows console:state pushed over the socket.
import Link from "@/components/ui/IntentLink";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { languageName } from "@/lib/i18n/language-name";
import type { Locale } from "@/lib/i18n/config";
import { ContentLanguageNotice } from "./ContentLanguageNotice";
import type { ConsoleCommand } from "@/lib/realtime/contract";
import type { ConsoleView } from "@/lib/session/views";
import { AnswerStream } from "./AnswerStream";
import { AssignmentBoard } from "./AssignmentBoard";
import { LobbyReadiness, readinessOf, useReadinessReasons } from "./LobbyReadiness";
import { ConnectionBadge } from "./ConnectionBadge";
import { ConsoleTeamCard } from "./ConsoleTeamCard";
import { JoinPanel } from "./JoinPanel";
import { NotesPanel } from "./NotesPanel";
import { Roster } from "./Roster";
import { runCommand, useConsoleStore } from "./stores";
import { useConsoleConnection } from "./use-connection";
import { isOver } from "@/lib/session/lifecycle";

export const STATUS_BADGE: Record<string, string> = { LOBBY: "", RUNNING: "ok", PAUSED: "warn", ENDED: "neutral", ABORTED: "danger" };

function StartWarning({ reasons, onStart, onCancel, busy }: { reasons: string[]; onStart: () => void; onCancel: () => void; busy: boolean }) {
  const tw = useTranslations("room.readiness");
  return (
    <div className="alert warn start-warning" role="alertdialog" aria-labelledby="start-warning-title" aria-describedby="start-warning-reasons" data-testid="start-warning">
      <strong id="start-warning-title">{tw("warnTitle")}</strong>
      <ul id="start-warning-reasons">
        {reasons.map((r) => <li key={r}>{r}</li>)}
      </ul>
      <div className="row">
        <button className="btn" type="button" disabled={busy} onClick={onStart} data-testid="start-anyway">{tw("startAnyway")}</button>
        <button className="btn secondary" type="button" onClick={onCancel} autoFocus>{tw("keepWaiting")}</button>
      </div>
    </div>
  );
}

function SessionControls({ status, startReasons }: { status: string; startReasons: string[] }) {
  const t = useTranslations("console");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState(false);
  async function run(command: ConsoleCommand) {
    setBusy(true);
    setError(null);
    const res = await runCommand(command);
    setBusy(false);
    setWarning(false);
    if (!res.ok) setError(errorText(res));
  }
  return (
    <div className="session-controls">
      <div className="row">
        {status === "LOBBY" && (
          <button className="btn" type="button" disabled={busy} onClick={() => (startReasons.length ? setWarning(true) : void run({ type: "start" }))} data-testid="start">
            {t("start")}
          </button>
        )}
        {status === "RUNNING" && <button className="btn secondary" type="button" disabled={busy} onClick={() => void run({ type: "pause" })} data-testid="pause">{t("pause")}</button>}
        {status === "PAUSED" && <button className="btn" type="button" disabled={busy} onClick={() => void run({ type: "resume" })} data-testid="resume">{t("resume")}</button>}
        {(status === "LOBBY" || status === "RUNNING" || status === "PAUSED") && (
          <button
            className="btn danger"
            type="button"
            disabled={busy}
            data-testid="end"
            onClick={() => {
              if (window.confirm(t("endConfirm"))) void run({ type: "end" });
            }}
          >
            {t("end")}
          </button>
        )}
      </div>
      {warning && status === "LOBBY" && <StartWarning reasons={startReasons} busy={busy} onStart={() => void run({ type: "start" })} onCancel={() => setWarning(false)} />}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

/** The lobby's checklist and, when the facilitator assigns teams, the assignment board; before the team cards in the lobby, after them later. */
function Lobby({ view, minGroupSize, canAssign }: { view: ConsoleView; minGroupSize: number; canAssign: boolean }) {
  return (
    <>
      {view.session.status === "LOBBY" && <LobbyReadiness view={view} minGroupSize={minGroupSize} />}
      {canAssign && <AssignmentBoard view={view} />}
    </>
  );
}

export function SessionConsole({ initial, qrDataUrl, canModify, minGroupSize }: { initial: ConsoleView; qrDataUrl: string; canModify: boolean; minGroupSize: number }) {
  useConsoleConnection(initial.session.id);
  const t = useTranslations("console");
  const locale = useLocale() as Locale;
  const errorText = useErrorText();
  const live = useConsoleStore((s) => s.view);
  const connection = useConsoleStore((s) => s.connection);
  const problem = useConsoleStore((s) => s.problem);
  const view = live && live.session.id === initial.session.id ? live : initial;
  const { session } = view;
  const open = !isOver(session.status);
  const tAar = useTranslations("aar");
  const canAssign = canModify && !session.selfAssign && open;
  const reason = useReadinessReasons(view);
  const startReasons = readinessOf(view, minGroupSize).checks.filter((c) => !c.ok).map(reason);
  const inLobby = session.status === "LOBBY";

  return (
    <div className="console" data-status={session.status}>
      <div className="page-head console-head">
        <div>
          <p className="small"><Link href="/">{t("backToExercises")}</Link></p>
          <h1 data-testid="console-title">{session.title}</h1>
          <div className="row small muted">
            <span className={`badge ${STATUS_BADGE[session.status] ?? "neutral"}`} data-testid="session-status" data-status={session.status}>{t("status", { status: session.status })}</span>
            <span>{session.scenarioTitle}</span>
            <span>{session.anonymous ? t("anonymous") : t("named")}</span>
            <span>{session.selfAssign ? t("selfAssign") : t("facilitatorAssigns")}</span>
            <span data-testid="session-locale">{t("participantDefault", { language: languageName(session.locale, locale) })}</span>
            <ConnectionBadge state={connection} ended={!open} />
          </div>
        </div>
        <div className="row">
          <Link className="btn secondary" href={`/sessions/${session.id}/present`} data-testid="present-link">{t("present")}</Link>
          <Link className="btn secondary" href={`/sessions/${session.id}/aar`} data-testid="aar-link">{tAar("link")}</Link>
          {canModify && open && <SessionControls status={session.status} startReasons={startReasons} />}
        </div>
      </div>
      <ContentLanguageNotice contentLocale={session.scenarioLocale} compact />
      {problem && <div className="alert error" role="alert">{errorText(problem)}</div>}
      <div className="console-grid">
        <div className="console-main stack">
          {inLobby && <Lobby view={view} minGroupSize={minGroupSize} canAssign={canAssign} />}
          <div className="team-grid">
            {view.teams.map((team) => (
              <ConsoleTeamCard key={team.id} team={team} view={view} canModify={canModify} />
            ))}
          </div>
          {!inLobby && canAssign && <AssignmentBoard view={view} />}
          <AnswerStream view={view} />
        </div>
        <aside className="console-side stack">
          {open && <JoinPanel joinCode={session.joinCode} joinUrl={initial.session.joinUrl} qrDataUrl={qrDataUrl} compact={session.status !== "LOBBY"} />}
          <Roster view={view} />
          <NotesPanel view={view} canModify={canModify} />
        </aside>
      </div>
    </div>
  );
}

"use client";
// The facilitator console: session controls, how to join, the roster, one card per
// team, the answer stream and notes. It renders the server's first view at once and
// then follows console:state pushed over the socket.
import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import { languageName } from "@/lib/i18n/language-name";
import type { Locale } from "@/lib/i18n/config";
import { ContentLanguageNotice } from "./ContentLanguageNotice";
import type { ConsoleCommand } from "@/lib/realtime/contract";
import type { ConsoleView } from "@/lib/session/views";
import { AnswerStream } from "./AnswerStream";
import { ConnectionBadge } from "./ConnectionBadge";
import { ConsoleTeamCard } from "./ConsoleTeamCard";
import { JoinPanel } from "./JoinPanel";
import { NotesPanel } from "./NotesPanel";
import { Roster } from "./Roster";
import { runCommand, useConsoleStore } from "./stores";
import { useConsoleConnection } from "./use-connection";
import { isOver } from "@/lib/session/lifecycle";

export const STATUS_BADGE: Record<string, string> = { LOBBY: "", RUNNING: "ok", PAUSED: "warn", ENDED: "neutral", ABORTED: "danger" };

function SessionControls({ status }: { status: string }) {
  const t = useTranslations("console");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(command: ConsoleCommand) {
    setBusy(true);
    setError(null);
    const res = await runCommand(command);
    setBusy(false);
    if (!res.ok) setError(errorText(res));
  }
  return (
    <div className="session-controls">
      <div className="row">
        {status === "LOBBY" && <button className="btn" type="button" disabled={busy} onClick={() => void run({ type: "start" })} data-testid="start">{t("start")}</button>}
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
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

export function SessionConsole({ initial, qrDataUrl, canModify }: { initial: ConsoleView; qrDataUrl: string; canModify: boolean }) {
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
            <ConnectionBadge state={connection} />
          </div>
        </div>
        <div className="row">
          <Link className="btn secondary" href={`/sessions/${session.id}/present`} data-testid="present-link">{t("present")}</Link>
          <Link className="btn secondary" href={`/sessions/${session.id}/aar`} data-testid="aar-link">{tAar("link")}</Link>
          {canModify && open && <SessionControls status={session.status} />}
        </div>
      </div>
      <ContentLanguageNotice contentLocale={session.scenarioLocale} compact />
      {problem && <div className="alert error" role="alert">{errorText(problem)}</div>}
      <div className="console-grid">
        <div className="console-main stack">
          <div className="team-grid">
            {view.teams.map((team) => (
              <ConsoleTeamCard key={team.id} team={team} view={view} canModify={canModify} />
            ))}
          </div>
          <AnswerStream view={view} />
        </div>
        <aside className="console-side stack">
          {open && <JoinPanel joinCode={session.joinCode} joinUrl={initial.session.joinUrl} qrDataUrl={qrDataUrl} compact={session.status !== "LOBBY"} />}
          <Roster view={view} canAssign={canModify && !session.selfAssign && open} />
          <NotesPanel view={view} canModify={canModify} />
        </aside>
      </div>
    </div>
  );
}

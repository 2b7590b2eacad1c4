"use client";
// Present mode: one team's current inject, decision or ending full screen in large
// type for a projector, with a team switcher. Before the start it shows how to join.
import Link from "next/link";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { ConsoleView } from "@/lib/session/views";
import { Countdown } from "./Countdown";
import { Markdown } from "./Markdown";
import { EndContent, InjectContent, LastDecisionCard } from "./NodeContent";
import { useConsoleStore } from "./stores";
import { useConsoleConnection } from "./use-connection";

export function PresentView({ initial, qrDataUrl, initialTeamId }: { initial: ConsoleView; qrDataUrl: string; initialTeamId: string | null }) {
  useConsoleConnection(initial.session.id);
  const t = useTranslations("console.presentView");
  const tj = useTranslations("console.join");
  const td = useTranslations("play.decision");
  const format = useFormatter();
  const live = useConsoleStore((s) => s.view);
  const clockOffsetMs = useConsoleStore((s) => s.clockOffsetMs);
  const view = live && live.session.id === initial.session.id ? live : initial;
  const [teamId, setTeamId] = useState(initialTeamId ?? view.teams[0]?.id ?? null);
  const team = view.teams.find((t) => t.id === teamId) ?? view.teams[0];
  const node = team?.node ?? null;
  const roleNames = new Map(view.roles.map((r) => [r.id, r.name]));
  const contentLang = view.session.scenarioLocale;

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
      <div className="present-stage">
        {view.session.status === "PAUSED" && <div className="present-paused" role="status">{t("paused")}</div>}
        {!node ? (
          <div className="present-join">
            <h1>{view.session.title}</h1>
            <p className="present-lead">{t("joinLead")}</p>
            <div className="present-join-row">
              <img src={qrDataUrl} alt={tj("qr", { url: view.session.joinUrl })} width={280} height={280} />
              <div>
                <div className="present-code">{view.session.joinCode}</div>
                <div className="present-url">{view.session.joinUrl}</div>
                <p className="present-lead">{t("joined", { count: view.roster.length })}</p>
              </div>
            </div>
          </div>
        ) : node.type === "inject" ? (
          <InjectContent node={node} roleNames={roleNames} headingLevel={1} contentLang={contentLang} />
        ) : node.type === "decision" ? (
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
        ) : (
          <>
            <EndContent node={node} headingLevel={1} contentLang={contentLang} />
            {team.lastDecision && <LastDecisionCard decision={team.lastDecision} title={t("lastDecision")} contentLang={contentLang} />}
          </>
        )}
      </div>
    </div>
  );
}

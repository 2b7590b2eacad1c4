"use client";
// What a participant sees once the exercise is over: thanks, their team's ending (or why
// there is none), their team's last decision, and how to get their data: a download in a
// named session, an explanation in an anonymous one (nothing there is linked to them).
import "./stage.css";
import Link from "@/components/ui/IntentLink";
import { useTranslations } from "next-intl";
import type { ParticipantView } from "@/lib/session/views";
import { ExportMyDataButton } from "@/components/privacy/ExportMyDataButton";
import { EndContent, LastDecisionCard } from "./NodeContent";

export function EndedScreen({ view }: { view: ParticipantView }) {
  const t = useTranslations("stage.ended");
  const tp = useTranslations("play");
  const team = view.team;
  const node = team?.node ?? null;
  const contentLang = view.session.scenarioLocale;
  return (
    <div className="ended-screen" data-testid="session-ended">
      <section className="card ended-hero" aria-labelledby="ended-title">
        <h1 id="ended-title" tabIndex={-1}>{t("title")}</h1>
        <p className="muted">{t("lead", { title: view.session.title })}</p>
      </section>
      {node?.type === "end" ? (
        <div className="card stage-card" aria-label={t("ending")}>
          <EndContent node={node} contentLang={contentLang} />
        </div>
      ) : (
        <section className="card" data-testid="no-ending">
          <h2>{t("ending")}</h2>
          <p>{team ? t("noEnding") : t("noTeam")}</p>
        </section>
      )}
      {team?.lastDecision && <LastDecisionCard decision={team.lastDecision} title={tp("lastDecisionTitle")} contentLang={contentLang} />}
      <section className="card ended-data" data-testid="ended-data">
        <h2>{t("dataTitle")}</h2>
        {view.session.anonymous ? (
          <p>{t("dataAnonymous", { name: view.me.displayName })}</p>
        ) : (
          <>
            <p>{t("dataNamed")}</p>
            <ExportMyDataButton sessionId={view.session.id} />
          </>
        )}
        <p className="small"><Link href="/privacy">{t("privacy")}</Link></p>
      </section>
    </div>
  );
}

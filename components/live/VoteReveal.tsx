"use client";
// How a team voted at its last locked decision, once the facilitator revealed it: on the
// present screen, and the same reveal on every member's device (TeamView.revealed). It
// arrives redacted for the room (withheld below k votes, lib/session/reveal.ts), so both
// show exactly the same thing.
import { useFormatter, useTranslations } from "next-intl";
import type { RoomReveal } from "@/lib/session/views";

export function VoteReveal({ teamName, shown, contentLang, onDevice = false }: { teamName: string; shown: RoomReveal; contentLang?: string; onDevice?: boolean }) {
  const t = useTranslations("stage.present");
  const format = useFormatter();
  const Heading = onDevice ? "h2" : "h1";
  const className = onDevice ? "card vote-reveal on-device" : "vote-reveal";
  if (shown.withheld) {
    return (
      <section className={className} data-testid="vote-reveal" data-withheld="true">
        <Heading>{t("revealTitle", { team: teamName })}</Heading>
        <p className="alert info">{t("revealWithheld", { k: shown.withheld.minGroupSize })}</p>
      </section>
    );
  }
  const reveal = shown.decision;
  const most = Math.max(1, ...reveal.options.map((o) => o.votes));
  return (
    <section className={className} data-testid="vote-reveal" data-withheld="false" aria-label={t("revealTitle", { team: teamName })}>
      <div className="node-kicker">{onDevice ? t("revealOnDevice") : t("revealTitle", { team: teamName })}</div>
      <Heading lang={contentLang}>{reveal.title ?? reveal.prompt}</Heading>
      <ol className="reveal-bars">
        {reveal.options.map((o) => {
          const chosen = o.id === reveal.chosenOptionId;
          return (
            <li key={o.id} className={chosen ? "chosen" : ""} data-option={o.id} data-votes={o.votes}>
              <div className="reveal-label">
                <span lang={contentLang}>{o.label}</span>
                {chosen && <span className="badge ok">{t("revealChosen")}</span>}
              </div>
              <div className="reveal-bar" aria-hidden>
                <span style={{ width: `${(100 * o.votes) / most}%` }} />
              </div>
              <div className="reveal-count">
                {t("revealVotes", { count: o.votes })} · {format.number(reveal.total ? o.votes / reveal.total : 0, { style: "percent" })}
              </div>
            </li>
          );
        })}
      </ol>
      {reveal.chosenOptionId === "@timeout" && <p className="alert warn">{t("revealTimeout")}</p>}
    </section>
  );
}

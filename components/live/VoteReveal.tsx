"use client";
// The present screen's reveal of how a team voted at its last locked decision: shown
// when the facilitator asks for it, withheld below k votes (lib/privacy/visibility.ts).
import { useFormatter, useTranslations } from "next-intl";
import type { ConsoleTeam } from "@/lib/session/views";

export function VoteReveal({ team, contentLang }: { team: ConsoleTeam; contentLang?: string }) {
  const t = useTranslations("stage.present");
  const format = useFormatter();
  if (team.revealWithheld) {
    return (
      <section className="vote-reveal" data-testid="vote-reveal" data-withheld="true">
        <h1>{t("revealTitle", { team: team.name })}</h1>
        <p className="alert info">{t("revealWithheld", { k: team.revealWithheld.minGroupSize })}</p>
      </section>
    );
  }
  const reveal = team.reveal;
  if (!reveal) return null;
  const most = Math.max(1, ...reveal.options.map((o) => o.votes));
  return (
    <section className="vote-reveal" data-testid="vote-reveal" data-withheld="false">
      <div className="node-kicker">{t("revealTitle", { team: team.name })}</div>
      <h1 lang={contentLang}>{reveal.title ?? reveal.prompt}</h1>
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

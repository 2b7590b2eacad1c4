"use client";
// A decision as a participant sees it: the prompt, who decides, the countdown and the
// options as big buttons. The confirmation appears only after the server acknowledged
// the vote; options unavailable in this run stay visible but cannot be chosen.
import { useTranslations } from "next-intl";
import type { ParticipantView, NodeView } from "@/lib/session/views";
import { useErrorText } from "@/components/ui/use-error-text";
import { Countdown } from "./Countdown";
import { Markdown } from "./Markdown";
import { castVote, useParticipantStore } from "./stores";

type DecisionNode = Extract<NodeView, { type: "decision" }>;

export function DecisionBallot({ view, node }: { view: ParticipantView; node: DecisionNode }) {
  const t = useTranslations("play.decision");
  const errorText = useErrorText();
  const pendingVote = useParticipantStore((s) => s.pendingVote);
  const voteError = useParticipantStore((s) => s.voteError);
  const clockOffsetMs = useParticipantStore((s) => s.clockOffsetMs);
  const team = view.team!;
  const running = team.phase === "running";
  const decidingRole = view.roles.find((r) => r.id === node.decidedBy) ?? null;
  const chosen = pendingVote ?? view.myVote;
  const contentLang = view.session.scenarioLocale;

  return (
    <section className="decision" data-testid="decision" data-node-id={node.id}>
      <div className="decision-top">
        {/* Without a title, the kicker is the heading that focus moves to when the decision comes up. */}
        {node.title ? <div className="node-kicker">{t("kicker")}</div> : <h2 className="node-kicker">{t("kicker")}</h2>}
        <Countdown deadlineAt={team.deadlineAt} remainingMs={team.remainingMs} clockOffsetMs={clockOffsetMs} />
      </div>
      {node.title && <h2 lang={contentLang}>{node.title}</h2>}
      <Markdown text={node.prompt} className="decision-prompt" lang={contentLang} />
      <p className="decided-by small">
        {decidingRole ? (
          view.me.roleId === decidingRole.id ? (
            t.rich("youDecide", { role: decidingRole.name, strong: (chunks) => <strong>{chunks}</strong> })
          ) : (
            t.rich("roleDecides", { role: decidingRole.name, strong: (chunks) => <strong>{chunks}</strong> })
          )
        ) : (
          t("majority")
        )}
      </p>
      <div className="vote-options" role="group" aria-label={t("options")}>
        {node.options.map((o) => {
          const selected = chosen === o.id;
          return (
            <button
              key={o.id}
              type="button"
              className={`vote-option${selected ? " selected" : ""}${o.available ? "" : " unavailable"}`}
              aria-pressed={selected}
              disabled={!o.available || !running || pendingVote !== null}
              onClick={() => void castVote(o.id)}
              data-option={o.id}
            >
              <span className="vote-mark" aria-hidden>{selected ? (pendingVote === o.id ? "…" : "✓") : ""}</span>
              <span className="vote-label">
                <span lang={contentLang}>{o.label}</span>
                {!o.available && <span className="vote-note">{t("unavailable")}</span>}
              </span>
            </button>
          );
        })}
      </div>
      <div className="vote-status" aria-live="polite">
        {pendingVote && <p className="muted">{t("savingVote")}</p>}
        {!pendingVote && view.myVote && (
          <div className="alert ok" data-testid="vote-saved">
            <strong>{t("savedTitle")}</strong> {t("savedBody")}
          </div>
        )}
        {voteError && <div className="alert error" role="alert">{t("notSaved", { reason: errorText(voteError) })}</div>}
        {team.phase === "paused" && <p className="muted">{t("pausedVoting")}</p>}
      </div>
    </section>
  );
}

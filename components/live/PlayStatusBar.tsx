"use client";
// The participant's slim sticky bar: where the exercise is (waiting, live, paused, time
// up, over), the decision timer, whether this person's vote is in, and the connection.
// It stays at the top of a phone screen however far the person has scrolled.
import { useTranslations } from "next-intl";
import type { ParticipantView } from "@/lib/session/views";
import { ConnectionBadge } from "./ConnectionBadge";
import { isOver } from "@/lib/session/lifecycle";
import { Countdown } from "./Countdown";
import type { Moment } from "./follow";
import { useParticipantStore } from "./stores";

const PHASE_TONE: Record<Moment["kind"], string> = { waiting: "", lobby: "", inject: "ok", decision: "ok", timeUp: "warn", end: "neutral", paused: "warn", ended: "neutral" };

function VoteState({ view }: { view: ParticipantView }) {
  const t = useTranslations("room.status");
  const pendingVote = useParticipantStore((s) => s.pendingVote);
  const voteError = useParticipantStore((s) => s.voteError);
  const state = pendingVote ? "saving" : voteError ? "error" : view.myVote ? "saved" : "none";
  return (
    <span className={`play-vote play-vote-${state}`} data-testid="status-vote" data-state={state}>
      {t(`vote.${state}`)}
    </span>
  );
}

export function PlayStatusBar({ view, moment }: { view: ParticipantView; moment: Moment }) {
  const t = useTranslations("room.status");
  const connection = useParticipantStore((s) => s.connection);
  const clockOffsetMs = useParticipantStore((s) => s.clockOffsetMs);
  const team = view.team;
  const atDecision = team?.node?.type === "decision" && moment.kind !== "ended";
  return (
    <div className={isOver(view.session.status) || team?.phase === "ended" ? "play-status is-over" : "play-status"} role="region" aria-label={t("label")} data-testid="play-status">
      <span className={`badge ${PHASE_TONE[moment.kind]}`} data-testid="status-phase" data-phase={moment.kind}>{t(`phase.${moment.kind}`)}</span>
      {atDecision && team && <Countdown deadlineAt={team.deadlineAt} remainingMs={team.remainingMs} clockOffsetMs={clockOffsetMs} />}
      {atDecision && <VoteState view={view} />}
      <span className="play-status-end"><ConnectionBadge state={connection} ended={isOver(view.session.status)} /></span>
    </div>
  );
}

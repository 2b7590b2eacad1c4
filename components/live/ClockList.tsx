"use client";
// A team's regulatory clocks as countdowns in the story's time: each clock's name, status
// (running, warning at a quarter left, breached, met, late, stopped), the fictional time left
// and when it is due. Used by the participant view, the console and the present screen.
import { useFormatter, useTranslations } from "next-intl";
import type { TeamClocks } from "@/lib/session/clock-views";
import { lateText } from "@/lib/reports/aar-clocks";
import { useClockStore } from "./clock-store";
import { shownStatus, useStoryNow } from "./use-story-now";
import "./clocks.css";

const STORY_FORMAT = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" } as const;

export function ClockList({ teamId, size = "normal", showNow = true }: { teamId: string; size?: "normal" | "large"; showNow?: boolean }) {
  const t = useTranslations("liveClocks");
  const format = useFormatter();
  const view = useClockStore((s) => s.teams[teamId]);
  const offsetMs = useClockStore((s) => s.offsetMs);
  const storyNow = useStoryNow(view, offsetMs);
  if (!view || view.clocks.length === 0) return null;
  const at = (iso: string | number) => format.dateTime(new Date(iso), { ...STORY_FORMAT, timeZone: view.timeZone });
  return (
    <section className={`clock-list${size === "large" ? " large" : ""}`} aria-label={t("title")} data-testid={`clocks-${teamId}`}>
      {showNow && storyNow !== null && (
        <p className="clock-now small">
          {t("storyNow")} <strong data-testid="story-now">{at(storyNow)}</strong>
        </p>
      )}
      <ul>
        {view.clocks.map((clock) => {
          const status = shownStatus(clock, storyNow);
          const left = clock.deadlineAt && storyNow !== null ? Math.max(0, Date.parse(clock.deadlineAt) - storyNow) : null;
          return (
            <li key={clock.id} className={`clock clock-${status}`} data-testid={`clock-${clock.id}`} data-status={status}>
              <span className="clock-label">{clock.label}</span>
              <span className="clock-status">{t(`status.${status}`)}</span>
              {(status === "running" || status === "warning") && left !== null && (
                <span className="clock-left" role="timer">{left === 0 ? t("dueNow") : t("left", { time: lateText(Math.ceil(left / 60_000)) })}</span>
              )}
              {clock.deadlineAt && status !== "stopped" && <span className="clock-due small">{t("due", { at: at(clock.deadlineAt) })}</span>}
              {clock.submittedAt && <span className="clock-due small">{t("sent", { at: at(clock.submittedAt) })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

"use client";
// Moves a participant to what changed: scrolls the stage into view below the sticky status
// bar, moves focus to its heading (or the element marked data-follow, such as the pause
// banner) and returns the text for the page's aria-live region. The first view is left
// alone: nothing moved yet. Smooth scrolling only when the reader has not asked for less motion.
import { useEffect, useRef, useState, type RefObject } from "react";
import { useTranslations } from "next-intl";
import type { ParticipantView } from "@/lib/session/views";
import { momentOf, timeAdded, timeBudget, type Moment } from "./follow";

function focusTarget(stage: HTMLElement): HTMLElement {
  const target = stage.querySelector<HTMLElement>("[data-follow]") ?? stage.querySelector<HTMLElement>("h1, h2") ?? stage;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  return target;
}

export function useFollowAction(view: ParticipantView, stageRef: RefObject<HTMLElement | null>): string {
  const t = useTranslations("room.follow");
  const moment = momentOf(view);
  const before = useRef<{ moment: Moment; budget: number | null } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const budget = timeBudget(view, Date.now());

  useEffect(() => {
    const previous = before.current;
    before.current = { moment, budget };
    if (!previous) return;
    if (previous.moment.key === moment.key) {
      if (timeAdded(previous.budget, budget)) setAnnouncement(t("timeAdded"));
      return;
    }
    if (moment.kind === "waiting" && previous.moment.kind === "waiting") return;
    const stage = stageRef.current;
    if (stage) {
      const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
      stage.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
      focusTarget(stage).focus({ preventScroll: true });
    }
    const resumed = previous.moment.kind === "paused" && moment.kind !== "paused" && moment.kind !== "ended";
    const said = t(moment.kind, { title: moment.title ?? "" });
    setAnnouncement(resumed ? `${t("resumed")} ${said}` : said);
    // `budget` changes every render while a timer runs; only the moment and added time matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moment.key, view.team?.deadlineAt, view.team?.remainingMs]);

  return announcement;
}

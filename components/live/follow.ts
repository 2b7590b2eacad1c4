// "Phones follow the action": what a participant's screen is showing right now, as one
// moment with a key. When the key changes (an advance, a new decision, a pause or resume,
// time running out, the end), the play page scrolls to the new content, moves focus to its
// heading and announces it. Pure, so the rules can be read and tested without a browser.
import type { ParticipantView } from "@/lib/session/views";
import { isOver } from "@/lib/session/lifecycle";
import { nodeKey } from "./stores";

export type MomentKind = "waiting" | "lobby" | "inject" | "decision" | "timeUp" | "end" | "paused" | "ended";
export type Moment = { key: string; kind: MomentKind; title: string | null };

/** The moment a participant's view shows. */
export function momentOf(view: ParticipantView): Moment {
  const team = view.team;
  const over = isOver(view.session.status) || team?.phase === "ended";
  if (!team) return { key: over ? "ended" : `waiting:${view.me.teamId ?? ""}`, kind: over ? "ended" : "waiting", title: null };
  if (team.phase === "lobby") return { key: `lobby:${team.id}`, kind: "lobby", title: null };
  const node = team.node;
  const at = nodeKey(team) ?? "";
  if (over && node?.type !== "end") return { key: `ended:${at}`, kind: "ended", title: null };
  if (team.phase === "paused") return { key: `paused:${at}`, kind: "paused", title: null };
  if (!node) return { key: `none:${at}`, kind: "waiting", title: null };
  if (node.type === "decision") {
    // A time limit with neither a deadline nor time left: it ran out and the facilitator decides.
    const timeUp = node.timeLimitSeconds !== null && team.deadlineAt === null && team.remainingMs === null;
    return { key: `${timeUp ? "timeUp" : "decision"}:${at}`, kind: timeUp ? "timeUp" : "decision", title: node.title ?? node.prompt.split("\n")[0].slice(0, 120) };
  }
  return { key: `${node.type}:${at}`, kind: node.type, title: node.title };
}

/** The time the team has at its decision, in ms from `now` (null without a running or paused timer). */
export function timeBudget(view: ParticipantView, now: number): number | null {
  const team = view.team;
  if (!team) return null;
  if (team.deadlineAt) return Date.parse(team.deadlineAt) - now;
  return team.remainingMs;
}

/** Whether the facilitator added time between two views of the same moment (more than 10 s more left). */
export function timeAdded(before: number | null, after: number | null): boolean {
  return before !== null && after !== null && after - before > 10_000;
}

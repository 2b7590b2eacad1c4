// One team's timeline in the after-action report: the nodes it entered and the decisions it
// made, in the order they happened. The event log's order decides, not the clock: a decision
// and the node it led to are written in one transaction and may carry the same moment, or
// even an earlier one for the node, so each decision sits just before the enter entry of its
// own `decision.locked` event (an ENDING after the decision that reached it).
import { TIMEOUT_CHOICE, type TNode } from "@/lib/scenario";
import { decisionKey, type TPoints } from "@/lib/scoring";
import { suppressSmallGroup } from "@/lib/privacy/suppression";
import type { AarInput, TimelineEntry } from "./aar-types";
import { nodeTitle } from "./aar-values";

/** What happened to one team, in order: the nodes it entered (from the event log) and its decisions with their tallies. */
export function timelineOf(
  teamId: string,
  input: AarInput,
  nodes: Map<string, TNode>,
  decisions: Array<AarInput["decisions"][number] & { points: TPoints; bestPoints: TPoints }>,
  tallies: Map<string, Array<{ optionId: string; votes: number }>>,
  /** k when small groups are withheld (anonymous sessions), else null. */
  minGroupSize: number | null,
): TimelineEntry[] {
  const entries: Array<{ t: number; order: number; entry: TimelineEntry }> = [];
  // Per decision node, the positions of its lock events in log order: the n-th lock of a node is its n-th decision.
  const locks = new Map<string, Array<{ t: number; order: number }>>();
  let order = 0;
  for (const event of input.events) {
    if (event.sessionTeamId !== teamId) continue;
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const to = event.type === "team.entered" ? payload.nodeId : event.type === "team.advanced" || event.type === "decision.locked" ? payload.to : undefined;
    if (typeof to !== "string") continue;
    const node = nodes.get(to);
    order += 1;
    if (event.type === "decision.locked" && typeof payload.from === "string") {
      locks.set(payload.from, [...(locks.get(payload.from) ?? []), { t: event.createdAt.getTime(), order }]);
    }
    entries.push({
      t: event.createdAt.getTime(),
      order,
      entry: { kind: "enter", at: event.createdAt.toISOString(), nodeId: to, nodeType: node?.type ?? "unknown", title: nodeTitle(node, to), outcome: node?.type === "end" ? node.outcome : null },
    });
  }
  const byVisit = [...decisions].sort((a, b) => a.visit - b.visit || a.decidedAt.getTime() - b.decidedAt.getTime());
  const seen = new Map<string, number>();
  for (const d of byVisit) {
    const nth = seen.get(d.nodeId) ?? 0;
    seen.set(d.nodeId, nth + 1);
    const lock = locks.get(d.nodeId)?.[nth];
    const node = nodes.get(d.nodeId);
    const options = node?.type === "decision" ? node.options : [];
    const timedOut = d.optionId === TIMEOUT_CHOICE;
    const counts = new Map((tallies.get(decisionKey(d)) ?? []).map((t) => [t.optionId, t.votes]));
    const tally = options.map((o) => ({ optionId: o.id, label: o.label, votes: counts.get(o.id) ?? 0 }));
    for (const [optionId, votes] of counts) if (!options.some((o) => o.id === optionId)) tally.push({ optionId, label: optionId, votes });
    const votes = tally.reduce((sum, t) => sum + t.votes, 0);
    const gate = minGroupSize === null || votes === 0 ? null : suppressSmallGroup(votes, minGroupSize, tally);
    const withheld = gate?.suppressed ? gate : null;
    const duration = d.decidedAt.getTime() - d.enteredAt.getTime();
    const assessed = new Set([...Object.keys(d.bestPoints), ...Object.keys(d.points)]);
    let earned = 0;
    let best = 0;
    for (const id of assessed) {
      earned += d.points[id] ?? 0;
      best += d.bestPoints[id] ?? 0;
    }
    entries.push({
      // Just before the enter entry its lock produced; without a lock event (an older log), by the clock.
      t: lock ? lock.t : d.decidedAt.getTime() - 0.5,
      order: lock ? lock.order - 0.5 : -1,
      entry: {
        kind: "decision",
        at: d.decidedAt.toISOString(),
        enteredAt: d.enteredAt.toISOString(),
        nodeId: d.nodeId,
        visit: d.visit,
        title: nodeTitle(node, d.nodeId),
        optionId: d.optionId,
        optionLabel: timedOut ? TIMEOUT_CHOICE : (options.find((o) => o.id === d.optionId)?.label ?? d.optionId),
        timedOut,
        method: d.method,
        reason: d.reason,
        durationMs: Number.isFinite(duration) && duration >= 0 ? duration : null,
        tally: withheld ? [] : tally,
        votes: withheld ? 0 : votes,
        withheld,
        earned,
        best,
      },
    });
  }
  return entries.sort((a, b) => a.t - b.t || a.order - b.order).map((e) => e.entry);
}

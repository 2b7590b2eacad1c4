// Plays every bundled scenario that declares clocks through all its paths (bounded) in
// fictional time and checks the clocks are exercised: on some path a team that never sends a
// notice breaches a clock, and on the best path a team that sends each notice as soon as it
// opens, with every required field, is on time. New scenarios with clocks are covered unlisted.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEvent, describeOptions, startScenario, type EngineState } from "@/lib/scenario/engine";
import { lintScenarioText } from "@/lib/scenario/lint";
import { optionTotal } from "@/lib/scenario/lint/pedagogy";
import { REGIMES, isRegimeId } from "@/lib/scenario/regimes";
import type { TScenario } from "@/lib/scenario/schema";
import { evaluateClocks, noticeTaskOf, type NoticeSubmission } from "@/lib/scoring/clocks";
import { storyTimeline } from "@/lib/scoring/story-time";
import { bundledScenarioFiles } from "./helpers";

const MAX_PATHS = 5_000;

function endStates(scenario: TScenario): EngineState[] {
  const ends: EngineState[] = [];
  const stack = [startScenario(scenario)];
  while (stack.length && ends.length < MAX_PATHS) {
    const state = stack.pop()!;
    if (state.status === "ended") {
      ends.push(state);
      continue;
    }
    const node = scenario.nodes.find((n) => n.id === state.nodeId)!;
    const events = node.type === "inject" ? [{ type: "advance" as const }] : describeOptions(scenario, state).filter((o) => o.available).map((o) => ({ type: "choose" as const, optionId: o.id }));
    for (const event of events) {
      const result = applyEvent(scenario, state, event);
      if (result.ok) stack.push(result.state);
    }
  }
  return ends;
}

function bestPath(scenario: TScenario): EngineState {
  let state = startScenario(scenario);
  while (state.status === "running") {
    const node = scenario.nodes.find((n) => n.id === state.nodeId)!;
    let event: { type: "advance" } | { type: "choose"; optionId: string } = { type: "advance" };
    if (node.type === "decision") {
      const available = node.options.filter((o) => describeOptions(scenario, state).find((v) => v.id === o.id)?.available);
      const best = available.reduce((a, b) => (optionTotal(b) > optionTotal(a) ? b : a));
      event = { type: "choose", optionId: best.id };
    }
    const result = applyEvent(scenario, state, event);
    if (!result.ok) throw new Error(result.error.message);
    state = result.state;
  }
  return state;
}

const withClocks = bundledScenarioFiles()
  .map((file) => ({ name: path.basename(file), scenario: lintScenarioText(readFileSync(file, "utf8")).scenario }))
  .filter((s): s is { name: string; scenario: TScenario } => (s.scenario?.clocks.length ?? 0) > 0);

describe("clocks in the bundled library", () => {
  it("has scenarios with clocks in both languages", () => {
    expect(withClocks.length).toBeGreaterThanOrEqual(8);
    expect(new Set(withClocks.map((s) => s.scenario.locale))).toEqual(new Set(["en", "pl"]));
  });

  for (const { name, scenario } of withClocks) {
    it(`${name}: some path misses a clock, and the best path with prompt, complete notices meets every started clock`, () => {
      const missed = endStates(scenario).some((state) => {
        const timeline = storyTimeline(scenario, state.history);
        return evaluateClocks(scenario, { events: timeline.events, submissions: [], now: timeline.stepsAt, ended: true }).some((r) => r.status === "breached");
      });
      expect(missed, "no path runs past a clock's deadline").toBe(true);

      const best = bestPath(scenario);
      const timeline = storyTimeline(scenario, best.history);
      const submissions: NoticeSubmission[] = [];
      // Notices go out in clock order, so chained clocks (completed: task) start from them.
      for (const clock of scenario.clocks) {
        const task = noticeTaskOf(scenario, clock.id)!;
        const [result] = evaluateClocks({ ...scenario, clocks: [clock] }, { events: timeline.events, submissions, now: timeline.stepsAt });
        if (result.startedAt === null) continue;
        const opens = task.opensAt ? timeline.events.find((e) => e.kind === "reached" && e.nodeId === task.opensAt)?.at : result.startedAt;
        expect(opens, `notice ${task.id} never opens on the best path`).toBeDefined();
        const regime = isRegimeId(clock.regime) ? REGIMES[clock.regime] : undefined;
        const fields = Object.fromEntries((regime?.fields ?? []).map((f) => [f, "filled in"]));
        submissions.push({ taskId: task.id, at: Math.max(opens!, result.startedAt), fields });
      }
      const results = evaluateClocks(scenario, { events: timeline.events, submissions, now: timeline.stepsAt, ended: true });
      const started = results.filter((r) => r.startedAt !== null);
      expect(started.length).toBeGreaterThan(0);
      for (const r of started) expect(r, `clock ${r.clockId}`).toMatchObject({ timeliness: "on-time", missingFields: [] });
    });
  }
});

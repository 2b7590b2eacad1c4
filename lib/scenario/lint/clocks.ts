// Clock, task and decision-rights checks (format 1.1), on a scenario that matched the schema:
// regimes exist, deadlines are set exactly where the law leaves them to the scenario, every
// trigger can fire on some path, notices offer the regime's fields, owners are declared
// roles, and (by walking the graph in fictional time) whether a clock can be missed at all or
// can never be met.
import { addDuration, parseLocal } from "../../scoring/deadlines";
import { elapseOf } from "../../scoring/story-time";
import { REGIMES, REGIME_IDS, isRegimeId } from "../regimes";
import type { TTrigger } from "../clock-schema";
import type { TScenario } from "../schema";
import { finding, type Finding, type Path } from "./rules";
import { didYouMean, knownList } from "./util";

/** Paths walked before the timing warnings give up (a node is entered at most twice per path). */
const MAX_PATHS = 20_000;

export function checkClocks(scenario: TScenario, out: Finding[]): void {
  const roles = new Set(scenario.roles.map((r) => r.id));
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const reachable = reachableNodes(scenario);
  const tasks = new Map(scenario.tasks.map((t) => [t.id, t]));
  const clocks = new Map(scenario.clocks.map((c) => [c.id, c]));

  scenario.nodes.forEach((node, i) => {
    if (node.type !== "decision") return;
    for (const key of ["owner", "consult"] as const) {
      node[key]?.forEach((role, r) => {
        if (!roles.has(role)) {
          out.push(finding("UNDECLARED_OWNER", ["nodes", i, key, r], `${key} of decision "${node.id}" names role "${role}", which is not declared; ${didYouMean(role, roles)}declare it under "roles" or use one of: ${knownList(roles)}`));
        }
      });
    }
  });

  if (scenario.clocks.length > 0 && !scenario.exerciseTime) {
    out.push(finding("CLOCK_SETUP", ["clocks"], 'clocks need the story\'s time: add "exerciseTime" with a start, a timeZone and minutes per inject or decision'));
  }
  if ((scenario.clocks.length > 0 || scenario.tasks.length > 0) && scenario.schemaVersion !== 1.1) {
    out.push(finding("CLOCK_SETUP", ["schemaVersion"], 'clocks and tasks are format 1.1: set "schemaVersion": 1.1'));
  }

  // Whether a trigger can fire on some path; `seen` stops chains of tasks that start each other.
  const canFire = (trigger: TTrigger, seen: Set<string> = new Set()): string | null => {
    if ("manual" in trigger) return null;
    if ("reached" in trigger) {
      if (!nodes.has(trigger.reached)) return `names node "${trigger.reached}", which does not exist`;
      return reachable.has(trigger.reached) ? null : `node "${trigger.reached}" cannot be reached from start`;
    }
    if ("chose" in trigger) {
      const dot = trigger.chose.lastIndexOf(".");
      const [decisionId, optionId] = [trigger.chose.slice(0, dot), trigger.chose.slice(dot + 1)];
      const node = nodes.get(decisionId);
      if (node?.type !== "decision") return `names decision "${decisionId}", which does not exist`;
      if (!node.options.some((o) => o.id === optionId)) return `decision "${decisionId}" has no option "${optionId}"`;
      return reachable.has(decisionId) ? null : `decision "${decisionId}" cannot be reached from start`;
    }
    const task = tasks.get(trigger.completed);
    if (!task) return `names task "${trigger.completed}", which does not exist`;
    if (seen.has(task.id)) return `task "${task.id}" can only be completed after itself`;
    seen.add(task.id);
    if (task.kind === "determination") return canFire(task.completedBy as TTrigger, seen);
    const clock = clocks.get(task.clock);
    if (!clock) return `task "${task.id}" stops clock "${task.clock}", which does not exist`;
    const why = canFire(clock.start, seen);
    return why === null ? null : `task "${task.id}" opens only when clock "${clock.id}" starts, and its start ${why}`;
  };

  scenario.clocks.forEach((clock, i) => {
    const at: Path = ["clocks", i];
    if (!isRegimeId(clock.regime)) {
      out.push(finding("UNKNOWN_REGIME", [...at, "regime"], `regime "${clock.regime}" is not known; ${didYouMean(clock.regime, REGIME_IDS)}use one of: ${REGIME_IDS.join(", ")}`));
      return;
    }
    const regime = REGIMES[clock.regime];
    if (regime.deadline === "declared" && !clock.deadline) {
      out.push(finding("CLOCK_SETUP", at, `the law sets no fixed deadline for ${clock.regime} (${regime.law}); state the one the scenario assumes in "deadline" and its source in "deadlineBasis"`));
    }
    if (regime.deadline !== "declared" && clock.deadline) {
      out.push(finding("CLOCK_SETUP", [...at, "deadline"], `${clock.regime} has a statutory deadline (${regime.law}); remove "deadline"`));
    }
    if (Boolean(clock.awareness) !== Boolean("capAfterAwareness" in regime && regime.capAfterAwareness)) {
      out.push(finding("CLOCK_SETUP", [...at, "awareness"], clock.awareness ? `"awareness" applies only to dora-initial; remove it` : `${clock.regime} is also due 24 hours after awareness: add an "awareness" trigger`));
    }
    for (const key of ["start", "awareness"] as const) {
      const trigger = clock[key];
      const why = trigger ? canFire(trigger) : null;
      if (why) out.push(finding("TRIGGER_NEVER_FIRES", [...at, key], `the ${key} trigger of clock "${clock.id}" can never fire: it ${why}`));
    }
    clock.capabilities.forEach((id, c) => {
      if (!scenario.capabilities.some((cap) => cap.id === id)) out.push(finding("DANGLING_REF", [...at, "capabilities", c], `clock "${clock.id}" scores capability "${id}", which is not declared`));
    });
    if (!scenario.tasks.some((t) => t.kind === "notification" && t.clock === clock.id)) {
      out.push(finding("CLOCK_SETUP", at, `clock "${clock.id}" has no notification task; add a task with "kind": "notification" and "clock": "${clock.id}"`));
    }
  });

  scenario.tasks.forEach((task, i) => {
    const at: Path = ["tasks", i];
    if (task.opensAt && !nodes.has(task.opensAt)) out.push(finding("DANGLING_REF", [...at, "opensAt"], `task "${task.id}" opens at node "${task.opensAt}", which does not exist`));
    if (task.kind === "determination") {
      const why = canFire(task.completedBy as TTrigger);
      if (why) out.push(finding("TRIGGER_NEVER_FIRES", [...at, "completedBy"], `determination "${task.id}" can never be completed: it ${why}`));
      return;
    }
    if (task.submitter && !roles.has(task.submitter)) {
      out.push(finding("UNDECLARED_OWNER", [...at, "submitter"], `submitter of task "${task.id}" names role "${task.submitter}", which is not declared; use one of: ${knownList(roles)}`));
    }
    const clock = clocks.get(task.clock);
    if (!clock) {
      out.push(finding("DANGLING_REF", [...at, "clock"], `task "${task.id}" stops clock "${task.clock}", which does not exist; known clocks: ${knownList(clocks.keys())}`));
      return;
    }
    if (!isRegimeId(clock.regime)) return;
    const regime = REGIMES[clock.regime];
    const offered = new Set(task.fields.map((f) => f.id));
    const required = [...regime.fields, ...("lateField" in regime && regime.lateField ? [regime.lateField] : [])];
    for (const field of required) {
      if (!offered.has(field)) {
        out.push(finding("NOTICE_FIELD_MISSING", [...at, "fields"], `notice "${task.id}" (${clock.regime}, ${regime.law}) must offer field "${field}"; add {"id": "${field}", "label": …}`));
      }
    }
  });

  if (scenario.exerciseTime && scenario.clocks.length > 0) checkTiming(scenario, out);
}

function reachableNodes(scenario: TScenario): Set<string> {
  const seen = new Set<string>([scenario.start]);
  const queue = [scenario.start];
  while (queue.length) for (const next of successors(scenario, queue.shift()!)) if (!seen.has(next)) (seen.add(next), queue.push(next));
  return seen;
}

function successors(scenario: TScenario, id: string): string[] {
  const node = scenario.nodes.find((n) => n.id === id);
  if (!node) return [];
  if (node.type === "inject") return [node.next];
  if (node.type === "branch") return [...node.cases.map((c) => c.next), node.else];
  if (node.type === "decision") return [...node.options.map((o) => o.next), ...(node.onTimeout ? [node.onTimeout.next] : [])];
  return [];
}

/**
 * Walks every path (each node at most twice) in fictional time and, for each clock started by
 * the story, asks: does some path run past its deadline (else it can never be missed), and
 * does every path open the notice only after it (else it can always be met)? The walk keeps
 * the first time each node and option was reached on the current path, so each finished path
 * is judged without copying it.
 */
function checkTiming(scenario: TScenario, out: Finding[]): void {
  const time = scenario.exerciseTime!;
  const rules = { timeZone: time.timeZone, holidays: time.holidays };
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  const firstAt = new Map<string, number>(); // "node" or "node.option" → fictional time
  const visits = new Map<string, number>();
  const judged = scenario.clocks.map((clock) => ({
    clock,
    regime: isRegimeId(clock.regime) ? REGIMES[clock.regime] : undefined,
    task: scenario.tasks.find((t) => t.kind === "notification" && t.clock === clock.id),
    deadlines: new Map<string, number>(),
    started: 0,
    expires: 0,
    unmeetable: 0,
  }));
  let paths = 0;
  const minutes = new Map<string, number>();
  for (const n of scenario.nodes) {
    minutes.set(n.id, elapseOf(scenario, n.id) * 60_000);
    if (n.type === "decision") for (const o of n.options) minutes.set(`${n.id}.${o.id}`, elapseOf(scenario, n.id, o.id) * 60_000);
  }
  const nextOf = new Map(scenario.nodes.map((n) => [n.id, successors(scenario, n.id)]));

  const fired = (trigger: TTrigger | undefined): number | null => {
    if (!trigger) return null;
    if ("reached" in trigger) return firstAt.get(trigger.reached) ?? null;
    if ("chose" in trigger) return firstAt.get(trigger.chose) ?? null;
    if ("completed" in trigger) {
      const task = scenario.tasks.find((t) => t.id === trigger.completed);
      return task?.kind === "determination" ? fired(task.completedBy as TTrigger) : null;
    }
    return null;
  };
  const judgePath = (endAt: number) => {
    for (const j of judged) {
      const { regime, clock } = j;
      const span = regime ? (regime.deadline === "declared" ? clock.deadline : regime.deadline) : undefined;
      if (!regime || !span) continue;
      const begin = fired(clock.start);
      const aware = fired(clock.awareness);
      if (begin === null && aware === null) continue;
      // Many paths share a start time; the calendar arithmetic is the costly part.
      const key = `${begin}:${aware}`;
      let deadline = j.deadlines.get(key);
      if (deadline === undefined) {
        const candidates = [
          ...(begin !== null ? [addDuration(begin, span, rules)] : []),
          ...(aware !== null && "capAfterAwareness" in regime ? [addDuration(aware, regime.capAfterAwareness, rules)] : []),
        ];
        deadline = Math.min(...candidates);
        j.deadlines.set(key, deadline);
      }
      j.started++;
      if (endAt > deadline) j.expires++;
      const opens = j.task?.opensAt ? firstAt.get(j.task.opensAt) : Math.min(begin ?? Infinity, aware ?? Infinity);
      if (opens === undefined || opens > deadline) j.unmeetable++;
    }
  };
  const mark = (key: string, at: number) => {
    if (firstAt.has(key)) return false;
    firstAt.set(key, at);
    return true;
  };
  const walk = (id: string, at: number) => {
    if (paths > MAX_PATHS) return;
    const count = visits.get(id) ?? 0;
    const node = byId.get(id);
    if (count >= 2 || !node) return;
    visits.set(id, count + 1);
    const marked = mark(id, at);
    if (node.type === "end") {
      paths++;
      judgePath(at);
    } else if (node.type === "decision") {
      for (const o of node.options) {
        const choice = `${id}.${o.id}`;
        const chosenAt = at + minutes.get(choice)!;
        const markedChoice = mark(choice, chosenAt);
        walk(o.next, chosenAt);
        if (markedChoice) firstAt.delete(choice);
      }
      if (node.onTimeout) walk(node.onTimeout.next, at + minutes.get(id)!);
    } else {
      const leave = at + minutes.get(id)!;
      for (const next of nextOf.get(id)!) walk(next, leave);
    }
    if (marked) firstAt.delete(id);
    visits.set(id, count);
  };
  walk(scenario.start, parseLocal(time.start, time.timeZone));
  if (paths > MAX_PATHS) return;

  scenario.clocks.forEach((clock, i) => {
    const { started, expires, unmeetable } = judged[i];
    // Clocks started by a notice or by hand depend on the live run; nothing to judge here.
    if (started === 0) return;
    if (expires === 0 && !time.compression) {
      out.push(finding("CLOCK_NEVER_EXPIRES", ["clocks", i], `on no path does the story run past the deadline of clock "${clock.id}", so a team cannot miss it; let more fictional time pass (elapseMinutes) after it starts`));
    }
    if (unmeetable === started) {
      out.push(finding("CLOCK_ALWAYS_EXPIRES", ["clocks", i], `on every path the notice for clock "${clock.id}" opens only after its deadline, so no team can be on time; open the task earlier ("opensAt")`));
    }
  });
}

// The benchmark's scenario (bench-drill.json) as the benchmark walks it: the start, one
// fan-out round per advance through its chain of injects, then the decision everyone
// votes on. Read from the file, so adding injects adds rounds.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_SCENARIO = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench-drill.json");

type Node = { id: string; type: string; next?: string; options?: Array<{ id: string }> };
const scenario = JSON.parse(fs.readFileSync(BENCH_SCENARIO, "utf8")) as { start: string; nodes: Node[] };
const byId = new Map(scenario.nodes.map((n) => [n.id, n]));

function walk(): { rounds: string[]; decision: Node } {
  const rounds: string[] = [];
  let node = byId.get(scenario.start);
  while (node?.type === "inject" && node.next) {
    node = byId.get(node.next);
    if (node) rounds.push(node.id);
  }
  if (node?.type !== "decision") throw new Error(`${BENCH_SCENARIO}: the chain of injects from the start must end at a decision`);
  return { rounds, decision: node };
}

const walked = walk();

/** Where every team starts. */
export const FIRST_NODE = scenario.start;
/** The injects after the first, in order, then the decision: one fan-out round each. */
export const ROUND_NODES = walked.rounds;
/** The decision, with a long timer so votes are never cut off by it. */
export const DECISION = { nodeId: walked.decision.id, visit: 1, optionIds: (walked.decision.options ?? []).map((o) => o.id) };

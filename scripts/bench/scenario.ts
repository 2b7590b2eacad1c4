// The benchmark's scenario (bench-drill.json) as the benchmark walks it: the start, one
// fan-out round per advance, and the decision every participant votes on.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_SCENARIO = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench-drill.json");
/** Where every team starts. */
export const FIRST_NODE = "alert";
/** The injects after the first, in order, then the decision: one fan-out round each. */
export const ROUND_NODES = ["scope", "press", "vendor", "exec", "evidence", "contain"];
/** The decision, with a long timer so votes are never cut off by it. */
export const DECISION = { nodeId: "contain", visit: 1, optionIds: ["isolate", "wait"] };

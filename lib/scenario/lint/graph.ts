// Graph checks: the start exists, an end exists, every node is reachable from start and
// every reachable node can still reach an end (loops with an exit are fine).
import { NODE_TYPES } from "../schema";
import { finding, type Finding } from "./rules";
import { didYouMean, isObj, knownList, stringOf, type Declared, type Obj } from "./util";

export function checkGraph(
  root: Obj,
  nodes: unknown[],
  nodeIndex: Declared,
  edges: number[][],
  dangling: ReadonlySet<number>,
  brokenNodes: ReadonlySet<number>,
  out: Finding[],
) {
  if (!Array.isArray(root.nodes)) return;
  const typeOf = (i: number) => (isObj(nodes[i]) ? (nodes[i] as Obj).type : undefined);
  const idOf = (i: number) => String(isObj(nodes[i]) ? ((nodes[i] as Obj).id ?? i) : i);
  const hasEnd = nodes.some((_, i) => typeOf(i) === "end");
  if (!hasEnd) {
    out.push(finding("NO_END", ["nodes"], 'the scenario has no end node; add a node with "type": "end" and lead at least one path to it'));
  }

  const start = stringOf(root.start);
  if (start === undefined) return;
  const startIndex = nodeIndex.ids.get(start);
  if (startIndex === undefined) {
    out.push(
      finding(
        "MISSING_START",
        ["start"],
        `start names node "${start}", which does not exist; ${didYouMean(start, nodeIndex.ids.keys())}set it to one of: ${knownList(nodeIndex.ids.keys())}`,
      ),
    );
    return;
  }

  const reachable = new Set<number>([startIndex]);
  const queue = [startIndex];
  while (queue.length) {
    for (const to of edges[queue.shift()!]) {
      if (!reachable.has(to)) {
        reachable.add(to);
        queue.push(to);
      }
    }
  }
  // A reachable node with schema errors may have lost edges (e.g. a misspelt `next`),
  // so "unreachable" would be a guess; the SCHEMA finding comes first.
  const judgeable = ![...reachable].some((i) => brokenNodes.has(i));
  nodes.forEach((node, i) => {
    if (judgeable && isObj(node) && !reachable.has(i)) {
      out.push(
        finding("UNREACHABLE", ["nodes", i], `node "${idOf(i)}" cannot be reached from start "${start}"; lead a next, option or case to it, or remove it`),
      );
    }
  });
  if (!hasEnd) return;

  // Nodes that can reach an end, found backwards from the ends. Nodes we cannot judge
  // (schema errors, unknown type, a dangling target) count as reaching one, so a single
  // mistake is reported once instead of cascading up the graph.
  const incoming: number[][] = nodes.map(() => []);
  edges.forEach((targets, from) => targets.forEach((to) => incoming[to].push(from)));
  const canEnd = new Set<number>();
  const pending: number[] = [];
  nodes.forEach((_, i) => {
    const type = typeOf(i);
    const unknownType = typeof type !== "string" || !(NODE_TYPES as readonly string[]).includes(type);
    if (type === "end" || unknownType || brokenNodes.has(i) || dangling.has(i)) {
      canEnd.add(i);
      pending.push(i);
    }
  });
  while (pending.length) {
    for (const from of incoming[pending.pop()!]) {
      if (!canEnd.has(from)) {
        canEnd.add(from);
        pending.push(from);
      }
    }
  }
  for (const i of [...reachable].sort((a, b) => a - b)) {
    if (canEnd.has(i)) continue;
    const trapped = new Set<number>([i]);
    const walk = [i];
    while (walk.length) {
      for (const to of edges[walk.pop()!]) {
        if (!trapped.has(to)) {
          trapped.add(to);
          walk.push(to);
        }
      }
    }
    const loop = knownList([...trapped].map(idOf));
    out.push(
      finding(
        "NO_PATH_TO_END",
        ["nodes", i],
        `no end can be reached from node "${idOf(i)}": every path from it stays among ${loop}; give one of them an option, case or next that leads towards an end`,
      ),
    );
  }
}

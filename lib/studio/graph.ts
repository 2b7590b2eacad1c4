// The studio's document ↔ graph mapping: one canvas node per scenario node and one edge per
// outgoing reference (next, each option, onTimeout, each branch case, else), each edge
// leaving from its own handle so it can be reconnected. graphToDocument writes positions
// back into `editor` fields and edges back into references; nothing else changes, so a
// round trip without edits returns the same document apart from editor fields.
import dagre from "@dagrejs/dagre";
import {
  isObject,
  nodeId,
  nodesOf,
  editorPosition,
  parseSlotKey,
  slotKey,
  slotsOf,
  update,
  writeSlot,
  type LooseNode,
  type Point,
  type Slot,
  type StudioDoc,
} from "./document";

export const STUDIO_NODE_WIDTH = 230;
export const STUDIO_NODE_HEIGHT = 86;

export type StudioGraphNode = {
  id: string;
  /** Position of the node in `doc.nodes`: ids may be duplicated or empty in a draft. */
  index: number;
  type: string;
  title: string;
  isStart: boolean;
  position: Point;
  /** Outgoing handles in document order, with what they are called on the canvas. */
  handles: Array<{ key: string; slot: Slot; label: string | null }>;
};

export type StudioGraphEdge = {
  id: string;
  source: string;
  target: string;
  /** The slot key (see slotKey) of the reference this edge stands for. */
  sourceHandle: string;
  kind: Slot["kind"];
  label: string | null;
};

export type StudioGraph = { nodes: StudioGraphNode[]; edges: StudioGraphEdge[] };

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function plain(markdown: string): string {
  return markdown.replace(/[*_`#>~[\]()!]/g, "").replace(/\s+/g, " ").trim();
}

export function nodeTitle(node: LooseNode): string {
  switch (node.type) {
    case "inject":
    case "end":
      return str(node.title);
    case "decision":
      return str(node.title) || plain(str(node.prompt));
    case "branch": {
      const cases = Array.isArray(node.cases) ? node.cases.length : 0;
      return `${cases} × case + else`;
    }
    default:
      return "";
  }
}

/** Canvas id of a node: its scenario id, or a stand-in while a draft has it empty or duplicated. */
function canvasIds(nodes: LooseNode[]): string[] {
  const seen = new Set<string>();
  return nodes.map((node, i) => {
    const id = nodeId(node);
    const canvasId = id && !seen.has(id) ? id : `#${i}`;
    seen.add(canvasId);
    return canvasId;
  });
}

/** Top-left positions from dagre, top to bottom, for every node. */
export function autoLayout(doc: StudioDoc): Record<string, Point> {
  const nodes = nodesOf(doc);
  const ids = canvasIds(nodes);
  const known = new Set(ids);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 110, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  ids.forEach((id) => g.setNode(id, { width: STUDIO_NODE_WIDTH, height: STUDIO_NODE_HEIGHT }));
  nodes.forEach((node, i) => {
    for (const { slot, target } of slotsOf(node)) if (known.has(target)) g.setEdge(ids[i], target, {}, slotKey(slot));
  });
  dagre.layout(g);
  const out: Record<string, Point> = {};
  ids.forEach((id) => {
    const laid = g.node(id) as { x: number; y: number };
    out[id] = { x: Math.round(laid.x - STUDIO_NODE_WIDTH / 2), y: Math.round(laid.y - STUDIO_NODE_HEIGHT / 2) };
  });
  return out;
}

/** Document → graph. Nodes without an editor position are placed by dagre. */
export function documentToGraph(doc: StudioDoc): StudioGraph {
  const nodes = nodesOf(doc);
  const ids = canvasIds(nodes);
  const known = new Set(ids);
  const needsLayout = nodes.some((n) => !editorPosition(n));
  const laid = needsLayout ? autoLayout(doc) : {};
  const graphNodes: StudioGraphNode[] = nodes.map((node, index) => ({
    id: ids[index],
    index,
    type: str(node.type),
    title: nodeTitle(node),
    isStart: doc.start === nodeId(node) && nodeId(node) !== "",
    position: editorPosition(node) ?? laid[ids[index]] ?? { x: 0, y: 0 },
    handles: slotsOf(node).map(({ slot, label }) => ({ key: slotKey(slot), slot, label })),
  }));
  const edges: StudioGraphEdge[] = [];
  nodes.forEach((node, i) => {
    for (const { slot, target, label } of slotsOf(node)) {
      // A reference to a node that does not exist has nowhere to go: the linter shows it.
      if (!known.has(target) || target.startsWith("#")) continue;
      const key = slotKey(slot);
      edges.push({ id: `${ids[i]}→${key}`, source: ids[i], target, sourceHandle: key, kind: slot.kind, label });
    }
  });
  return { nodes: graphNodes, edges };
}

/**
 * Graph → document: positions become `editor` fields, edges become references. A slot with
 * no edge keeps a reference to a node that does not exist (it could not be drawn) and is
 * cleared otherwise (the author removed the edge). Nodes missing from the graph are removed.
 */
export function graphToDocument(doc: StudioDoc, graph: Pick<StudioGraph, "nodes" | "edges">): StudioDoc {
  return update(doc, (d) => {
    const nodes = nodesOf(d);
    const ids = canvasIds(nodes);
    const byCanvasId = new Map(graph.nodes.map((n) => [n.id, n]));
    const known = new Set(ids);
    const edgeBySlot = new Map(graph.edges.map((e) => [`${e.source} ${e.sourceHandle}`, e.target]));
    const kept: unknown[] = [];
    nodes.forEach((node, i) => {
      const drawn = byCanvasId.get(ids[i]);
      if (!drawn) return;
      node.editor = { x: Math.round(drawn.position.x), y: Math.round(drawn.position.y) };
      for (const { slot, target } of slotsOf(node)) {
        const drawnTarget = edgeBySlot.get(`${ids[i]} ${slotKey(slot)}`);
        if (drawnTarget !== undefined) writeSlot(node, slot, drawnTarget);
        else if (known.has(target)) writeSlot(node, slot, "");
      }
      kept.push(node);
    });
    if (Array.isArray(d.nodes)) d.nodes = [...kept, ...d.nodes.filter((n) => !isObject(n))];
  });
}


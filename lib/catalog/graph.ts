// The scenario graph as the catalogue draws it: one box per node, one arrow per pair of
// connected nodes (listing every option, timeout or case that leads along it), laid out
// top-to-bottom by dagre unless the author placed every node in the visual editor.
// Pure and serialisable, so the server computes the layout and the browser only draws it.
import dagre from "@dagrejs/dagre";
import type { TNode, TNodeType, TOutcome, TScenario } from "@/lib/scenario";
import { conditionLabel, ENGLISH_CONDITION_WORDS, type ConditionVocabulary } from "@/lib/scenario/condition-words";

export type Point = { x: number; y: number };

export type TransitionKind = "next" | "option" | "timeout" | "case" | "else";

/** One way from a node to another: an inject's `next`, a decision option, a timeout, a branch case or `else`. */
export type Transition = { source: string; target: string; kind: TransitionKind; label: string | null };

export type GraphNode = {
  id: string;
  type: TNodeType;
  /** "Inject", "Decision", "Branch", "End". */
  heading: string;
  title: string;
  /** A short second line, e.g. "3 options · 5 min limit". */
  meta: string | null;
  /** Lines the title and meta are given (and clamped to); the box height is computed from them. */
  titleLines: number;
  metaLines: number;
  outcome: TOutcome | null;
  isStart: boolean;
  /** Top-left corner, in flow coordinates. */
  position: Point;
  width: number;
  height: number;
};

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  /** `lines`: how many lines the label is given in the label box (and clamped to). */
  transitions: Array<{ kind: TransitionKind; label: string | null; lines: number }>;
  /** Drawn dashed when the only way along it is a timeout. */
  dashed: boolean;
  /** dagre's route (node border to node border); null when the author's positions are used. */
  points: Point[] | null;
  /** Centre of the label box; null when there is nothing to label or no route. */
  labelPosition: Point | null;
  labelWidth: number;
  labelHeight: number;
};

export type Rect = { x: number; y: number; width: number; height: number };

export type ScenarioGraph = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: "auto" | "editor";
  /** Everything that is drawn, edge labels included: what the view is fitted to. */
  bounds: Rect;
};

export const NODE_WIDTH = 220;
export const EDGE_LABEL_MAX_WIDTH = 210;
// Text is not measured (the layout runs on the server), so line counts are estimated
// conservatively from character counts and the boxes clamp their text to those lines.
const NODE_PADDING_Y = 22; // top + bottom padding and borders of the node box
const NODE_HEADER = 20; // the "Decision · id" line
const NODE_LINE = 18; // one line of 13px title text
const NODE_TITLE_CHARS_PER_LINE = 24;
const NODE_TITLE_MAX_LINES = 4;
const NODE_META_LINE = 16; // one line of 11.5px meta text
const NODE_META_CHARS_PER_LINE = 30;
const NODE_META_MAX_LINES = 2;
const LABEL_LINE = 16; // one line of 12px label text
const LABEL_CHAR_WIDTH = 7.4; // 12px text, wide enough for the monospace "case N"
const LABEL_CHARS_PER_LINE = 28;
const LABEL_MAX_LINES = 3;
const LABEL_PADDING_Y = 8;
const LABEL_PADDING_X = 8 + 14; // the label box and one item's padding and border
const LABEL_GAP = 4;
const LABEL_ITEM_BORDER = 2;

/** The words a graph is drawn with; the page passes its interface language's (lengths feed the layout). */
export type GraphLabels = {
  heading: Record<TNodeType, string>;
  media(n: number): string;
  questions(n: number): string;
  options(n: number): string;
  limit(seconds: number): string;
  decidedBy(role: string): string;
  conditions(n: number): string;
  onTimeout: string;
  /** Words for branch conditions ("if evidence preserved"): lib/scenario/condition-words.ts. */
  condition: ConditionVocabulary;
  otherwise: string;
};

export const ENGLISH_GRAPH_LABELS: GraphLabels = {
  heading: { inject: "Inject", decision: "Decision", branch: "Branch", end: "End" },
  media: (n) => `${n} media`,
  questions: (n) => count(n, "question"),
  options: (n) => count(n, "option"),
  limit: (seconds) => (seconds % 60 === 0 ? `${seconds / 60} min limit` : `${seconds} s limit`),
  decidedBy: (role) => `decided by ${role}`,
  conditions: (n) => `${count(n, "condition")} + else`,
  onTimeout: "on timeout",
  condition: ENGLISH_CONDITION_WORDS,
  otherwise: "otherwise",
};

/** Every transition of the scenario, in document order; references to unknown nodes are skipped. */
export function scenarioTransitions(scenario: Pick<TScenario, "nodes">, labels: GraphLabels = ENGLISH_GRAPH_LABELS): Transition[] {
  const known = new Set(scenario.nodes.map((n) => n.id));
  const out: Transition[] = [];
  const add = (source: string, target: string, kind: TransitionKind, label: string | null) => {
    if (known.has(target)) out.push({ source, target, kind, label });
  };
  for (const node of scenario.nodes) {
    switch (node.type) {
      case "inject":
        add(node.id, node.next, "next", null);
        break;
      case "decision":
        for (const option of node.options) add(node.id, option.next, "option", option.label);
        if (node.onTimeout) add(node.id, node.onTimeout.next, "timeout", labels.onTimeout);
        break;
      case "branch":
        for (const c of node.cases) add(node.id, c.next, "case", conditionLabel(c.when, scenario.nodes, labels.condition));
        add(node.id, node.else, "else", labels.otherwise);
        break;
      case "end":
        break;
    }
  }
  return out;
}

/** Collapses markdown to one plain line: enough to recognise a prompt in a small box. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`#>~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function describeNode(node: TNode, labels: GraphLabels): { title: string; meta: string | null; outcome: TOutcome | null } {
  switch (node.type) {
    case "inject": {
      const extras = [node.media?.length ? labels.media(node.media.length) : null, node.questions?.length ? labels.questions(node.questions.length) : null];
      return { title: node.title, meta: extras.filter(Boolean).join(" · ") || null, outcome: null };
    }
    case "decision": {
      const parts = [labels.options(node.options.length)];
      if (node.timeLimitSeconds) parts.push(labels.limit(node.timeLimitSeconds));
      if (node.decidedBy && node.decidedBy !== "team-vote") parts.push(labels.decidedBy(node.decidedBy));
      return { title: node.title || plainText(node.prompt) || node.id, meta: parts.join(" · "), outcome: null };
    }
    case "branch":
      return { title: labels.conditions(node.cases.length), meta: null, outcome: null };
    case "end":
      return { title: node.title, meta: null, outcome: node.outcome };
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function wrappedLines(text: string, charsPerLine: number, maxLines: number): number {
  return Math.min(maxLines, Math.max(1, Math.ceil(text.length / charsPerLine)));
}

function labelHeight(transitions: GraphEdge["transitions"]): number {
  const items = transitions.filter((t) => t.label).map((t) => t.lines * LABEL_LINE + LABEL_ITEM_BORDER);
  if (items.length === 0) return 0;
  return LABEL_PADDING_Y + items.reduce((a, b) => a + b, 0) + (items.length - 1) * LABEL_GAP;
}

/** Groups transitions by (source, target): parallel arrows would be drawn on top of each other. */
function groupEdges(transitions: Transition[]): GraphEdge[] {
  const byPair = new Map<string, GraphEdge>();
  for (const t of transitions) {
    const key = JSON.stringify([t.source, t.target]);
    let edge = byPair.get(key);
    if (!edge) {
      edge = { id: `e${byPair.size}`, source: t.source, target: t.target, transitions: [], dashed: false, points: null, labelPosition: null, labelWidth: 0, labelHeight: 0 };
      byPair.set(key, edge);
    }
    edge.transitions.push({ kind: t.kind, label: t.label, lines: t.label ? wrappedLines(t.label, LABEL_CHARS_PER_LINE, LABEL_MAX_LINES) : 0 });
  }
  for (const edge of byPair.values()) {
    edge.dashed = edge.transitions.every((t) => t.kind === "timeout");
    edge.labelHeight = labelHeight(edge.transitions);
    const longest = Math.max(0, ...edge.transitions.map((t) => t.label?.length ?? 0));
    edge.labelWidth = !edge.labelHeight ? 0 : longest > LABEL_CHARS_PER_LINE ? EDGE_LABEL_MAX_WIDTH : Math.min(EDGE_LABEL_MAX_WIDTH, Math.ceil(longest * LABEL_CHAR_WIDTH + LABEL_PADDING_X));
  }
  return [...byPair.values()];
}

/** Builds the drawable graph; positions come from `editor` when every node has one, from dagre otherwise. */
export function buildScenarioGraph(scenario: Pick<TScenario, "nodes" | "start">, labels: GraphLabels = ENGLISH_GRAPH_LABELS): ScenarioGraph {
  const nodes: GraphNode[] = scenario.nodes.map((node) => {
    const { title, meta, outcome } = describeNode(node, labels);
    const titleLines = wrappedLines(title, NODE_TITLE_CHARS_PER_LINE, NODE_TITLE_MAX_LINES);
    const metaLines = meta ? wrappedLines(meta, NODE_META_CHARS_PER_LINE, NODE_META_MAX_LINES) : 0;
    return {
      id: node.id,
      type: node.type,
      heading: labels.heading[node.type],
      title,
      meta,
      titleLines,
      metaLines,
      outcome,
      isStart: node.id === scenario.start,
      position: { x: 0, y: 0 },
      width: NODE_WIDTH,
      height: NODE_PADDING_Y + NODE_HEADER + titleLines * NODE_LINE + metaLines * NODE_META_LINE,
    };
  });
  const edges = groupEdges(scenarioTransitions(scenario, labels));

  // A partial set of editor positions (some nodes placed, others not) cannot be mixed with
  // dagre's coordinates without overlaps, so it is all or nothing.
  const placed = scenario.nodes.every((n) => n.editor);
  if (placed) {
    scenario.nodes.forEach((n, i) => (nodes[i].position = { x: n.editor!.x, y: n.editor!.y }));
    return { nodes, edges, layout: "editor", bounds: nodeBounds(nodes) };
  }

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: 48, edgesep: 16, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) g.setEdge(e.source, e.target, { width: e.labelWidth, height: e.labelHeight, labelpos: "c" });
  dagre.layout(g);

  for (const n of nodes) {
    const laid = g.node(n.id) as { x: number; y: number };
    n.position = { x: laid.x - n.width / 2, y: laid.y - n.height / 2 };
  }
  for (const e of edges) {
    const laid = g.edge(e.source, e.target) as { points?: Point[]; x?: number; y?: number };
    e.points = laid.points?.map((p) => ({ x: p.x, y: p.y })) ?? null;
    e.labelPosition = e.labelHeight > 0 && laid.x !== undefined && laid.y !== undefined ? { x: laid.x, y: laid.y } : null;
  }
  // dagre's size covers nodes, routes and labels, plus the margins, from (0, 0).
  const graph = g.graph() as { width?: number; height?: number };
  const fallback = nodeBounds(nodes);
  return { nodes, edges, layout: "auto", bounds: { x: 0, y: 0, width: graph.width ?? fallback.width, height: graph.height ?? fallback.height } };
}

const EDITOR_MARGIN = 16;

function nodeBounds(nodes: GraphNode[]): Rect {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const xs = nodes.flatMap((n) => [n.position.x, n.position.x + n.width]);
  const ys = nodes.flatMap((n) => [n.position.y, n.position.y + n.height]);
  const [x, y] = [Math.min(...xs) - EDITOR_MARGIN, Math.min(...ys) - EDITOR_MARGIN];
  return { x, y, width: Math.max(...xs) + EDITOR_MARGIN - x, height: Math.max(...ys) + EDITOR_MARGIN - y };
}

/**
 * SVG path through dagre's route points as a uniform B-spline (the curve dagre-d3 uses):
 * it starts and ends exactly on the first and last point, so arrowheads sit on the node border.
 */
export function splinePath(points: Point[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 100) / 100;
  const [first] = points;
  if (points.length < 3) return points.map((p, i) => `${i === 0 ? "M" : "L"}${f(p.x)},${f(p.y)}`).join(" ");
  const parts = [`M${f(first.x)},${f(first.y)}`];
  let [x0, y0, x1, y1] = [first.x, first.y, points[1].x, points[1].y];
  parts.push(`L${f((5 * x0 + x1) / 6)},${f((5 * y0 + y1) / 6)}`);
  const curveTo = (x: number, y: number) =>
    parts.push(`C${f((2 * x0 + x1) / 3)},${f((2 * y0 + y1) / 3)} ${f((x0 + 2 * x1) / 3)},${f((y0 + 2 * y1) / 3)} ${f((x0 + 4 * x1 + x) / 6)},${f((y0 + 4 * y1 + y) / 6)}`);
  for (const p of points.slice(2)) {
    curveTo(p.x, p.y);
    [x0, y0, x1, y1] = [x1, y1, p.x, p.y];
  }
  curveTo(x1, y1);
  parts.push(`L${f(x1)},${f(y1)}`);
  return parts.join(" ");
}

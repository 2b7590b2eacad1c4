"use client";
// The editable graph: nodes drawn by kind, one edge per reference leaving from its own
// handle (next, each option, the timeout, each case, else). Dragging stores positions in the
// nodes' `editor` fields, drawing an edge sets a reference, and deleting a node asks first
// when others point to it. Lint marks: unreachable, no path to an end, error counts.
import "@xyflow/react/dist/style.css";
import { useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import {
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type EdgeChange,
  type NodeProps,
  type ReactFlowInstance,
} from "@xyflow/react";
import type { Finding, TNodeType } from "@/lib/scenario";
import { addNode, connect, deleteNode, isObject, moveNodes, nodeIndexOfPointer, nodesOf, parseSlotKey, referencesTo, update, writeSlot, type LooseNode, type Point } from "@/lib/studio/document";
import { autoLayout, documentToGraph, STUDIO_NODE_HEIGHT, STUDIO_NODE_WIDTH, type StudioGraphNode } from "@/lib/studio/graph";
import { useStudio } from "./context";
import { conditionLabel } from "@/lib/scenario/condition-words";
import { conditionVocabulary } from "@/components/scenarios/condition-vocabulary";

type Marks = { unreachable: boolean; noEnd: boolean; errors: number; warnings: number };
type CanvasNodeData = StudioGraphNode & { marks: Marks; outcome: string | null };
type CanvasNode = Node<CanvasNodeData, "studio">;

function StudioNode({ data, selected }: NodeProps<CanvasNode>) {
  const t = useTranslations("studio");
  const { marks, handles } = data;
  const kind = { inject: t("kind.inject"), decision: t("kind.decision"), branch: t("kind.branch"), end: t("kind.end") }[data.type] ?? data.type;
  const classes = [
    "graph-node",
    "studio-node",
    `graph-node-${data.type || "unknown"}`,
    data.outcome ? `outcome-${data.outcome}` : "",
    data.isStart ? "is-start" : "",
    selected ? "is-selected" : "",
    marks.unreachable ? "is-unreachable" : "",
    marks.noEnd ? "is-trapped" : "",
  ];
  const handleTitle = (h: (typeof handles)[number]) =>
    h.slot.kind === "option" ? h.label ?? t("canvas.option") : { next: t("canvas.slotNext"), timeout: t("canvas.slotTimeout"), case: t("canvas.slotCase"), else: t("canvas.slotElse") }[h.slot.kind];
  return (
    <div className={classes.filter(Boolean).join(" ")} data-testid="studio-node" data-node-id={data.id} data-unreachable={marks.unreachable || undefined} data-no-end={marks.noEnd || undefined}>
      <Handle type="target" position={Position.Top} />
      <div className="graph-node-head">
        <span className="graph-node-kind">{kind}</span>
        {data.isStart && <span className="graph-node-start">{t("canvas.start")}</span>}
        <code className="graph-node-id" title={data.id}>{data.id}</code>
      </div>
      <div className="graph-node-title studio-node-title" title={data.title}>{data.title || <span className="muted">{t("canvas.untitled")}</span>}</div>
      <div className="studio-node-marks">
        {marks.errors > 0 && <span className="badge danger">{t("canvas.errors", { count: marks.errors })}</span>}
        {marks.warnings > 0 && <span className="badge warn">{t("canvas.warnings", { count: marks.warnings })}</span>}
        {marks.unreachable && <span className="badge warn">{t("canvas.unreachable")}</span>}
        {marks.noEnd && <span className="badge danger">{t("canvas.noEnd")}</span>}
      </div>
      {handles.map((h, i) => (
        <Handle
          key={h.key}
          id={h.key}
          type="source"
          position={Position.Bottom}
          className={`studio-handle studio-handle-${h.slot.kind}`}
          style={{ left: `${((i + 1) / (handles.length + 1)) * 100}%` }}
          title={handleTitle(h)}
        />
      ))}
    </div>
  );
}

type CanvasEdge = Edge<{ text: string | null; order: number }, "studio">;

/**
 * An edge whose label sits nearer its source handle than its target: edges from the options of
 * one decision often share a target, and centred labels would sit on top of each other.
 */
function StudioEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, selected }: EdgeProps<CanvasEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  // Neighbouring handles get labels at different heights, so they do not cover each other.
  const t = 0.22 + 0.2 * ((data?.order ?? 0) % 3);
  const x = sourceX + (targetX - sourceX) * t;
  const y = sourceY + (targetY - sourceY) * t;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      {data?.text && (
        <EdgeLabelRenderer>
          <div className={`studio-edge-label nodrag nopan${selected ? " selected" : ""}`} style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }} title={data.text}>
            {data.text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { studio: StudioNode };
const edgeTypes = { studio: StudioEdge };
/** Fitted on open, but never so small that the text cannot be read: big graphs are panned. */
const FIT = { padding: 0.15, maxZoom: 1, minZoom: 0.6 };

function marksFor(findings: Finding[], count: number): Marks[] {
  const marks: Marks[] = Array.from({ length: count }, () => ({ unreachable: false, noEnd: false, errors: 0, warnings: 0 }));
  for (const f of findings) {
    const i = nodeIndexOfPointer(f.pointer);
    if (i === null || !marks[i]) continue;
    if (f.code === "UNREACHABLE") marks[i].unreachable = true;
    else if (f.code === "NO_PATH_TO_END") marks[i].noEnd = true;
    else if (f.severity === "error") marks[i].errors++;
    else marks[i].warnings++;
  }
  return marks;
}

export function StudioCanvas({ findings }: { findings: Finding[] }) {
  const t = useTranslations("studio");
  const { doc, change, selection, select } = useStudio();
  const flow = useRef<ReactFlowInstance<CanvasNode, CanvasEdge> | null>(null);
  const [dragging, setDragging] = useState<Record<string, Point>>({});
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const graph = useMemo(() => documentToGraph(doc), [doc]);
  const marks = useMemo(() => marksFor(findings, graph.nodes.length), [findings, graph.nodes.length]);
  const looseNodes = nodesOf(doc);

  const tw = useTranslations("scenarioLanding.conditions");
  const vocabulary = useMemo(() => conditionVocabulary((key, values) => tw(key as "unknown", values)), [tw]);
  const edgeLabels = { timeout: t("canvas.slotTimeout"), else: tw("otherwise") };
  // A branch case reads as its condition ("if evidence preserved"), not as "case 1".
  const caseText = (source: string, handle: string): string => {
    const index = graph.nodes.find((n) => n.id === source)?.index;
    const cases = index === undefined ? undefined : looseNodes[index]?.cases;
    const c = Array.isArray(cases) ? cases[Number(handle.split("-")[1] ?? 0)] : undefined;
    return conditionLabel(isObject(c) ? c.when : undefined, looseNodes, vocabulary);
  };

  const nodes: CanvasNode[] = graph.nodes.map((n) => {
    const loose: LooseNode = looseNodes[n.index] ?? {};
    return {
      id: n.id,
      type: "studio",
      position: dragging[n.id] ?? n.position,
      width: STUDIO_NODE_WIDTH,
      height: STUDIO_NODE_HEIGHT,
      selected: selection.index === n.index,
      data: { ...n, marks: marks[n.index], outcome: loose.type === "end" && typeof loose.outcome === "string" ? loose.outcome : null },
    };
  });
  const edges: CanvasEdge[] = graph.edges.map((e) => ({
    id: e.id,
    type: "studio",
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle,
    selected: e.id === selectedEdge,
    data: { text: e.kind === "option" ? e.label ?? null : e.kind === "case" ? caseText(e.source, e.sourceHandle) : e.kind === "timeout" ? edgeLabels.timeout : e.kind === "else" ? edgeLabels.else : null, order: graph.nodes.find((n) => n.id === e.source)?.handles.findIndex((h) => h.key === e.sourceHandle) ?? 0 },
    className: `studio-edge studio-edge-${e.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: "#64748b" },
  }));

  const onNodesChange = (changes: NodeChange<CanvasNode>[]) => {
    // Positions are committed once, when the drag stops (onNodeDragStop).
    const moving: Record<string, Point> = {};
    for (const c of changes) if (c.type === "position" && c.position && c.dragging) moving[c.id] = c.position;
    if (Object.keys(moving).length) setDragging((d) => ({ ...d, ...moving }));
  };

  const onEdgesChange = (changes: EdgeChange<CanvasEdge>[]) => {
    for (const c of changes) if (c.type === "select") setSelectedEdge(c.selected ? c.id : (current) => (current === c.id ? null : current));
  };

  const commitMove = (positions: Record<string, Point>) => {
    // Canvas ids are node ids except for nodes whose id is empty or duplicated ("#index").
    const byId: Record<string, Point> = {};
    for (const [canvasId, p] of Object.entries(positions)) {
      const node = graph.nodes.find((n) => n.id === canvasId);
      if (node && !canvasId.startsWith("#")) byId[canvasId] = p;
    }
    change(moveNodes(doc, byId), "move");
    setDragging({});
  };

  const onNodeDragStop = (_: unknown, __: CanvasNode, dragged: CanvasNode[]) => {
    const finished: Record<string, Point> = {};
    for (const n of dragged) finished[n.id] = n.position;
    commitMove(finished);
  };

  const onConnect = (c: Connection) => {
    const slot = c.sourceHandle ? parseSlotKey(c.sourceHandle) : null;
    if (!slot || !c.source || !c.target || c.target.startsWith("#")) return;
    change(connect(doc, c.source, slot, c.target));
  };

  const onBeforeDelete = async ({ nodes: doomed, edges: doomedEdges }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) => {
    if (doomed.length === 0) return { nodes: doomed, edges: doomedEdges };
    const gone = new Set(doomed.map((n) => n.id));
    const refs = doomed.flatMap((n) => referencesTo(doc, n.id)).filter((p) => {
      const i = nodeIndexOfPointer(p);
      return i === null || !gone.has(graph.nodes[i]?.id ?? "");
    });
    if (refs.length > 0 && !window.confirm(t("inspector.confirmDelete", { id: doomed.map((n) => n.id).join(", "), count: refs.length }))) return false;
    return { nodes: doomed, edges: [] };
  };

  const onDelete = ({ nodes: gone, edges: cut }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) => {
    let next = doc;
    if (gone.length > 0) {
      // Deleting a node leaves the references to it: the linter lists them as dangling.
      for (const n of gone) next = deleteNode(next, n.id);
      select(null);
    } else {
      next = update(doc, (d) => {
        for (const e of cut) {
          const slot = e.sourceHandle ? parseSlotKey(e.sourceHandle) : null;
          const source = nodesOf(d).find((n) => n.id === e.source);
          if (slot && source) writeSlot(source, slot, "");
        }
      });
    }
    setSelectedEdge(null);
    change(next);
  };

  const add = (type: TNodeType) => {
    const instance = flow.current;
    const box = document.querySelector(".studio-canvas")?.getBoundingClientRect();
    const centre = instance && box ? instance.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    // Below the view's centre, stepping down past nodes already there.
    const spot = { x: Math.round(centre.x - STUDIO_NODE_WIDTH / 2), y: Math.round(centre.y - STUDIO_NODE_HEIGHT / 2) };
    while (graph.nodes.some((n) => Math.abs(n.position.x - spot.x) < STUDIO_NODE_WIDTH && Math.abs(n.position.y - spot.y) < STUDIO_NODE_HEIGHT + 20)) spot.y += STUDIO_NODE_HEIGHT + 60;
    const { doc: next, id } = addNode(doc, type, spot);
    change(next);
    select(nodesOf(next).findIndex((n) => n.id === id));
    requestAnimationFrame(() => flow.current?.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
  };

  return (
    <div className="studio-canvas-wrap">
      <div className="studio-canvas-tools row" role="toolbar" aria-label={t("canvas.tools")}>
        <span className="muted small">{t("canvas.add")}</span>
        <button type="button" className="btn secondary small" onClick={() => add("inject")} data-testid="add-inject">{t("kind.inject")}</button>
        <button type="button" className="btn secondary small" onClick={() => add("decision")} data-testid="add-decision">{t("kind.decision")}</button>
        <button type="button" className="btn secondary small" onClick={() => add("branch")} data-testid="add-branch">{t("kind.branch")}</button>
        <button type="button" className="btn secondary small" onClick={() => add("end")} data-testid="add-end">{t("kind.end")}</button>
        <span className="grow" />
        <button type="button" className="btn ghost small" onClick={() => change(moveNodes(doc, autoLayout(doc)), "layout")} data-testid="auto-layout">{t("canvas.autoLayout")}</button>
        <button type="button" className="btn ghost small" onClick={() => flow.current?.fitView({ padding: 0.15 })}>{t("canvas.fit")}</button>
      </div>
      <div className="studio-canvas" data-testid="studio-canvas">
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onInit={(instance) => {
            flow.current = instance;
            void instance.fitView(FIT).then(() => {
              // Too big to fit at a readable size: start at the top, on the start node.
              const start = graph.nodes.find((n) => n.isStart) ?? graph.nodes[0];
              const box = document.querySelector(".studio-canvas")?.getBoundingClientRect();
              if (!start || !box || instance.getZoom() > FIT.minZoom) return;
              const zoom = FIT.minZoom;
              void instance.setCenter(start.position.x + STUDIO_NODE_WIDTH / 2, start.position.y + (box.height / 2 - 40) / zoom, { zoom });
            });
          }}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          onEdgesChange={onEdgesChange}
          onNodeClick={(_, n) => select(n.data.index)}
          onPaneClick={() => select(null)}
          onConnect={onConnect}
          onBeforeDelete={onBeforeDelete}
          onDelete={onDelete}
          deleteKeyCode={["Delete", "Backspace"]}
          minZoom={0.1}
          maxZoom={2}
          fitViewOptions={FIT}
          aria-label={t("canvas.label")}
        >
          <Background gap={20} size={1} />
          <Controls position="bottom-left" showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}

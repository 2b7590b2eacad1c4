"use client";
// Draws a laid-out scenario graph (lib/catalog/graph.ts) with React Flow: read-only,
// fitted to its box, with edges routed along dagre's points so labels never overlap nodes.
import "@xyflow/react/dist/style.css";
import { useRef } from "react";
import { useTranslations } from "next-intl";
import {
  BaseEdge,
  ControlButton,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  getBezierPath,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
  type ReactFlowInstance,
} from "@xyflow/react";
import { splinePath, type GraphEdge, type GraphNode, type ScenarioGraph as TScenarioGraph } from "@/lib/catalog/graph";

type FlowNode = Node<GraphNode, "scenario">;
type FlowEdge = Edge<GraphEdge, "scenario">;

function ScenarioNode({ data }: NodeProps<FlowNode>) {
  const t = useTranslations("scenarios.graph");
  const tn = useTranslations("live.node");
  return (
    <div className={`graph-node graph-node-${data.type}${data.outcome ? ` outcome-${data.outcome}` : ""}${data.isStart ? " is-start" : ""}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="graph-node-head">
        <span className="graph-node-kind">{data.outcome ? `${data.heading} · ${tn("outcome", { outcome: data.outcome })}` : data.heading}</span>
        {data.isStart && <span className="graph-node-start">{t("start")}</span>}
        <code className="graph-node-id" title={data.id}>{data.id}</code>
      </div>
      <div className="graph-node-title clamp" style={{ WebkitLineClamp: data.titleLines }} title={data.title}>{data.title}</div>
      {data.meta && <div className="graph-node-meta clamp" style={{ WebkitLineClamp: data.metaLines }} title={data.meta}>{data.meta}</div>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function ScenarioEdge({ data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd }: EdgeProps<FlowEdge>) {
  if (!data) return null;
  // Author-placed graphs have no route, so they fall back to a curve between the handles.
  const [fallbackPath, midX, midY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const path = data.points ? splinePath(data.points) : fallbackPath;
  const label = data.labelPosition ?? (data.points ? null : { x: midX, y: midY });
  const labelled = data.transitions.filter((t) => t.label);
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} className={data.dashed ? "graph-edge-dashed" : undefined} />
      {label && labelled.length > 0 && (
        <EdgeLabelRenderer>
          <div
            className="graph-edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)`, width: data.labelWidth }}
          >
            {labelled.map((t, i) => (
              <div key={i} className={`graph-edge-item clamp kind-${t.kind}`} style={{ WebkitLineClamp: t.lines }} title={t.label ?? undefined}>
                {t.label}
              </div>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { scenario: ScenarioNode };
const edgeTypes = { scenario: ScenarioEdge };

/**
 * The drawing area takes the graph's aspect ratio, up to the graph's own height: fitted, the
 * text stays at its natural size on a wide screen (the page scrolls; the canvas does not
 * capture the wheel), and a narrow screen gets a smaller drawing with no empty band.
 */
function canvasStyle(graph: TScenarioGraph): React.CSSProperties {
  const { width, height } = graph.bounds;
  return { aspectRatio: `${Math.max(width, 1)} / ${Math.max(height, 1)}`, maxHeight: Math.min(height + 24, 4800), minHeight: 320 };
}

export function ScenarioGraph({ graph }: { graph: TScenarioGraph }) {
  const t = useTranslations("scenarios.graph");
  const flow = useRef<ReactFlowInstance<FlowNode, FlowEdge> | null>(null);
  // Fit to the whole drawing (fitView would only fit the nodes and could cut off edge labels).
  const fit = () => void flow.current?.fitBounds(graph.bounds, { padding: 0.01 });
  const nodes: FlowNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: "scenario",
    position: n.position,
    width: n.width,
    height: n.height,
    data: n,
    draggable: false,
    connectable: false,
  }));
  const edges: FlowEdge[] = graph.edges.map((e) => ({
    id: e.id,
    type: "scenario",
    source: e.source,
    target: e.target,
    data: e,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: "#64748b" },
  }));
  return (
    <div className="scenario-graph" style={canvasStyle(graph)} data-testid="scenario-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={(instance) => {
          flow.current = instance;
          fit();
        }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        zoomOnScroll={false}
        panOnScroll={false}
        preventScrolling={false}
        zoomOnDoubleClick
        aria-label={t("label")}
      >
        <Controls position="top-left" showInteractive={false} showFitView={false}>
          <ControlButton onClick={fit} title={t("fit")} aria-label={t("fit")}>
            <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EDGE_LABEL_MAX_WIDTH, buildScenarioGraph, scenarioTransitions, splinePath, type GraphNode, type Point } from "@/lib/catalog/graph";
import type { TScenario } from "@/lib/scenario";
import { bundledScenarioFiles, minimalScenario } from "../scenario/helpers";

const scenario = () => minimalScenario() as TScenario;
const withoutEditor = (s: TScenario): TScenario => ({ ...s, nodes: s.nodes.map(({ editor: _editor, ...node }) => node as TScenario["nodes"][number]) });

type Box = { x: number; y: number; width: number; height: number };
const nodeBox = (n: GraphNode): Box => ({ x: n.position.x, y: n.position.y, width: n.width, height: n.height });
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: Point, b: Box) => {
  const eps = 0.5;
  const inside = p.x >= b.x - eps && p.x <= b.x + b.width + eps && p.y >= b.y - eps && p.y <= b.y + b.height + eps;
  const edge = [p.x - b.x, b.x + b.width - p.x, p.y - b.y, b.y + b.height - p.y].some((d) => Math.abs(d) <= eps);
  return inside && edge;
};

describe("scenarioTransitions", () => {
  it("lists an inject's next, each option with its label, the timeout, branch cases and else", () => {
    const t = scenarioTransitions(scenario()).map((x) => `${x.source}->${x.target} ${x.kind} ${x.label ?? ""}`.trim());
    expect(t).toEqual([
      "tip->contain next",
      "contain->scope option Block public access now and preserve the access logs",
      "contain->scope option Ask the researcher for proof before touching anything",
      "contain->scope timeout on timeout",
      "scope->notify option Bring in the DPO and open a breach record",
      "scope->notify option Take the server offline before anything else",
      "scope->notify option Keep watching the logs for a few days",
      "notify->on-time option Yes: file the Art. 33 notification now, with what you know",
      "notify->failure option No: nobody has complained yet",
      "on-time->success case if contained and hours elapsed ≤ 72",
      "on-time->failure else otherwise",
    ]);
  });

  it("skips references to nodes that do not exist instead of drawing arrows to nowhere", () => {
    const s = scenario();
    (s.nodes[0] as { next: string }).next = "nowhere";
    expect(scenarioTransitions(s).some((t) => t.source === "tip")).toBe(false);
  });
});

describe("buildScenarioGraph", () => {
  it("draws one arrow per connected pair, listing every way along it", () => {
    const g = buildScenarioGraph(scenario());
    expect(g.nodes.map((n) => n.id)).toEqual(["tip", "contain", "scope", "notify", "on-time", "success", "failure"]);
    const contain = g.edges.find((e) => e.source === "contain" && e.target === "scope")!;
    expect(contain.transitions.map((t) => t.kind)).toEqual(["option", "option", "timeout"]);
    expect(contain.dashed).toBe(false);
    expect(g.edges.filter((e) => e.source === "contain")).toHaveLength(1);
    expect(g.edges).toHaveLength(7);
  });

  it("sizes label boxes to their text: none for a plain next, narrow for 'otherwise', capped for options", () => {
    const g = buildScenarioGraph(scenario());
    const edge = (source: string, target: string) => g.edges.find((e) => e.source === source && e.target === target)!;
    expect(edge("tip", "contain")).toMatchObject({ labelWidth: 0, labelHeight: 0, labelPosition: null });
    expect(edge("contain", "scope").labelWidth).toBe(EDGE_LABEL_MAX_WIDTH);
    expect(edge("on-time", "failure").labelWidth).toBeLessThan(EDGE_LABEL_MAX_WIDTH / 2);
    expect(edge("contain", "scope").labelHeight).toBeGreaterThan(edge("on-time", "failure").labelHeight * 3);
  });

  it("dashes an arrow whose only way is a timeout", () => {
    const s = scenario();
    const contain = s.nodes[1] as Extract<TScenario["nodes"][number], { type: "decision" }>;
    contain.onTimeout = { next: "failure" };
    const edge = buildScenarioGraph(s).edges.find((e) => e.source === "contain" && e.target === "failure")!;
    expect(edge.transitions).toEqual([{ kind: "timeout", label: "on timeout", lines: 1 }]);
    expect(edge.dashed).toBe(true);
  });

  it("describes nodes by type, marks the start and carries the end outcome", () => {
    const g = buildScenarioGraph(scenario());
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get("tip")).toMatchObject({ type: "inject", heading: "Inject", title: "A researcher writes in", isStart: true, meta: "2 media · 2 questions" });
    expect(byId.get("contain")).toMatchObject({ type: "decision", title: "What do you do first?", meta: "2 options · 5 min limit · decided by it-lead", isStart: false });
    expect(byId.get("scope")?.title).toBe("Scope");
    expect(byId.get("on-time")).toMatchObject({ type: "branch", title: "1 condition + else" });
    expect(byId.get("failure")).toMatchObject({ type: "end", outcome: "failure" });
  });

  it("lays the graph out top to bottom without overlaps, with routes from border to border", () => {
    for (const file of [...bundledScenarioFiles(), null]) {
      // Every graph of the library, laid out by dagre: editor positions (which some files carry,
      // and which the next test covers) are stripped so the automatic layout is what is checked.
      const s = file ? withoutEditor(JSON.parse(readFileSync(file, "utf8")) as TScenario) : scenario();
      const g = buildScenarioGraph(s);
      expect(g.layout).toBe("auto");
      const boxes = new Map(g.nodes.map((n) => [n.id, nodeBox(n)]));
      const labels: Box[] = g.edges.flatMap((e) =>
        e.labelPosition ? [{ x: e.labelPosition.x - e.labelWidth / 2, y: e.labelPosition.y - e.labelHeight / 2, width: e.labelWidth, height: e.labelHeight }] : [],
      );
      const all = [...boxes.values(), ...labels];
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j]), `${file}: boxes ${i} and ${j} overlap`).toBe(false);
      const start = boxes.get(s.start)!;
      expect(Math.min(...[...boxes.values()].map((b) => b.y))).toBe(start.y);
      for (const e of g.edges) {
        expect(e.points!.length).toBeGreaterThanOrEqual(2);
        if (e.source === e.target) continue;
        expect(onBorder(e.points![0], boxes.get(e.source)!), `${e.source}->${e.target} starts on its source`).toBe(true);
        expect(onBorder(e.points!.at(-1)!, boxes.get(e.target)!), `${e.source}->${e.target} ends on its target`).toBe(true);
        expect(e.labelPosition !== null).toBe(e.transitions.some((t) => t.label));
      }
      const b = g.bounds;
      for (const box of all) {
        expect(box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height, `${file}: everything inside the bounds`).toBe(true);
      }
    }
  });

  it("uses the editor positions when every node has one, and ignores a partial set", () => {
    const s = scenario();
    expect(s.nodes[0].editor).toEqual({ x: 0, y: 0 });
    expect(buildScenarioGraph(s).layout).toBe("auto");

    s.nodes.forEach((n, i) => (n.editor = { x: i * 300, y: i * 50 }));
    const g = buildScenarioGraph(s);
    expect(g.layout).toBe("editor");
    expect(g.nodes.map((n) => n.position)).toEqual(s.nodes.map((_, i) => ({ x: i * 300, y: i * 50 })));
    expect(g.edges.every((e) => e.points === null && e.labelPosition === null)).toBe(true);
    const bottom = Math.max(...g.nodes.map((n, i) => i * 50 + n.height));
    expect(g.bounds).toEqual({ x: -16, y: -16, width: 6 * 300 + 220 + 32, height: bottom + 32 });
  });

  it("draws a bundled scenario placed in the editor where its author put every node, without overlaps", () => {
    const placed = bundledScenarioFiles()
      .map((file) => ({ file, s: JSON.parse(readFileSync(file, "utf8")) as TScenario }))
      .filter(({ s }) => s.nodes.every((n) => n.editor));
    expect(placed.length).toBeGreaterThan(0);
    for (const { file, s } of placed) {
      const g = buildScenarioGraph(s);
      expect(g.layout, file).toBe("editor");
      expect(g.nodes.map((n) => n.position)).toEqual(s.nodes.map((n) => ({ x: n.editor!.x, y: n.editor!.y })));
      const boxes = g.nodes.map(nodeBox);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${file}: nodes ${i} and ${j} overlap`).toBe(false);
      const b = g.bounds;
      for (const box of boxes) expect(box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height, `${file}: inside the bounds`).toBe(true);
    }
  });
});

describe("splinePath", () => {
  it("draws a straight line between two points", () => {
    expect(splinePath([{ x: 0, y: 0 }, { x: 0, y: 10 }])).toBe("M0,0 L0,10");
  });

  it("starts on the first point and ends on the last", () => {
    const d = splinePath([{ x: 0, y: 0 }, { x: 30, y: 40 }, { x: 60, y: 40 }, { x: 90, y: 100 }]);
    expect(d.startsWith("M0,0 ")).toBe(true);
    expect(d.endsWith(" L90,100")).toBe(true);
    expect(d.match(/C/g)).toHaveLength(3);
  });
});

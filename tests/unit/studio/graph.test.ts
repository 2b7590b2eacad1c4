import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintScenario } from "@/lib/scenario";
import { addNode, connect, deleteNode, emptyScenario, referencesTo, renameNode, withoutEditorFields, type StudioDoc } from "@/lib/studio/document";
import { autoLayout, documentToGraph, graphToDocument } from "@/lib/studio/graph";
import { bundledScenarioFiles, minimalScenario } from "../scenario/helpers";

const bundled = bundledScenarioFiles();
const text = (doc: unknown) => JSON.stringify(doc, null, 2);

describe("document ↔ graph round trip", () => {
  it("covers the bundled library", () => {
    expect(bundled.length).toBeGreaterThanOrEqual(8);
  });

  it.each(bundled.map((f) => [f.split("/").pop()!, f]))("%s: load → save without edits gives the same document apart from editor fields", (_, file) => {
    const original = JSON.parse(readFileSync(file, "utf8")) as StudioDoc;
    const graph = documentToGraph(original);
    const saved = graphToDocument(original, graph);
    const originalNodes = original.nodes as Array<Record<string, unknown>>;
    const savedNodes = saved.nodes as Array<Record<string, unknown>>;
    // Every node got a position, and a node that had one keeps it…
    savedNodes.forEach((node, i) => expect(node.editor).toEqual(originalNodes[i].editor ?? { x: expect.any(Number), y: expect.any(Number) }));
    // …and nothing else changed, key order included.
    expect(text(withoutEditorFields(saved))).toBe(text(withoutEditorFields(original)));
    // A file positioned throughout comes back byte for byte, editor fields where they were.
    if (originalNodes.every((n) => n.editor !== undefined)) expect(text(saved)).toBe(text(original));
    // A second round trip keeps the positions exactly (the layout is stable once stored).
    expect(text(graphToDocument(saved, documentToGraph(saved)))).toBe(text(saved));
    // The saved file is still lint-clean: editor fields are part of the format.
    expect(lintScenario(saved).findings).toEqual(lintScenario(original).findings);
  });

  it("draws one edge per reference, from its own handle", () => {
    const doc = minimalScenario() as StudioDoc;
    const { nodes, edges } = documentToGraph(doc);
    expect(nodes.map((n) => n.id)).toEqual(["tip", "contain", "scope", "notify", "on-time", "success", "failure"]);
    expect(nodes.find((n) => n.id === "tip")!.isStart).toBe(true);
    expect(edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toEqual([
      "tip:next->contain",
      "contain:option-0->scope",
      "contain:option-1->scope",
      "contain:timeout->scope",
      "scope:option-0->notify",
      "scope:option-1->notify",
      "scope:option-2->notify",
      "notify:option-0->on-time",
      "notify:option-1->failure",
      "on-time:case-0->success",
      "on-time:else->failure",
    ]);
    expect(nodes.find((n) => n.id === "contain")!.handles.map((h) => h.key)).toEqual(["option-0", "option-1", "timeout"]);
  });

  it("writes moved positions, drawn and removed edges back into the document", () => {
    const doc = minimalScenario() as StudioDoc;
    const graph = documentToGraph(doc);
    graph.nodes.find((n) => n.id === "success")!.position = { x: 512.4, y: -20.6 };
    const edges = graph.edges
      .filter((e) => e.id !== "notify→option-1")
      .map((e) => (e.id === "on-time→else" ? { ...e, target: "success" } : e));
    const saved = graphToDocument(doc, { nodes: graph.nodes, edges }) as { nodes: Array<Record<string, any>> };
    expect(saved.nodes[5].editor).toEqual({ x: 512, y: -21 });
    expect(saved.nodes[4].else).toBe("success");
    expect(saved.nodes[3].options[1].next).toBe("");
    // The removed edge is now an empty reference, which the linter reports at its pointer.
    expect(lintScenario(saved).findings.map((f) => f.pointer)).toContain("/nodes/3/options/1/next");
  });

  it("keeps a reference to a missing node (it cannot be drawn) and lays out nodes without positions", () => {
    const doc = minimalScenario() as StudioDoc & { nodes: Array<Record<string, any>> };
    doc.nodes[0].next = "nowhere";
    const graph = documentToGraph(doc);
    expect(graph.edges.some((e) => e.source === "tip")).toBe(false);
    expect((graphToDocument(doc, graph) as typeof doc).nodes[0].next).toBe("nowhere");
    const positions = Object.values(autoLayout(doc));
    expect(new Set(positions.map((p) => `${p.x},${p.y}`)).size).toBe(positions.length);
  });

  it("tolerates drafts that are not valid yet: empty ids, duplicates, unknown types, no nodes", () => {
    const doc: StudioDoc = { nodes: [{ id: "", type: "inject", next: "a" }, { id: "a", type: "end" }, { id: "a", type: "mystery" }, 7] };
    const graph = documentToGraph(doc);
    expect(graph.nodes.map((n) => n.id)).toEqual(["#0", "a", "#2"]);
    expect(graph.edges).toEqual([expect.objectContaining({ source: "#0", target: "a" })]);
    expect(withoutEditorFields(graphToDocument(doc, graph))).toEqual(doc);
    expect(documentToGraph(emptyScenario())).toEqual({ nodes: [], edges: [] });
  });
});

describe("document edits", () => {
  it("deleting a referenced node leaves dangling references that the linter shows", () => {
    const doc = minimalScenario() as StudioDoc;
    expect(referencesTo(doc, "scope")).toEqual(["/nodes/1/options/0/next", "/nodes/1/options/1/next", "/nodes/1/onTimeout/next"]);
    const after = deleteNode(doc, "scope");
    expect((after.nodes as unknown[]).length).toBe(6);
    const dangling = lintScenario(after).findings.filter((f) => f.code === "DANGLING_REF").map((f) => f.pointer);
    expect(dangling).toEqual(expect.arrayContaining(["/nodes/1/options/0/next", "/nodes/1/options/1/next", "/nodes/1/onTimeout/next"]));
    // The original is untouched (edits return new documents, which undo relies on).
    expect((doc.nodes as unknown[]).length).toBe(7);
  });

  it("renaming a node follows next, start, visited and chose references", () => {
    const doc = minimalScenario() as StudioDoc;
    (doc.nodes as Array<Record<string, any>>)[2].options[0].when = { any: [{ visited: "contain" }, { chose: "contain.verify" }] };
    const renamed = renameNode(renameNode(doc, "contain", "first-call"), "tip", "report");
    expect(renamed.start).toBe("report");
    expect(referencesTo(renamed, "contain")).toEqual([]);
    expect(referencesTo(renamed, "first-call")).toEqual(["/nodes/0/next", "/nodes/2/options/0/when/any/0/visited", "/nodes/2/options/0/when/any/1/chose"]);
    expect(lintScenario(renamed).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("builds a valid three-node scenario from empty with add and connect", () => {
    let doc = emptyScenario();
    let r = addNode(doc, "inject", { x: 0, y: 0 });
    doc = r.doc;
    expect(doc.start).toBe("inject-1");
    r = addNode(doc, "decision", { x: 0, y: 150 });
    doc = r.doc;
    r = addNode(doc, "end", { x: 0, y: 300 });
    doc = r.doc;
    doc = connect(doc, "inject-1", { kind: "next" }, "decision-1");
    doc = connect(doc, "decision-1", { kind: "option", index: 0 }, "end-1");
    doc = connect(doc, "decision-1", { kind: "option", index: 1 }, "end-1");
    const codes = lintScenario(doc).findings.map((f) => `${f.code} ${f.pointer}`);
    // What is left is text to write, each reported where it belongs.
    expect(codes).toEqual(expect.arrayContaining(["SCHEMA /title", "SCHEMA /nodes/0/title", "SCHEMA /nodes/1/options/0/label", "SCHEMA /nodes/2/title"]));
    expect(codes.some((c) => c.startsWith("DANGLING_REF") || c.startsWith("NO_PATH_TO_END") || c.startsWith("UNREACHABLE"))).toBe(false);
  });
});

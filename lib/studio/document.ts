// Edits on a scenario document as the studio holds it: plain JSON that may not (yet) match
// the schema, so every reader here is defensive and every edit returns a new document.
// Pure: no React, no I/O. The linter decides what is wrong; these functions never refuse.
import type { TNodeType } from "@/lib/scenario";

/** A draft document: any JSON object. Nodes are read loosely, because drafts may be invalid. */
export type StudioDoc = Record<string, unknown>;
export type LooseNode = Record<string, unknown> & { id?: unknown; type?: unknown; editor?: unknown };
export type Point = { x: number; y: number };

/** Where an outgoing reference sits on a node: what an edge on the canvas stands for. */
export type Slot =
  | { kind: "next" }
  | { kind: "option"; index: number }
  | { kind: "timeout" }
  | { kind: "case"; index: number }
  | { kind: "else" };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function nodesOf(doc: StudioDoc): LooseNode[] {
  return Array.isArray(doc.nodes) ? (doc.nodes.filter(isObject) as LooseNode[]) : [];
}

/** Index in `doc.nodes` of the node with this id (the first one, as the engine does). */
export function nodeIndex(doc: StudioDoc, id: string): number {
  return Array.isArray(doc.nodes) ? doc.nodes.findIndex((n) => isObject(n) && n.id === id) : -1;
}

export function nodeId(node: LooseNode): string {
  return typeof node.id === "string" ? node.id : "";
}

export function editorPosition(node: LooseNode): Point | null {
  const e = node.editor;
  return isObject(e) && typeof e.x === "number" && typeof e.y === "number" ? { x: e.x, y: e.y } : null;
}

/** Deep copy, then `edit` the copy: documents are small enough that this stays simple. */
export function update(doc: StudioDoc, edit: (draft: StudioDoc) => void): StudioDoc {
  const draft = structuredClone(doc);
  edit(draft);
  return draft;
}

export function slotKey(slot: Slot): string {
  return slot.kind === "option" || slot.kind === "case" ? `${slot.kind}-${slot.index}` : slot.kind;
}

export function parseSlotKey(key: string): Slot | null {
  if (key === "next" || key === "timeout" || key === "else") return { kind: key };
  const m = /^(option|case)-(\d+)$/.exec(key);
  return m ? { kind: m[1] as "option" | "case", index: Number(m[2]) } : null;
}

/** Every outgoing slot of a node with the id it names ("" when unset), in document order. */
export function slotsOf(node: LooseNode): Array<{ slot: Slot; target: string; label: string | null }> {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const out: Array<{ slot: Slot; target: string; label: string | null }> = [];
  switch (node.type) {
    case "inject":
      out.push({ slot: { kind: "next" }, target: str(node.next), label: null });
      break;
    case "decision":
      (Array.isArray(node.options) ? node.options : []).forEach((o, index) => {
        const option = isObject(o) ? o : {};
        out.push({ slot: { kind: "option", index }, target: str(option.next), label: str(option.label) || str(option.id) || null });
      });
      if (isObject(node.onTimeout)) out.push({ slot: { kind: "timeout" }, target: str(node.onTimeout.next), label: null });
      break;
    case "branch":
      (Array.isArray(node.cases) ? node.cases : []).forEach((c, index) => {
        out.push({ slot: { kind: "case", index }, target: isObject(c) ? str(c.next) : "", label: null });
      });
      out.push({ slot: { kind: "else" }, target: str(node.else), label: null });
      break;
  }
  return out;
}

/** Sets the node id a slot names. Slots that do not exist on the node are left alone. */
export function writeSlot(node: LooseNode, slot: Slot, target: string): void {
  switch (slot.kind) {
    case "next":
      if (node.type === "inject") node.next = target;
      break;
    case "else":
      if (node.type === "branch") node.else = target;
      break;
    case "timeout":
      if (node.type === "decision" && isObject(node.onTimeout)) node.onTimeout.next = target;
      break;
    case "option": {
      const option = Array.isArray(node.options) ? node.options[slot.index] : undefined;
      if (node.type === "decision" && isObject(option)) option.next = target;
      break;
    }
    case "case": {
      const branchCase = Array.isArray(node.cases) ? node.cases[slot.index] : undefined;
      if (node.type === "branch" && isObject(branchCase)) branchCase.next = target;
      break;
    }
  }
}

/** Points a node's slot at another node (an edge drawn on the canvas). */
export function connect(doc: StudioDoc, sourceId: string, slot: Slot, targetId: string): StudioDoc {
  return update(doc, (d) => {
    const i = nodeIndex(d, sourceId);
    if (i >= 0) writeSlot((d.nodes as LooseNode[])[i], slot, targetId);
  });
}

/** Every place that names `id`: slots, `start`, `visited`/`chose` conditions. As JSON pointers. */
export function referencesTo(doc: StudioDoc, id: string): string[] {
  const found: string[] = [];
  if (doc.start === id) found.push("/start");
  nodesOf(doc).forEach((node, i) => {
    if (nodeId(node) === id) return;
    for (const { slot, target } of slotsOf(node)) if (target === id) found.push(`/nodes/${i}${slotPointer(slot)}`);
  });
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`));
    else if (isObject(value)) {
      if (value.visited === id) found.push(`${path}/visited`);
      if (typeof value.chose === "string" && value.chose.startsWith(`${id}.`)) found.push(`${path}/chose`);
      for (const [k, v] of Object.entries(value)) if (typeof v === "object") walk(v, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  walk(doc.nodes, "/nodes");
  return found;
}

export function slotPointer(slot: Slot): string {
  switch (slot.kind) {
    case "next":
      return "/next";
    case "else":
      return "/else";
    case "timeout":
      return "/onTimeout/next";
    case "option":
      return `/options/${slot.index}/next`;
    case "case":
      return `/cases/${slot.index}/next`;
  }
}

/** Removes a node and nothing else: references to it stay, and the linter reports them. */
export function deleteNode(doc: StudioDoc, id: string): StudioDoc {
  return update(doc, (d) => {
    const i = nodeIndex(d, id);
    if (i >= 0) (d.nodes as unknown[]).splice(i, 1);
  });
}

export function moveNodes(doc: StudioDoc, positions: Record<string, Point>): StudioDoc {
  return update(doc, (d) => {
    for (const node of nodesOf(d)) {
      const p = positions[nodeId(node)];
      if (p) node.editor = { x: Math.round(p.x), y: Math.round(p.y) };
    }
  });
}

/** A fresh id such as "decision-3" that no node uses yet. */
export function freshNodeId(doc: StudioDoc, type: string): string {
  const used = new Set(nodesOf(doc).map(nodeId));
  for (let n = 1; ; n++) if (!used.has(`${type}-${n}`)) return `${type}-${n}`;
}

/**
 * A new node of a kind with the fields the schema requires. Texts start empty and
 * references unset, so the linter shows the author what is still to be filled in.
 */
export function newNode(doc: StudioDoc, type: TNodeType, position: Point): LooseNode {
  const id = freshNodeId(doc, type);
  const editor = { x: Math.round(position.x), y: Math.round(position.y) };
  switch (type) {
    case "inject":
      return { id, type, title: "", body: "", next: "", editor };
    case "decision":
      return {
        id,
        type,
        prompt: "",
        options: [
          { id: "a", label: "", next: "" },
          { id: "b", label: "", next: "" },
        ],
        editor,
      };
    case "branch":
      return { id, type, cases: [{ when: { visited: "" }, next: "" }], else: "", editor };
    case "end":
      return { id, type, title: "", outcome: "success", debrief: "", editor };
  }
}

export function addNode(doc: StudioDoc, type: TNodeType, position: Point): { doc: StudioDoc; id: string } {
  const node = newNode(doc, type, position);
  const next = update(doc, (d) => {
    if (!Array.isArray(d.nodes)) d.nodes = [];
    (d.nodes as unknown[]).push(node);
    if (typeof d.start !== "string" || d.start === "") d.start = node.id;
  });
  return { doc: next, id: node.id as string };
}

/**
 * Renames a node and every reference to it (slots, start, visited and chose targets), so a
 * rename never breaks the graph. Use the JSON tab to change an id without following it.
 */
export function renameNode(doc: StudioDoc, from: string, to: string): StudioDoc {
  if (from === to) return doc;
  return update(doc, (d) => {
    if (d.start === from) d.start = to;
    for (const node of nodesOf(d)) {
      if (node.id === from) node.id = to;
      for (const { slot, target } of slotsOf(node)) if (target === from) writeSlot(node, slot, to);
    }
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (isObject(value)) {
        if (value.visited === from) value.visited = to;
        if (typeof value.chose === "string" && value.chose.startsWith(`${from}.`)) value.chose = to + value.chose.slice(from.length);
        Object.values(value).forEach((v) => typeof v === "object" && walk(v));
      }
    };
    walk(d.nodes);
  });
}

/** The document with every `editor` field removed: what the engine and comparisons care about. */
export function withoutEditorFields(doc: StudioDoc): StudioDoc {
  return update(doc, (d) => {
    for (const node of nodesOf(d)) delete node.editor;
  });
}

/** Reads the value at an RFC 6901 pointer, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let value: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isObject(value)) value = value[key];
    else return undefined;
  }
  return value;
}

/** Sets (or, with undefined, deletes) the value at a pointer, creating objects on the way. */
export function setAt(doc: StudioDoc, pointer: string, next: unknown): StudioDoc {
  return update(doc, (d) => {
    const keys = pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    let parent: unknown = d;
    for (const key of keys.slice(0, -1)) {
      const container = parent as Record<string, unknown>;
      if (!isObject(container[key]) && !Array.isArray(container[key])) container[key] = {};
      parent = container[key];
    }
    const last = keys[keys.length - 1];
    if (Array.isArray(parent)) {
      if (next === undefined) parent.splice(Number(last), 1);
      else parent[Number(last)] = next;
    } else if (isObject(parent)) {
      if (next === undefined) delete parent[last];
      else parent[last] = next;
    }
  });
}

/** Which node a pointer lies in ("/nodes/3/options/1/next" → 3), or null for scenario-level fields. */
export function nodeIndexOfPointer(pointer: string): number | null {
  const m = /^\/nodes\/(\d+)(?:\/|$)/.exec(pointer);
  return m ? Number(m[1]) : null;
}

/** A minimal valid-looking start: the studio's "new scenario". Lints with errors until filled in. */
export function emptyScenario(): StudioDoc {
  return {
    $schema: "./scenario.schema.json",
    schemaVersion: 1,
    id: "new-scenario",
    title: "",
    summary: "",
    locale: "en",
    estimatedMinutes: 30,
    tags: [],
    capabilities: [{ id: "RS", name: "Respond", framework: "nist-csf-2.0" }],
    objectives: [],
    training: [],
    roles: [],
    variables: {},
    start: "",
    nodes: [],
  };
}

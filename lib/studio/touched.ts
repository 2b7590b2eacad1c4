// Which lint findings the studio shows while a draft is being written: only those about the
// parts an author has edited, so a fresh draft does not open on a wall of errors about
// fields nobody has filled in yet. An edit "touches" a top-level field ("/title") or a whole
// node ("/nodes/3"); whole-graph findings ("", "/nodes", "/start") show once any node has
// been touched. Publishing still checks everything. Pure: no React, no I/O.
import type { Finding } from "@/lib/scenario";
import { isObject, type StudioDoc } from "./document";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** A node without its canvas position: moving a node is not editing it. */
const content = (node: unknown) => (isObject(node) ? { ...node, editor: undefined } : node);

/** The scopes an edit from `before` to `after` touched. Nodes that are new are not touched yet. */
export function touchedScopes(before: StudioDoc, after: StudioDoc): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "nodes") continue;
    if (!same(before[key], after[key])) out.push(`/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
  const a = Array.isArray(before.nodes) ? before.nodes : [];
  const b = Array.isArray(after.nodes) ? after.nodes : [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!same(content(a[i]), content(b[i]))) out.push(`/nodes/${i}`);
  return out;
}

/** The scope a finding belongs to: its node, or its top-level field; null for whole-graph findings. */
export function findingScope(pointer: string): string | null {
  const node = /^\/nodes\/\d+/.exec(pointer);
  if (node) return node[0];
  if (pointer === "" || pointer === "/nodes" || pointer === "/start") return null;
  return /^\/[^/]*/.exec(pointer)?.[0] ?? null;
}

/** The findings to show for the touched scopes. */
export function visibleFindings(findings: Finding[], touched: ReadonlySet<string>): Finding[] {
  const anyNode = [...touched].some((s) => s.startsWith("/nodes/"));
  return findings.filter((f) => {
    if (f.code === "SYNTAX") return true;
    const scope = findingScope(f.pointer);
    return scope === null ? anyNode : touched.has(scope);
  });
}

import { describe, expect, it } from "vitest";
import { lintScenario } from "@/lib/scenario";
import { emptyScenario, setAt } from "@/lib/studio/document";
import { touchedScopes, visibleFindings } from "@/lib/studio/touched";

describe("validating only what was touched", () => {
  it("opens a new draft without showing its errors, though it has several", () => {
    const doc = emptyScenario();
    const all = lintScenario(doc).findings.filter((f) => f.severity === "error");
    expect(all.length).toBeGreaterThan(2);
    expect(visibleFindings(all, new Set())).toEqual([]);
  });

  it("shows a field's problem once the field was edited, and a node's once any of its fields was", () => {
    const doc = emptyScenario();
    const edited = setAt(doc, "/title", "");
    expect(touchedScopes(doc, setAt(doc, "/summary", "x"))).toEqual(["/summary"]);
    const withNode = { ...edited, nodes: [{ id: "end-1", type: "end", title: "", outcome: "success", debrief: "" }] };
    // Adding a node does not touch it; moving it does not either.
    expect(touchedScopes(edited, withNode)).toEqual([]);
    const moved = { ...withNode, nodes: [{ ...withNode.nodes[0], editor: { x: 5, y: 5 } }] };
    expect(touchedScopes(withNode, moved)).toEqual([]);
    const typed = setAt(withNode, "/nodes/0/debrief", "Well done");
    expect(touchedScopes(withNode, typed)).toEqual(["/nodes/0"]);
    const findings = lintScenario(typed).findings;
    const shown = visibleFindings(findings, new Set(["/nodes/0"]));
    expect(shown.some((f) => f.pointer === "/nodes/0/title")).toBe(true);
    expect(shown.some((f) => f.pointer === "/summary")).toBe(false);
  });
});

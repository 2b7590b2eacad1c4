// The drill benchmark's scenario, generated: 15 decisions in a row (every path meets all of
// them), two options each (one scoring well, one badly), every fifth asking for reasoning
// (format 1.1 `justify`), then an end. Written to a temporary file and imported like any upload.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const DRILL_DECISIONS = 15;

function decision(i: number) {
  const next = i === DRILL_DECISIONS ? "end" : `d${i + 1}`;
  return {
    id: `d${i}`,
    type: "decision",
    prompt: `Step ${i}: what do you do?`,
    options: [
      { id: "good", label: "Follow the playbook", score: { RS: 2 }, feedback: "The playbook step holds.", next },
      { id: "bad", label: "Improvise", score: { RS: -1 }, feedback: "Improvising loses time.", training: ["t-playbook"], next },
    ],
    ...(i % 5 === 0 ? { justify: true } : {}),
  };
}

export function writeDrillScenario(): string {
  const scenario = {
    schemaVersion: 1.1,
    id: "bench-drill-15",
    title: "Benchmark drill (15 decisions)",
    summary: "Fifteen decisions in a row for the drill benchmark; every fifth asks for reasoning.",
    locale: "en",
    estimatedMinutes: 15,
    tags: ["test"],
    capabilities: [{ id: "RS", name: "Respond", framework: "nist-csf-2.0", ref: "RS.MA" }],
    objectives: [{ id: "obj-1", text: "Follow the playbook under pressure.", capabilities: ["RS"] }],
    training: [{ id: "t-playbook", title: "The incident playbook" }],
    start: "d1",
    nodes: [
      ...Array.from({ length: DRILL_DECISIONS }, (_, i) => decision(i + 1)),
      { id: "end", type: "end", title: "Done", outcome: "success", debrief: "The drill is over." },
    ],
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rr-bench-drill-")), "bench-drill-15.json");
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2));
  return file;
}

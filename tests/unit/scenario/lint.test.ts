import { describe, expect, it } from "vitest";
import { LINT_CODES, LINT_RULES, lintScenario, lintScenarioSet, lintScenarioText, toPointer, type LintCode } from "@/lib/scenario/lint";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, minimalScenario, readFixture } from "./helpers";

const summary = (findings: { code: string; pointer: string }[]) => findings.map((f) => `${f.code} ${f.pointer}`);

/**
 * One fixture per lint code, with the exact findings it must produce (nothing more).
 * `with` names a file linted together with it (translations are checked against their original).
 */
const FIXTURES: Record<LintCode, { file: string; expected: string[]; with?: string }> = {
  SYNTAX: { file: "syntax-missing-comma.json", expected: ["SYNTAX "] },
  SCHEMA: { file: "schema-unknown-key.json", expected: ["SCHEMA /nodes/0/nxt"] },
  DUPLICATE_ID: { file: "duplicate-id.json", expected: ["DUPLICATE_ID /nodes/2/options/2/id"] },
  MISSING_START: { file: "missing-start.json", expected: ["MISSING_START /start"] },
  NO_END: { file: "no-end.json", expected: ["NO_END /nodes"] },
  DANGLING_REF: { file: "dangling-ref.json", expected: ["DANGLING_REF /nodes/1/options/0/next"] },
  NO_PATH_TO_END: { file: "no-path-to-end.json", expected: ["NO_PATH_TO_END /nodes/4", "NO_PATH_TO_END /nodes/5"] },
  TYPE_MISMATCH: { file: "type-mismatch.json", expected: ["TYPE_MISMATCH /nodes/4/cases/0/when/all/1/value"] },
  UNREACHABLE: { file: "unreachable.json", expected: ["UNREACHABLE /nodes/7"] },
  UNUSED: { file: "unused.json", expected: ["UNUSED /variables/escalated"] },
  UNSCORED_DECISION: { file: "unscored-decision.json", expected: ["UNSCORED_DECISION /nodes/3"] },
  NO_FALLBACK: { file: "no-fallback.json", expected: ["NO_FALLBACK /nodes/3/options"] },
  EMPTY_TEXT: { file: "empty-text.json", expected: ["EMPTY_TEXT /nodes/6/debrief"] },
  UNKNOWN_CSF_REF: { file: "unknown-csf-ref.json", expected: ["UNKNOWN_CSF_REF /capabilities/1/ref"] },
  CSF_REF_MISMATCH: { file: "csf-ref-mismatch.json", expected: ["CSF_REF_MISMATCH /capabilities/0/ref"] },
  LENGTH_TELL: { file: "length-tell.json", expected: ["LENGTH_TELL /nodes"] },
  STRAWMAN_DECISION: { file: "strawman-decision.json", expected: ["STRAWMAN_DECISION /nodes/3"] },
  NO_TRADEOFF: { file: "no-tradeoff.json", expected: ["NO_TRADEOFF /nodes"] },
  UNSCORED_CATEGORY: { file: "unscored-category.json", expected: ["UNSCORED_CATEGORY /capabilities/3"] },
  UNKNOWN_REGIME: { file: "unknown-regime.json", expected: ["UNKNOWN_REGIME /clocks/0/regime"] },
  TRIGGER_NEVER_FIRES: { file: "trigger-never-fires.json", expected: ["TRIGGER_NEVER_FIRES /clocks/0/start"] },
  NOTICE_FIELD_MISSING: { file: "notice-field-missing.json", expected: ["NOTICE_FIELD_MISSING /tasks/0/fields"] },
  UNDECLARED_OWNER: { file: "undeclared-owner.json", expected: ["UNDECLARED_OWNER /nodes/3/owner/0"] },
  CLOCK_SETUP: { file: "clock-setup.json", expected: ["CLOCK_SETUP /clocks"] },
  CLOCK_NEVER_EXPIRES: { file: "clock-never-expires.json", expected: ["CLOCK_NEVER_EXPIRES /clocks/0"] },
  CLOCK_ALWAYS_EXPIRES: { file: "clock-always-expires.json", expected: ["CLOCK_ALWAYS_EXPIRES /clocks/0"] },
  TRANSLATION_MISMATCH: {
    file: "translation-mismatch.json",
    with: "valid-minimal.json",
    expected: ["TRANSLATION_MISMATCH /nodes/2/options/0/score/DE"],
  },
};

function lintFixture(file: string, other?: string) {
  if (!other) return lintScenarioText(readFixture(file));
  const results = lintScenarioSet([
    { name: other, text: readFixture(other) },
    { name: file, text: readFixture(file) },
  ]);
  expect(results[0].findings).toEqual([]);
  return results[1];
}

describe("lint fixtures", () => {
  it("has a failing fixture for every lint code", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual([...LINT_CODES].sort());
  });

  it("accepts the format 1.1 reference (exercise time, clocks, tasks, owners) with no findings", () => {
    const result = lintScenarioText(readFixture("valid-clocks.json"));
    expect(result.findings).toEqual([]);
    expect(result.scenario?.clocks[0].regime).toBe("gdpr-art33");
    expect(result.scenario?.nodes.find((n) => n.id === "notify")).toMatchObject({ owner: ["dpo"], justify: true });
  });

  it("accepts the reference scenario with no findings and returns it parsed", () => {
    const result = lintScenarioText(readFixture("valid-minimal.json"));
    expect(result.findings).toEqual([]);
    expect(result.scenario?.id).toBe("valid-minimal");
    expect(result.scenario?.nodes).toHaveLength(7);
  });

  for (const [code, { file, expected, with: other }] of Object.entries(FIXTURES)) {
    it(`${file} reports ${code}`, () => {
      const result = lintFixture(file, other);
      expect(summary(result.findings)).toEqual(expected);
      for (const finding of result.findings) {
        expect(finding.severity).toBe(LINT_RULES[code as LintCode].severity);
        expect(finding.message.length).toBeGreaterThan(20);
      }
      if (LINT_RULES[code as LintCode].severity === "error") expect(result.scenario).toBeUndefined();
      else expect(result.scenario).toBeDefined();
    });
  }
});

describe("lintScenarioText", () => {
  it("reports SYNTAX with line and column", () => {
    const [finding] = lintScenarioText(readFixture("syntax-missing-comma.json")).findings;
    expect(finding).toMatchObject({ code: "SYNTAX", pointer: "", line: 6, column: 3 });
    expect(finding.message).toContain("line 6, column 3");
    expect(finding.message).toContain('after the value of "title"');
  });

  it.each([
    ['{"a": 1,}', 1, 9, "trailing comma"],
    ['{\n  "a": [1, 2,]\n}', 2, 14, "trailing comma"],
    ["{'a': 1}", 1, 2, "double quotes"],
    ['{"a": "x\ny"}', 1, 9, "line break inside a string"],
    ['{"a": 1} // note', 1, 10, "comments are not allowed"],
    ['{"a": ', 1, 7, "unexpected end of file"],
    ["", 1, 1, "unexpected end of file"],
  ])("locates %j at line %i column %i", (text, line, column, words) => {
    const findings = lintScenarioText(text).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "SYNTAX", line, column });
    expect(findings[0].message).toContain(words);
  });

  it("reports a key repeated in one object, which JSON.parse would silently drop", () => {
    const text = readFixture("valid-minimal.json").replace('"start": "tip",', '"start": "tip",\n  "start": "tip",');
    const result = lintScenarioText(text);
    expect(summary(result.findings)).toEqual(["SCHEMA /start"]);
    expect(result.findings[0].message).toContain("more than once");
    expect(result.scenario).toBeUndefined();
  });

  it("refuses absurdly deep nesting instead of overflowing the stack", () => {
    const deep = '{"a": ' + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    const findings = lintScenarioText(deep).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].code).toBe("SCHEMA");
    expect(findings[0].pointer).toMatch(/^\/a\/0\/0\//);
    expect(findings[0].message).toContain("levels deep");
  });

  it("ignores a UTF-8 byte order mark", () => {
    expect(lintScenarioText("\uFEFF" + readFixture("valid-minimal.json")).findings).toEqual([]);
  });
});

describe("SCHEMA findings", () => {
  it("points at the unknown key itself and suggests the right one", () => {
    const [finding] = lintScenarioText(readFixture("schema-unknown-key.json")).findings;
    expect(finding.pointer).toBe("/nodes/0/nxt");
    expect(finding.message).toContain('did you mean "next"?');
    expect(finding.message).toContain("allowed keys here: id, type, title, body");
  });

  it("reports wrong types with what was expected and what was found", () => {
    const [finding] = lintScenarioText(readFixture("schema-wrong-type.json")).findings;
    expect(finding).toMatchObject({ code: "SCHEMA", pointer: "/estimatedMinutes" });
    expect(finding.message).toBe('expected a number, got the string "15"');
  });

  it("reports a missing field at its pointer", () => {
    const s = minimalScenario();
    delete s.nodes[0].next;
    const result = lintScenario(s);
    expect(summary(result.findings)).toEqual(["SCHEMA /nodes/0/next"]);
    expect(result.findings[0].message).toContain('missing required field "next"');
  });

  it("reports unknown keys in nested, optional and conditional objects", () => {
    const s = minimalScenario();
    s.capabilities[0].framwork = "custom";
    s.nodes[1].onTimeout.nxt = "scope";
    s.nodes[2].options[1].when = { not: { var: "contained", op: "eq", value: true, extra: 1 } };
    s.nodes[0].editor.z = 3;
    const codes = summary(lintScenario(s).findings);
    expect(codes).toEqual([
      "SCHEMA /capabilities/0/framwork",
      "SCHEMA /nodes/0/editor/z",
      "SCHEMA /nodes/1/onTimeout/nxt",
      "SCHEMA /nodes/2/options/1/when/not/extra",
    ]);
  });

  it("names the valid node types when the type is wrong", () => {
    const s = minimalScenario();
    s.nodes[5].type = "ending";
    const finding = lintScenario(s).findings.find((f) => f.pointer === "/nodes/5/type");
    expect(finding?.message).toBe('type "ending" is not valid; use one of "inject", "decision", "branch", "end"');
  });

  it("explains a condition that matches no shape", () => {
    const s = minimalScenario();
    s.nodes[2].options[1].when = { vsited: "tip" };
    const [finding] = lintScenario(s).findings;
    expect(finding.pointer).toBe("/nodes/2/options/1/when");
    expect(finding.message).toContain('unknown key "vsited" (did you mean "visited"?)');
    expect(finding.message).toContain("A condition:");
  });

  it("uses the schema's own message for patterns", () => {
    const s = minimalScenario();
    s.id = "Valid_Minimal";
    s.locale = "english please";
    const findings = lintScenario(s).findings;
    expect(summary(findings)).toEqual(["SCHEMA /id", "SCHEMA /locale"]);
    expect(findings[0].message).toContain("kebab-case");
    expect(findings[1].message).toContain("BCP-47");
  });

  it("requires schemaVersion 1 and at least two options per decision", () => {
    const s = minimalScenario();
    s.schemaVersion = 2;
    s.nodes[3].options = [s.nodes[3].options[0]];
    const findings = lintScenario(s).findings;
    expect(summary(findings)).toEqual(["SCHEMA /schemaVersion", "SCHEMA /nodes/3/options"]);
    expect(findings[1].message).toContain("at least two options");
  });

  it("says what a single value may be when it matches no alternative", () => {
    const s = minimalScenario();
    s.nodes[1].decidedBy = 5;
    s.nodes[2].options[1].when = "contained";
    s.nodes[0].media[0].kind = "sms";
    const findings = lintScenario(s).findings;
    expect(findings.map((f) => `${f.pointer}: ${f.message}`)).toEqual([
      '/nodes/0/media/0/kind: must be one of "email", "chat", "news", "social", "document", "phone", got the string "sms"',
      '/nodes/1/decidedBy: expected "team-vote" or a string, got number 5. "team-vote" (default) or the id of the role that decides.',
      expect.stringMatching(/^\/nodes\/2\/options\/1\/when: expected an object, got the string "contained"\. A condition: /),
    ]);
  });

  it("reports a malformed reference once, as SCHEMA, not again as DANGLING_REF", () => {
    const s = minimalScenario();
    s.nodes[1].decidedBy = "Bad Role";
    s.nodes[0].next = "not an id";
    expect(summary(lintScenario(s).findings)).toEqual(["SCHEMA /nodes/0/next", "SCHEMA /nodes/1/decidedBy"]);
  });

  it("does not flag every declaration as unused when the node list is broken", () => {
    const s = minimalScenario();
    s.nodes = {};
    expect(summary(lintScenario(s).findings)).toEqual(["SCHEMA /nodes"]);
  });

  it("rejects a document that is not an object", () => {
    expect(summary(lintScenarioText("[]").findings)).toEqual(["SCHEMA "]);
  });
});

describe("reference checks", () => {
  it.each([
    ["nodes", (s: any) => s.nodes.push({ ...s.nodes[5] }), "DUPLICATE_ID /nodes/7/id"],
    ["capabilities", (s: any) => s.capabilities.push({ id: "DE", name: "Again" }), "DUPLICATE_ID /capabilities/3/id"],
    ["roles", (s: any) => s.roles.push({ id: "dpo", name: "Again" }), "DUPLICATE_ID /roles/2/id"],
    ["training", (s: any) => s.training.push({ id: "gdpr-art33", title: "Again" }), "DUPLICATE_ID /training/2/id"],
    ["objectives", (s: any) => s.objectives.push({ ...s.objectives[0] }), "DUPLICATE_ID /objectives/2/id"],
  ])("reports duplicate %s", (_, change, expected) => {
    const s = minimalScenario();
    change(s);
    expect(summary(lintScenario(s).findings)).toContain(expected);
  });

  it("reports duplicate question ids across the scenario", () => {
    const s = minimalScenario();
    s.nodes[0].questions[1].id = "q-owner";
    expect(summary(lintScenario(s).findings)).toEqual(["DUPLICATE_ID /nodes/0/questions/1/id"]);
  });

  it("reports every kind of dangling reference with the known ids", () => {
    const s = minimalScenario();
    s.nodes[1].onTimeout.next = "nowhere";
    s.nodes[4].else = "elsewhere";
    s.nodes[3].decidedBy = "ceo";
    s.nodes[0].audience = ["board"];
    s.nodes[0].questions[0].roles = ["it-leed"];
    s.nodes[1].options[0].score.PR = 1;
    s.nodes[1].options[0].training.push("phishing-101");
    s.objectives[0].capabilities.push("ID");
    s.nodes[2].options[1].when = { any: [{ visited: "tipp" }, { var: "severity", op: "gt", value: 2 }] };
    s.nodes[4].cases[0].when.all.push({ chose: "notify.call-lawyer" }, { chose: "scope.@timeout" }, { chose: "tip.x" });
    s.nodes[2].options[0].effects.push({ add: "counter", value: 1 });
    const findings = lintScenario(s).findings;
    expect(summary(findings)).toEqual([
      "DANGLING_REF /nodes/0/audience/0",
      "DANGLING_REF /nodes/0/questions/0/roles/0",
      "DANGLING_REF /nodes/1/options/0/score/PR",
      "DANGLING_REF /nodes/1/options/0/training/1",
      "DANGLING_REF /nodes/1/onTimeout/next",
      "DANGLING_REF /nodes/2/options/0/effects/1/add",
      "DANGLING_REF /nodes/2/options/1/when/any/0/visited",
      "DANGLING_REF /nodes/2/options/1/when/any/1/var",
      "DANGLING_REF /nodes/3/decidedBy",
      "DANGLING_REF /nodes/4/cases/0/when/all/2/chose",
      "DANGLING_REF /nodes/4/cases/0/when/all/3/chose",
      "DANGLING_REF /nodes/4/cases/0/when/all/4/chose",
      "DANGLING_REF /nodes/4/else",
      "DANGLING_REF /objectives/0/capabilities/2",
      "UNUSED /roles/1",
    ]);
    const byPointer = (p: string) => findings.find((f) => f.pointer === p)?.message ?? "";
    expect(byPointer("/nodes/1/onTimeout/next")).toContain('known nodes: "tip", "contain"');
    expect(byPointer("/nodes/0/questions/0/roles/0")).toContain('did you mean "it-lead"?');
    expect(byPointer("/nodes/2/options/1/when/any/1/var")).toContain('declared variables: "contained", "hoursElapsed"');
    expect(byPointer("/nodes/4/cases/0/when/all/2/chose")).toContain('decision "notify" has no option "call-lawyer"');
    expect(byPointer("/nodes/4/cases/0/when/all/3/chose")).toContain("has no onTimeout");
    expect(byPointer("/nodes/4/cases/0/when/all/4/chose")).toContain("is a inject node, not a decision");
  });

  it("accepts chose on a timeout and ids that contain dots", () => {
    const s = minimalScenario();
    s.nodes[3].options[0].id = "report.now";
    s.nodes[4].cases[0].when.all.push({ any: [{ chose: "contain.@timeout" }, { chose: "notify.report.now" }] });
    expect(lintScenario(s).findings).toEqual([]);
  });

  it("reports TYPE_MISMATCH for ordering on non-numbers, set with the wrong type, and add on a non-number", () => {
    const s = minimalScenario();
    s.nodes[2].options[1].when = { var: "contained", op: "gt", value: true };
    s.nodes[1].options[0].effects = [
      { set: "contained", value: "yes" },
      { add: "contained", value: 1 },
    ];
    expect(summary(lintScenario(s).findings)).toEqual([
      "TYPE_MISMATCH /nodes/1/options/0/effects/0/value",
      "TYPE_MISMATCH /nodes/1/options/0/effects/1/add",
      "TYPE_MISMATCH /nodes/2/options/1/when/op",
    ]);
  });

  it("rejects add with a non-number value in the schema", () => {
    const s = minimalScenario();
    s.nodes[1].options[0].effects = [{ add: "hoursElapsed", value: "2" }];
    expect(summary(lintScenario(s).findings)).toEqual(["SCHEMA /nodes/1/options/0/effects/0/value"]);
  });
});

describe("graph checks", () => {
  it("accepts a loop that has an exit", () => {
    const s = minimalScenario();
    // "monitor" goes back to "scope", which can still leave through its other options.
    s.nodes[2].options[2].next = "scope";
    expect(lintScenario(s).findings).toEqual([]);
  });

  it("reports every node that is trapped, not only the first", () => {
    const findings = lintScenarioText(readFixture("no-path-to-end.json")).findings;
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('no end can be reached from node "wait-more"'),
      expect.stringContaining('no end can be reached from node "wait-longer"'),
    ]);
  });

  it("does not cascade a dangling reference into NO_PATH_TO_END or UNREACHABLE", () => {
    const s = minimalScenario();
    s.nodes[3].options[0].next = "missing";
    s.nodes[3].options[1].next = "missing";
    expect(summary(lintScenario(s).findings)).toEqual([
      "DANGLING_REF /nodes/3/options/0/next",
      "DANGLING_REF /nodes/3/options/1/next",
      "UNREACHABLE /nodes/4",
      "UNREACHABLE /nodes/5",
      "UNREACHABLE /nodes/6",
    ]);
  });

  it("does not guess about reachability when a reachable node is broken", () => {
    const s = minimalScenario();
    s.nodes[0].nxt = s.nodes[0].next;
    delete s.nodes[0].next;
    expect(summary(lintScenario(s).findings)).toEqual(["SCHEMA /nodes/0/next", "SCHEMA /nodes/0/nxt"]);
  });

  it("still checks references of a node whose type is misspelt", () => {
    const s = minimalScenario();
    s.nodes[3].type = "decison";
    s.nodes[3].options[0].next = "nowhere";
    const codes = summary(lintScenario(s).findings);
    expect(codes).toContain("SCHEMA /nodes/3/type");
    expect(codes).toContain("DANGLING_REF /nodes/3/options/0/next");
    // Its decidedBy still counts as a use of the role.
    expect(codes).not.toContain("UNUSED /roles/1");
  });

  it("reports unused roles, capabilities and training topics", () => {
    const s = minimalScenario();
    s.roles.push({ id: "comms", name: "Communications" });
    s.capabilities.push({ id: "RC", name: "Recover", framework: "nist-csf-2.0" });
    s.training.push({ id: "press", title: "Talking to the press" });
    expect(summary(lintScenario(s).findings)).toEqual(["UNUSED /roles/2", "UNUSED /capabilities/3", "UNUSED /training/2"]);
  });

  it("reports EMPTY_TEXT for body, prompt and debrief", () => {
    const s = minimalScenario();
    s.nodes[0].body = "";
    s.nodes[2].prompt = " \n";
    s.nodes[5].debrief = "";
    expect(summary(lintScenario(s).findings)).toEqual([
      "EMPTY_TEXT /nodes/0/body",
      "EMPTY_TEXT /nodes/2/prompt",
      "EMPTY_TEXT /nodes/5/debrief",
    ]);
  });

  it("does not warn NO_FALLBACK when an onTimeout exists", () => {
    const s = minimalScenario();
    for (const option of s.nodes[1].options) option.when = { visited: "tip" };
    expect(lintScenario(s).findings).toEqual([]);
  });

  it("reports all findings of a file with several problems, errors first", () => {
    const result = lintScenarioText(readFixture("many-problems.json"));
    expect(summary(result.findings)).toEqual([
      "SCHEMA /nodes/0/nxt",
      "DANGLING_REF /nodes/1/options/0/next",
      "TYPE_MISMATCH /nodes/4/cases/0/when/all/1/value",
      "UNUSED /variables/escalated",
    ]);
    expect(result.scenario).toBeUndefined();
  });
});

describe("toPointer", () => {
  it("escapes ~ and / as RFC 6901 requires", () => {
    expect(toPointer(["a/b", "m~n", 0])).toBe("/a~1b/m~0n/0");
    expect(toPointer([])).toBe("");
  });
});

describe("docs/scenario-format.md", () => {
  const doc = readFileSync(path.join(ROOT, "docs/scenario-format.md"), "utf8");

  it("lists every lint code with its severity and meaning", () => {
    for (const [code, rule] of Object.entries(LINT_RULES)) {
      expect(doc).toContain(`| \`${code}\` | ${rule.severity} | ${rule.summary} |`);
    }
  });

  it("has an example that lints clean", () => {
    const example = /```json\n(\{\n  "\$schema"[\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(lintScenarioText(example!).findings).toEqual([]);
  });
});

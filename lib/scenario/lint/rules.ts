// Lint codes, findings and their formatting: the stable vocabulary every check reports in.
// Codes never change meaning; the docs table (docs/scenario-format.md) mirrors LINT_RULES.
import type { TScenario } from "../schema";

export type Severity = "error" | "warning";

/** Every lint code, its severity and what it means (the docs table mirrors this). */
export const LINT_RULES = {
  SYNTAX: { severity: "error", summary: "The file is not valid JSON (reported with line and column)." },
  SCHEMA: { severity: "error", summary: "Wrong shape or type, a missing field, an unknown or duplicated key." },
  DUPLICATE_ID: {
    severity: "error",
    summary: "Two nodes, options of one decision, capabilities, roles, questions, training topics or objectives share an id.",
  },
  MISSING_START: { severity: "error", summary: "`start` names no node." },
  NO_END: { severity: "error", summary: "The scenario has no end node." },
  DANGLING_REF: {
    severity: "error",
    summary:
      "A next/else/onTimeout.next, visited/chose target, role, capability, training id or variable that does not exist.",
  },
  NO_PATH_TO_END: {
    severity: "error",
    summary: "A node reachable from start from which no end can be reached. Loops with an exit are fine.",
  },
  TYPE_MISMATCH: {
    severity: "error",
    summary: "A condition or effect value whose type differs from the variable's type, ordering on a non-number, or `add` on a non-number.",
  },
  UNREACHABLE: { severity: "warning", summary: "A node that cannot be reached from start." },
  UNUSED: {
    severity: "warning",
    summary: "A variable never read or written, a role never addressed, a capability never scored, or a training topic never linked.",
  },
  UNSCORED_DECISION: { severity: "warning", summary: "A decision none of whose options carries a score." },
  NO_FALLBACK: { severity: "warning", summary: "Every option of a decision has `when` and there is no `onTimeout`." },
  EMPTY_TEXT: { severity: "warning", summary: "An empty inject body, decision prompt or end debrief." },
  UNKNOWN_CSF_REF: {
    severity: "error",
    summary: "A `nist-csf-2.0` capability whose ref is not a CSF 2.0 function (GV, ID, PR, DE, RS, RC) or category (e.g. RS.CO).",
  },
  CSF_REF_MISMATCH: {
    severity: "error",
    summary: "A capability whose id is a CSF id (e.g. RS or RS.CO) but whose ref lies in another function.",
  },
  LENGTH_TELL: {
    severity: "warning",
    summary: "The top-scoring option has the longest label in more than half of the decisions with at least three options.",
  },
  STRAWMAN_DECISION: {
    severity: "warning",
    summary: 'Only one option scores above zero and every other at or below zero, on a decision not marked `"teaching": "single-answer"`.',
  },
  NO_TRADEOFF: {
    severity: "warning",
    summary: "No decision has two options that each score better than the other on a different capability.",
  },
  UNSCORED_CATEGORY: {
    severity: "warning",
    summary: "A capability that stands for a CSF category and appears in scores, but to which no option awards points.",
  },
  TRANSLATION_MISMATCH: {
    severity: "error",
    summary:
      "Linted together with its original, a translation differs in language link or graph (ids, order, targets, scores, conditions, effects, roles, capabilities, variables).",
  },
  UNKNOWN_REGIME: { severity: "error", summary: "A clock whose `regime` is not one Readyroom knows (see Clocks)." },
  TRIGGER_NEVER_FIRES: {
    severity: "error",
    summary: "A clock start/awareness trigger or a determination that names something missing or unreachable, or a chain of tasks that waits on itself.",
  },
  NOTICE_FIELD_MISSING: { severity: "error", summary: "A notification task that does not offer a field its clock's regime requires (e.g. GDPR Art. 33(3)(a)–(d))." },
  UNDECLARED_OWNER: { severity: "error", summary: "A decision `owner`/`consult` or a task `submitter` that names a role not declared in `roles`." },
  CLOCK_SETUP: {
    severity: "error",
    summary:
      "Clocks without `exerciseTime` or `schemaVersion` 1.1, a declared-deadline regime without `deadline` (or a statutory one with it), `awareness` misused, or a clock with no notification task.",
  },
  CLOCK_NEVER_EXPIRES: { severity: "warning", summary: "On no path does the story run past the clock's deadline, so no team can miss it." },
  CLOCK_ALWAYS_EXPIRES: { severity: "warning", summary: "On every path the clock's notice opens only after its deadline, so no team can be on time." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type LintCode = keyof typeof LINT_RULES;
export const LINT_CODES = Object.keys(LINT_RULES) as LintCode[];

export interface Finding {
  severity: Severity;
  code: LintCode;
  /** RFC 6901 JSON pointer of the offending value; "" is the whole document. */
  pointer: string;
  message: string;
  /** 1-based position, set for SYNTAX findings. */
  line?: number;
  column?: number;
}

export interface LintResult {
  findings: Finding[];
  /** The parsed scenario (defaults applied), present only when there is no error finding. */
  scenario?: TScenario;
}

export type Path = ReadonlyArray<string | number>;

export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((seg) => "/" + String(seg).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** `FILE: error|warning CODE POINTER: message`, the CLI's line format. */
export function formatFinding(file: string, finding: Finding): string {
  return `${file}: ${finding.severity} ${finding.code} ${finding.pointer}: ${finding.message}`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === "error" ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

export function finding(code: LintCode, path: Path, message: string): Finding {
  return { severity: LINT_RULES[code].severity, code, pointer: toPointer(path), message };
}

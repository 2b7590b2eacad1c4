// The scenario linter: JSON syntax, schema shape, graph and reference checks, CSF refs,
// pedagogy and (for files linted together) translations, each finding with a stable code,
// a severity, an RFC 6901 pointer and a message that says what to do.
// Pure (no fs): the CLI, the studio and the web upload path all call in here.
import { ZScenario, type TScenario } from "../schema";
import { compareTranslation } from "../translation";
import { checkClocks } from "./clocks";
import { checkCsfRefs } from "./csf-refs";
import { scanJson, lineAndColumn, MAX_JSON_DEPTH } from "./json-scan";
import { checkPedagogy } from "./pedagogy";
import { checkReferences } from "./references";
import { finding, hasErrors, sortFindings, toPointer, type Finding, type LintResult } from "./rules";
import { DEFAULT_MESSAGE, reportIssue } from "./schema-issues";

export {
  LINT_CODES,
  LINT_RULES,
  formatFinding,
  hasErrors,
  toPointer,
  type Finding,
  type LintCode,
  type LintResult,
} from "./rules";

/** Lints the text of a scenario file. */
export function lintScenarioText(text: string): LintResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scan = scanJson(source);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const located = scan.error ?? {
      offset: 0,
      message: error instanceof Error ? error.message : "the file is not valid JSON",
    };
    const { line, column } = lineAndColumn(source, located.offset);
    return {
      findings: [
        {
          severity: "error",
          code: "SYNTAX",
          pointer: "",
          message: `line ${line}, column ${column}: ${located.message}`,
          line,
          column,
        },
      ],
    };
  }
  if (scan.tooDeep) {
    const message = `nested more than ${MAX_JSON_DEPTH} levels deep; flatten the structure (e.g. combine conditions with one "all" or "any")`;
    return { findings: [finding("SCHEMA", scan.tooDeep, message)] };
  }
  const duplicateKeys: Finding[] = scan.duplicateKeys.map(({ path, key }) => ({
    severity: "error",
    code: "SCHEMA",
    pointer: toPointer([...path, key]),
    message: `key "${key}" appears more than once in this object and JSON keeps only the last one; remove or rename the duplicate`,
  }));
  const result = lintScenario(data);
  if (duplicateKeys.length === 0) return result;
  return { findings: sortFindings([...duplicateKeys, ...result.findings]) };
}

/** Lints an already-parsed value (e.g. from an API body). */
export function lintScenario(data: unknown): LintResult {
  const findings: Finding[] = [];
  const parsed = ZScenario.safeParse(data, { error: () => DEFAULT_MESSAGE });
  const brokenNodes = new Set<number>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      reportIssue(issue, [], ZScenario, data, findings);
      if (issue.path[0] === "nodes" && typeof issue.path[1] === "number") brokenNodes.add(issue.path[1]);
    }
  }
  // Graph and reference checks run on the raw value, so they still report what they can
  // when parts of the file do not match the schema.
  checkReferences(data, brokenNodes, findings);
  checkCsfRefs(data, findings);
  if (parsed.success) checkClocks(parsed.data, findings);
  // Pedagogy is judged only on a sound scenario: on a broken one it would guess.
  if (parsed.success && !hasErrors(findings)) checkPedagogy(parsed.data, findings);
  const sorted = sortFindings(findings);
  return { findings: sorted, scenario: parsed.success && !hasErrors(sorted) ? parsed.data : undefined };
}

export type NamedText = { name: string; text: string };
export type NamedLintResult = LintResult & { name: string };

/**
 * Lints several files together: each on its own, then every translation against its
 * original when both are in the set (TRANSLATION_MISMATCH on the translation).
 */
export function lintScenarioSet(files: readonly NamedText[]): NamedLintResult[] {
  const results: NamedLintResult[] = files.map(({ name, text }) => ({ name, ...lintScenarioText(text) }));
  const byId = new Map<string, TScenario>();
  for (const { scenario } of results) if (scenario && !byId.has(scenario.id)) byId.set(scenario.id, scenario);
  for (const result of results) {
    const translation = result.scenario;
    const original = translation?.translationOf !== undefined ? byId.get(translation.translationOf) : undefined;
    if (!translation || !original) continue;
    const differences = compareTranslation(original, translation);
    if (differences.length === 0) continue;
    result.findings = sortFindings([
      ...result.findings,
      ...differences.map(
        (d): Finding => ({
          severity: "error",
          code: "TRANSLATION_MISMATCH",
          pointer: d.pointer,
          message: `differs from its original "${original.id}": ${d.message}; only text may differ between translations`,
        }),
      ),
    ]);
    result.scenario = undefined;
  }
  return results;
}


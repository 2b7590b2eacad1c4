// The scenario linter: JSON syntax, schema shape, and graph/reference checks, each finding
// with a stable code, a severity, an RFC 6901 pointer and a message that says what to do.
// Pure (no fs): the CLI and the web upload path both call lintScenarioText.
import { z } from "zod";
import { splitChoseTarget, valueType } from "./conditions";
import {
  ID_PATTERN,
  NODE_TYPES,
  TEAM_VOTE,
  TIMEOUT_CHOICE,
  ZScenario,
  type TScenario,
  type TValue,
  type TVariableType,
} from "./schema";

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

type Path = ReadonlyArray<string | number>;

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
  checkSemantics(data, brokenNodes, findings);
  const sorted = sortFindings(findings);
  return { findings: sorted, scenario: parsed.success && !hasErrors(sorted) ? parsed.data : undefined };
}

function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === "error" ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

function finding(code: LintCode, path: Path, message: string): Finding {
  return { severity: LINT_RULES[code].severity, code, pointer: toPointer(path), message };
}

// ---------------------------------------------------------------------------------------
// SYNTAX: JSON.parse parses; this scanner only explains where and why it failed (engines
// word and locate errors differently) and spots duplicate keys, which JSON.parse hides.

/** Deeper documents are refused before parsing them further (real scenarios nest ~10 levels). */
export const MAX_JSON_DEPTH = 100;

interface JsonScan {
  error?: { offset: number; message: string };
  /** Where the document first nests deeper than MAX_JSON_DEPTH. */
  tooDeep?: Path;
  duplicateKeys: Array<{ path: Path; key: string }>;
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function scanJson(text: string): JsonScan {
  const duplicateKeys: JsonScan["duplicateKeys"] = [];
  let tooDeep: Path | undefined;
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonScanError(at, message);
  };
  const describeHere = () =>
    i >= text.length ? "the end of the file" : text[i] === '"' ? "the start of a string" : `"${text[i]}"`;
  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) fail("comments are not allowed in JSON; remove it");
      else break;
    }
  };
  const scanString = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) fail("unterminated string: add the closing double quote", start);
      const c = text[i];
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("invalid \\u escape: it needs four hex digits");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`invalid escape "\\${e ?? ""}" in string; write a backslash as "\\\\"`);
        }
        continue;
      }
      if (c === "\n" || c === "\r") fail("line break inside a string: close the string or write the break as \\n");
      if (c.charCodeAt(0) < 0x20) fail("control character inside a string: escape it (for a tab write \\t)");
      i++;
    }
  };
  const scanValue = (path: Path): void => {
    if (path.length > MAX_JSON_DEPTH) {
      tooDeep = path;
      fail(`the document is nested more than ${MAX_JSON_DEPTH} levels deep`);
    }
    skipSpace();
    if (i >= text.length) fail("unexpected end of file: a value is missing");
    const c = text[i];
    if (c === "{") return scanObject(path);
    if (c === "[") return scanArray(path);
    if (c === '"') {
      scanString();
      return;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      match.lastIndex = i;
      const m = match.exec(text);
      if (!m) fail("invalid number");
      i += m![0].length;
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    if (c === "'") fail("strings must use double quotes, not single quotes");
    if (c === "}" || c === "]") fail(`unexpected "${c}": a value is missing (trailing comma?)`);
    fail(`unexpected ${describeHere()}: expected a value (string, number, object, array, true, false or null)`);
  };
  const scanObject = (path: Path): void => {
    i++;
    const seen = new Set<string>();
    skipSpace();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') {
        if (text[i] === "}") fail('trailing comma before "}" is not allowed in JSON; remove it');
        if (text[i] === "'") fail("property names must use double quotes, not single quotes");
        fail(`expected a property name in double quotes, found ${describeHere()}`);
      }
      const key = scanString();
      if (seen.has(key)) duplicateKeys.push({ path, key });
      seen.add(key);
      skipSpace();
      if (text[i] !== ":") fail(`expected ":" after the property name "${key}", found ${describeHere()}`);
      i++;
      scanValue([...path, key]);
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected "," or "}" after the value of "${key}", found ${describeHere()} (missing comma?)`);
    }
  };
  const scanArray = (path: Path): void => {
    i++;
    skipSpace();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[i] === "]") fail('trailing comma before "]" is not allowed in JSON; remove it');
      scanValue([...path, index]);
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected "," or "]" after array item ${index}, found ${describeHere()} (missing comma?)`);
    }
  };
  try {
    scanValue([]);
    skipSpace();
    if (i < text.length) fail("unexpected content after the end of the JSON document");
    return { duplicateKeys };
  } catch (error) {
    if (error instanceof JsonScanError) return { error: { offset: error.offset, message: error.message }, tooDeep, duplicateKeys };
    throw error;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------
// SCHEMA: turn zod issues into findings. Zod's own wording is replaced where the schema did
// not give a message, and unions are narrowed to the branch the author most likely meant.

const DEFAULT_MESSAGE = "\u0000default";

type AnySchema = z.core.$ZodType;

function reportIssue(issue: z.core.$ZodIssue, base: Path, baseSchema: AnySchema | undefined, root: unknown, out: Finding[]) {
  const path: Path = [...base, ...issue.path.map((seg) => (typeof seg === "number" ? seg : String(seg)))];
  const value = valueAt(root, path);
  const custom = issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
  const push = (p: Path, message: string) => out.push(finding("SCHEMA", p, message));
  const schemaHere = () => (baseSchema ? schemaAt(baseSchema, issue.path, valueAt(root, base)) : undefined);

  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = objectKeys(schemaHere());
      for (const key of issue.keys) {
        const hint = allowed ? `${didYouMean(key, allowed)}allowed keys here: ${allowed.join(", ")}` : "remove it";
        push([...path, key], `unknown key "${key}"; ${hint}`);
      }
      return;
    }
    case "invalid_type": {
      const parent = valueAt(root, path.slice(0, -1));
      const key = path[path.length - 1];
      if (value === undefined && isObj(parent) && typeof key === "string" && !(key in parent)) {
        push(path, custom ?? `missing required field "${key}"; add it (${FIELD_HINTS[key] ?? expectedName(issue.expected)})`);
      } else {
        push(path, custom ?? `expected ${expectedName(issue.expected)}, got ${describeValue(value)}`);
      }
      return;
    }
    case "invalid_value":
      push(path, custom ?? `must be ${oneOf(issue.values)}, got ${describeValue(value)}`);
      return;
    case "invalid_format":
      push(path, `${custom ?? `must be a valid ${issue.format}`}; got ${describeValue(value)}`);
      return;
    case "too_small":
    case "too_big": {
      if (custom) return push(path, custom);
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const comparison =
        issue.code === "too_small" ? (issue.inclusive ? "at least" : "more than") : issue.inclusive ? "at most" : "less than";
      if (issue.origin === "array" || issue.origin === "string") {
        const unit = issue.origin === "array" ? "item(s)" : "character(s)";
        push(path, `must have ${comparison} ${String(bound)} ${unit}`);
      } else {
        push(path, `must be ${comparison.replace("more", "greater")} ${String(bound)}, got ${describeValue(value)}`);
      }
      return;
    }
    case "invalid_key": {
      const key = path[path.length - 1];
      const reason = issue.issues.map((inner) => (inner.message !== DEFAULT_MESSAGE ? inner.message : "invalid key"));
      push(path, `key ${JSON.stringify(key)} is not allowed: ${reason.join("; ")}`);
      return;
    }
    case "invalid_union": {
      if ("note" in issue && issue.note === "No matching discriminator") {
        const options = ("options" in issue && Array.isArray(issue.options) ? issue.options : []) as unknown[];
        const field = String(path[path.length - 1]);
        const allowed = options.map((o) => JSON.stringify(o)).join(", ");
        push(
          path,
          value === undefined
            ? `missing "${field}"; set it to one of ${allowed}`
            : `${field} ${JSON.stringify(value)} is not valid; use one of ${allowed}`,
        );
        return;
      }
      reportUnion(issue, path, schemaHere(), root, out);
      return;
    }
    default:
      push(path, custom ?? "invalid value");
  }
}

/** Picks the union branch with the fewest issues (the one the author most likely meant). */
function reportUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: Path,
  unionSchema: AnySchema | undefined,
  root: unknown,
  out: Finding[],
) {
  const value = valueAt(root, path);
  const branches = unionOptions(unionSchema);
  const counts = issue.errors.map((errors) => errors.length);
  const fewest = Math.min(...counts);
  const best = counts.flatMap((count, index) => (count === fewest ? [index] : []));
  if (best.length === 1) {
    for (const inner of issue.errors[best[0]]) reportIssue(inner, path, branches?.[best[0]], root, out);
    return;
  }
  // Alternatives for a single value (e.g. "team-vote" or a role id): say what each accepts.
  const singleValue = issue.errors.every(
    (errors) => errors.length === 1 && errors[0].path.length === 0 && ["invalid_type", "invalid_value", "invalid_format"].includes(errors[0].code),
  );
  if (singleValue && !isObj(value)) {
    const expected = issue.errors.map(([inner]) => {
      if (inner.code === "invalid_type") return expectedName(inner.expected);
      if (inner.code === "invalid_value") return oneOf(inner.values);
      return inner.message !== DEFAULT_MESSAGE ? `a value where ${inner.message}` : "a value in the right format";
    });
    const description = unionSchema ? describedAs(unionSchema) : undefined;
    const unique = [...new Set(expected)];
    out.push(finding("SCHEMA", path, `expected ${joinOr(unique)}, got ${describeValue(value)}${description ? `. ${description}` : ""}`));
    return;
  }
  let hint = "";
  if (isObj(value) && branches) {
    const allowed = new Set(branches.flatMap((branch) => objectKeys(branch) ?? []));
    const unknown = Object.keys(value).filter((key) => !allowed.has(key));
    hint = unknown
      .map((key) => {
        const suggestion = closest(key, allowed);
        return `; unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
      })
      .join("");
  }
  const description = unionSchema ? describedAs(unionSchema) : undefined;
  out.push(
    finding(
      "SCHEMA",
      path,
      value === undefined
        ? `missing value${description ? `. ${description}` : ""}`
        : `does not match any accepted shape${hint}${description ? `. ${description}` : ""}`,
    ),
  );
}

function unwrapSchema(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let guard = 0; current && guard < 20; guard++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodLazy) {
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as AnySchema;
    } else {
      return current;
    }
  }
  return current;
}

/**
 * The schema that validates the value at `path` below `schema` (whose value is `data`).
 * Wrappers (optional, default) of the final schema are kept so their description is found.
 */
function schemaAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>, data: unknown): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  let value = data;
  for (let depth = 0; ; depth++) {
    const unwrapped = pickDiscriminated(unwrapSchema(current), value);
    if (depth === path.length) return unwrapped instanceof z.ZodObject ? unwrapped : current;
    const seg = path[depth];
    if (unwrapped instanceof z.ZodObject) current = (unwrapped.shape as Record<string, AnySchema>)[String(seg)];
    else if (unwrapped instanceof z.ZodArray) current = unwrapped.element as AnySchema;
    else if (unwrapped instanceof z.ZodRecord) current = unwrapped.valueType as AnySchema;
    else return undefined;
    if (!current) return undefined;
    value = isObj(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[seg as string] : undefined;
  }
}

function pickDiscriminated(schema: AnySchema | undefined, value: unknown): AnySchema | undefined {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return schema;
  const key = schema._zod.def.discriminator;
  if (!isObj(value)) return schema;
  for (const option of schema.options) {
    const literal = (option as unknown as z.ZodObject).shape[key];
    if (literal instanceof z.ZodLiteral && literal.values.has(value[key] as never)) return option as AnySchema;
  }
  return schema;
}

function objectKeys(schema: AnySchema | undefined): string[] | undefined {
  const unwrapped = unwrapSchema(schema);
  return unwrapped instanceof z.ZodObject ? Object.keys(unwrapped.shape) : undefined;
}

function unionOptions(schema: AnySchema | undefined): AnySchema[] | undefined {
  const unwrapped = unwrapSchema(schema);
  return unwrapped instanceof z.ZodUnion ? (unwrapped.options as AnySchema[]) : undefined;
}

/** The author-facing description of a schema: the innermost one through optional/default wrappers. */
function describedAs(schema: AnySchema): string | undefined {
  let found: string | undefined;
  let current: AnySchema | undefined = schema;
  for (let guard = 0; current && guard < 20; guard++) {
    found = z.globalRegistry.get(current)?.description ?? found;
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable || current instanceof z.ZodLazy) {
      current = current.unwrap() as AnySchema;
    } else {
      break;
    }
  }
  return found;
}

const FIELD_HINTS: Record<string, string> = {
  next: "the id of the node that follows",
  else: "the id of the node taken when no case holds",
  start: "the id of the first node",
  id: "a unique id",
  type: '"inject", "decision", "branch" or "end"',
};

function expectedName(expected: string): string {
  const names: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "an integer",
    boolean: "true or false",
    array: "an array",
    object: "an object",
    record: "an object",
  };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value.length > 60 ? `the string "${value.slice(0, 57)}..."` : `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length > 2 ? `one of ${quoted.join(", ")}` : quoted.join(" or ");
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------
// Graph and reference checks over the raw value (best effort when the schema failed).

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const ORDERING_OPS = new Set(["lt", "lte", "gt", "gte"]);

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const seg of path) {
    if (Array.isArray(current) && typeof seg === "number") current = current[seg];
    else if (isObj(current) && typeof seg === "string" && Object.hasOwn(current, seg)) current = current[seg];
    else return undefined;
  }
  return current;
}

interface Declared {
  ids: Map<string, number>;
  /** e.g. "node", "capability". */
  kind: string;
  /** e.g. "nodes", "capabilities". */
  plural: string;
}

/** Collects the ids of a list of declarations and reports duplicates. */
function declare(items: unknown, base: Path, kind: string, plural: string, out: Finding[]): Declared {
  const ids = new Map<string, number>();
  listOf(items).forEach((item, index) => {
    const id = isObj(item) ? stringOf(item.id) : undefined;
    if (id === undefined) return;
    const first = ids.get(id);
    if (first !== undefined) {
      out.push(
        finding(
          "DUPLICATE_ID",
          [...base, index, "id"],
          `${kind} id "${id}" is already used by ${toPointer([...base, first])}; ids must be unique, so rename one of them`,
        ),
      );
    } else {
      ids.set(id, index);
    }
  });
  return { ids, kind, plural };
}

function knownList(ids: Iterable<string>): string {
  const all = [...ids];
  const shown = all.slice(0, 15).map((id) => `"${id}"`).join(", ");
  return all.length > 15 ? `${shown}, … (${all.length - 15} more)` : shown;
}

/** The closest candidate to a probable typo, if one is close enough. */
function closest(id: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === id.toLowerCase() ? 0 : editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(id.length / 3)) ? best : undefined;
}

function didYouMean(id: string, candidates: Iterable<string>): string {
  const best = closest(id, candidates);
  return best === undefined ? "" : `did you mean "${best}"? `;
}

/** Optimal string alignment distance: edits plus swaps of neighbours, so "scoep" is 1 from "scope". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function checkSemantics(root: unknown, brokenNodes: ReadonlySet<number>, out: Finding[]) {
  if (!isObj(root)) return;
  const nodes = listOf(root.nodes);
  const nodeIndex = declare(root.nodes, ["nodes"], "node", "nodes", out);
  const capabilities = declare(root.capabilities, ["capabilities"], "capability", "capabilities", out);
  const roles = declare(root.roles, ["roles"], "role", "roles", out);
  const training = declare(root.training, ["training"], "training topic", "training topics", out);
  declare(root.objectives, ["objectives"], "objective", "objectives", out);

  const variables = new Map<string, TVariableType | undefined>();
  if (isObj(root.variables)) {
    for (const [name, declaration] of Object.entries(root.variables)) {
      const type = isObj(declaration) ? declaration.type : undefined;
      variables.set(name, type === "boolean" || type === "number" || type === "string" ? type : undefined);
    }
  }

  const used = { variables: new Set<string>(), roles: new Set<string>(), capabilities: new Set<string>(), training: new Set<string>() };
  const questionIds = new Map<string, Path>();

  const ref = (id: unknown, declared: Declared, path: Path, lead: string, where: string): number | undefined => {
    // A malformed id is already a SCHEMA finding; do not report it twice.
    if (typeof id !== "string" || !ID_PATTERN.test(id)) return undefined;
    const index = declared.ids.get(id);
    if (index !== undefined) return index;
    const known = declared.ids.size
      ? `known ${declared.plural}: ${knownList(declared.ids.keys())}`
      : `no ${declared.plural} are declared; add one under "${where}"`;
    out.push(finding("DANGLING_REF", path, `${lead} ${declared.kind} "${id}", which does not exist; ${didYouMean(id, declared.ids.keys())}${known}`));
    return undefined;
  };
  const roleRef = (id: unknown, path: Path, lead: string) => {
    if (typeof id !== "string") return;
    used.roles.add(id);
    ref(id, roles, path, lead, "roles");
  };
  const variableRef = (name: string, path: Path, lead: string): TVariableType | undefined => {
    used.variables.add(name);
    if (variables.has(name)) return variables.get(name);
    const known = variables.size
      ? `declared variables: ${knownList(variables.keys())}`
      : `no variables are declared; add it under "variables" with a type and default`;
    out.push(finding("DANGLING_REF", path, `${lead} variable "${name}", which is not declared; ${didYouMean(name, variables.keys())}${known}`));
    return undefined;
  };

  const checkCondition = (condition: unknown, path: Path) => {
    if (!isObj(condition)) return;
    listOf(condition.all).forEach((inner, i) => checkCondition(inner, [...path, "all", i]));
    listOf(condition.any).forEach((inner, i) => checkCondition(inner, [...path, "any", i]));
    if ("not" in condition) checkCondition(condition.not, [...path, "not"]);
    if (typeof condition.var === "string") {
      const type = variableRef(condition.var, [...path, "var"], "condition reads");
      const compared = condition.value;
      if (type && isPrimitive(compared) && valueType(compared) !== type) {
        out.push(
          finding(
            "TYPE_MISMATCH",
            [...path, "value"],
            `variable "${condition.var}" is a ${type} but this condition compares it with ${describeValue(compared)}; use a ${type} value`,
          ),
        );
      }
      if (type && type !== "number" && typeof condition.op === "string" && ORDERING_OPS.has(condition.op)) {
        out.push(
          finding(
            "TYPE_MISMATCH",
            [...path, "op"],
            `"${condition.op}" compares numbers but variable "${condition.var}" is a ${type}; use "eq" or "ne"`,
          ),
        );
      }
    }
    if (typeof condition.visited === "string") {
      ref(condition.visited, nodeIndex, [...path, "visited"], "condition checks whether a visit happened to", "nodes");
    }
    if (typeof condition.chose === "string") checkChose(condition.chose, [...path, "chose"]);
  };

  const checkChose = (target: string, path: Path) => {
    const splits = splitChoseTarget(target);
    const problems: string[] = [];
    for (const { decisionId, optionId } of splits) {
      const index = nodeIndex.ids.get(decisionId);
      if (index === undefined) continue;
      const node = nodes[index];
      if (!isObj(node) || node.type !== "decision") {
        problems.push(`node "${decisionId}" is ${isObj(node) ? `a ${String(node.type)} node` : "not a node"}, not a decision`);
        continue;
      }
      if (optionId === TIMEOUT_CHOICE) {
        if ("onTimeout" in node) return;
        problems.push(`decision "${decisionId}" has no onTimeout, so "${TIMEOUT_CHOICE}" can never be chosen`);
        continue;
      }
      const optionIds = listOf(node.options).flatMap((option) => (isObj(option) && typeof option.id === "string" ? [option.id] : []));
      if (optionIds.includes(optionId)) return;
      problems.push(
        `decision "${decisionId}" has no option "${optionId}"; ${didYouMean(optionId, optionIds)}its options: ${knownList(optionIds)}`,
      );
    }
    if (problems.length === 0) {
      const decisions = nodes.flatMap((node) => (isObj(node) && node.type === "decision" && typeof node.id === "string" ? [node.id] : []));
      const lead = splits[0]?.decisionId ?? target;
      problems.push(
        `no decision "${lead}" exists; ${didYouMean(lead, decisions)}${decisions.length ? `known decisions: ${knownList(decisions)}` : "there are no decision nodes"}`,
      );
    }
    out.push(finding("DANGLING_REF", path, `condition checks choice "${target}": ${problems.join("; ")}`));
  };

  const checkEffects = (effects: unknown, path: Path) => {
    listOf(effects).forEach((effect, i) => {
      if (!isObj(effect)) return;
      const at: Path = [...path, i];
      if (typeof effect.set === "string") {
        const type = variableRef(effect.set, [...at, "set"], "effect sets");
        if (type && isPrimitive(effect.value) && valueType(effect.value) !== type) {
          out.push(
            finding(
              "TYPE_MISMATCH",
              [...at, "value"],
              `variable "${effect.set}" is a ${type} but this effect sets it to ${describeValue(effect.value)}; use a ${type} value`,
            ),
          );
        }
      }
      if (typeof effect.add === "string") {
        const type = variableRef(effect.add, [...at, "add"], "effect adds to");
        if (type && type !== "number") {
          out.push(
            finding(
              "TYPE_MISMATCH",
              [...at, "add"],
              `"add" only works on number variables but "${effect.add}" is a ${type}; use "set" instead`,
            ),
          );
        }
      }
    });
  };

  const checkScore = (score: unknown, path: Path, lead: string) => {
    if (!isObj(score)) return;
    for (const capability of Object.keys(score)) {
      used.capabilities.add(capability);
      ref(capability, capabilities, [...path, capability], `${lead} scores`, "capabilities");
    }
  };

  // Edges for the graph checks; `dangling` marks nodes whose own targets are broken.
  const edges: number[][] = nodes.map(() => []);
  const dangling = new Set<number>();
  const edge = (from: number, target: unknown, path: Path, lead: string) => {
    if (typeof target !== "string") return;
    const to = ref(target, nodeIndex, path, lead, "nodes");
    if (to === undefined) dangling.add(from);
    else edges[from].push(to);
  };

  // Fields are checked wherever they appear rather than by node type, so a node whose
  // `type` is misspelt still gets its references checked (and its roles marked as used).
  nodes.forEach((node, index) => {
    if (!isObj(node)) return;
    const at: Path = ["nodes", index];
    const name = `${typeof node.type === "string" ? node.type : "node"} "${String(node.id ?? index)}"`;

    edge(index, node.next, [...at, "next"], `${name} continues to`);
    listOf(node.audience).forEach((role, i) => roleRef(role, [...at, "audience", i], `audience of ${name} names`));
    listOf(node.questions).forEach((question, q) => {
      if (!isObj(question)) return;
      const id = stringOf(question.id);
      if (id !== undefined) {
        const first = questionIds.get(id);
        if (first) {
          out.push(
            finding(
              "DUPLICATE_ID",
              [...at, "questions", q, "id"],
              `question id "${id}" is already used by ${toPointer(first)}; question ids must be unique in the scenario, so rename one`,
            ),
          );
        } else {
          questionIds.set(id, [...at, "questions", q]);
        }
      }
      listOf(question.roles).forEach((role, r) =>
        roleRef(role, [...at, "questions", q, "roles", r], `question "${id ?? q}" of ${name} asks`),
      );
    });

    if (typeof node.decidedBy === "string" && node.decidedBy !== TEAM_VOTE) {
      roleRef(node.decidedBy, [...at, "decidedBy"], `decidedBy of ${name} (use "${TEAM_VOTE}" or a declared role) names`);
    }
    const options = listOf(node.options);
    declare(options, [...at, "options"], "option", "options", out);
    options.forEach((option, o) => {
      if (!isObj(option)) return;
      const optionAt: Path = [...at, "options", o];
      const optionName = `option "${String(option.id ?? o)}" of ${name}`;
      edge(index, option.next, [...optionAt, "next"], `${optionName} leads to`);
      if ("when" in option) checkCondition(option.when, [...optionAt, "when"]);
      checkEffects(option.effects, [...optionAt, "effects"]);
      checkScore(option.score, [...optionAt, "score"], optionName);
      listOf(option.training).forEach((id, t) => {
        if (typeof id !== "string") return;
        used.training.add(id);
        ref(id, training, [...optionAt, "training", t], `${optionName} links`, "training");
      });
    });
    const onTimeout = node.onTimeout;
    if (isObj(onTimeout)) {
      edge(index, onTimeout.next, [...at, "onTimeout", "next"], `onTimeout of ${name} leads to`);
      checkEffects(onTimeout.effects, [...at, "onTimeout", "effects"]);
      checkScore(onTimeout.score, [...at, "onTimeout", "score"], `onTimeout of ${name}`);
    }
    if (node.type === "decision" && options.length > 0) {
      if (!options.some((option) => isObj(option) && isObj(option.score) && Object.keys(option.score).length > 0)) {
        const example = capabilities.ids.keys().next().value ?? "RS";
        out.push(
          finding(
            "UNSCORED_DECISION",
            at,
            `no option of ${name} carries a score; add e.g. "score": {"${example}": 2} to the options so readiness can be measured`,
          ),
        );
      }
      if (options.every((option) => isObj(option) && "when" in option) && !("onTimeout" in node)) {
        out.push(
          finding(
            "NO_FALLBACK",
            [...at, "options"],
            `every option of ${name} has a "when" condition and there is no onTimeout, so the team may have nothing to choose; drop "when" from one option or add onTimeout`,
          ),
        );
      }
    }

    listOf(node.cases).forEach((branchCase, c) => {
      if (!isObj(branchCase)) return;
      if ("when" in branchCase) checkCondition(branchCase.when, [...at, "cases", c, "when"]);
      edge(index, branchCase.next, [...at, "cases", c, "next"], `case ${c} of ${name} leads to`);
    });
    edge(index, node.else, [...at, "else"], `else of ${name} leads to`);

    emptyText(node.body, [...at, "body"], `${name} has an empty body; write what the team receives`);
    emptyText(node.prompt, [...at, "prompt"], `${name} has an empty prompt; write the question the team must decide`);
    emptyText(node.debrief, [...at, "debrief"], `${name} has an empty debrief; explain what went well and what to improve`);
  });

  listOf(root.objectives).forEach((objective, o) => {
    if (!isObj(objective)) return;
    listOf(objective.capabilities).forEach((id, c) =>
      ref(id, capabilities, ["objectives", o, "capabilities", c], `objective "${String(objective.id ?? o)}" names`, "capabilities"),
    );
  });

  checkGraph(root, nodes, nodeIndex, edges, dangling, brokenNodes, out);

  // Without a node list every declaration would look unused; the SCHEMA finding says enough.
  if (!Array.isArray(root.nodes)) return;
  for (const name of variables.keys()) {
    if (!used.variables.has(name)) {
      out.push(finding("UNUSED", ["variables", name], `variable "${name}" is never read or written; use it in a condition or effect, or remove it`));
    }
  }
  const unused = (declared: Declared, section: string, usedIds: Set<string>, advice: string) => {
    for (const [id, index] of declared.ids) {
      if (!usedIds.has(id)) out.push(finding("UNUSED", [section, index], `${declared.kind} "${id}" ${advice}`));
    }
  };
  unused(roles, "roles", used.roles, "is never used in an audience, question or decidedBy; address it somewhere or remove it");
  unused(capabilities, "capabilities", used.capabilities, "is never scored; add it to an option's or onTimeout's score, or remove it");
  unused(training, "training", used.training, "is not linked from any option; add it to an option's training list, or remove it");

  function emptyText(value: unknown, path: Path, message: string) {
    if (typeof value === "string" && value.trim() === "") out.push(finding("EMPTY_TEXT", path, message));
  }
}

function isPrimitive(value: unknown): value is TValue {
  return typeof value === "boolean" || typeof value === "number" || typeof value === "string";
}

function checkGraph(
  root: Obj,
  nodes: unknown[],
  nodeIndex: Declared,
  edges: number[][],
  dangling: ReadonlySet<number>,
  brokenNodes: ReadonlySet<number>,
  out: Finding[],
) {
  if (!Array.isArray(root.nodes)) return;
  const typeOf = (i: number) => (isObj(nodes[i]) ? (nodes[i] as Obj).type : undefined);
  const idOf = (i: number) => String(isObj(nodes[i]) ? ((nodes[i] as Obj).id ?? i) : i);
  const hasEnd = nodes.some((_, i) => typeOf(i) === "end");
  if (!hasEnd) {
    out.push(finding("NO_END", ["nodes"], 'the scenario has no end node; add a node with "type": "end" and lead at least one path to it'));
  }

  const start = stringOf(root.start);
  if (start === undefined) return;
  const startIndex = nodeIndex.ids.get(start);
  if (startIndex === undefined) {
    out.push(
      finding(
        "MISSING_START",
        ["start"],
        `start names node "${start}", which does not exist; ${didYouMean(start, nodeIndex.ids.keys())}set it to one of: ${knownList(nodeIndex.ids.keys())}`,
      ),
    );
    return;
  }

  const reachable = new Set<number>([startIndex]);
  const queue = [startIndex];
  while (queue.length) {
    for (const to of edges[queue.shift()!]) {
      if (!reachable.has(to)) {
        reachable.add(to);
        queue.push(to);
      }
    }
  }
  // A reachable node with schema errors may have lost edges (e.g. a misspelt `next`),
  // so "unreachable" would be a guess; the SCHEMA finding comes first.
  const judgeable = ![...reachable].some((i) => brokenNodes.has(i));
  nodes.forEach((node, i) => {
    if (judgeable && isObj(node) && !reachable.has(i)) {
      out.push(
        finding("UNREACHABLE", ["nodes", i], `node "${idOf(i)}" cannot be reached from start "${start}"; lead a next, option or case to it, or remove it`),
      );
    }
  });
  if (!hasEnd) return;

  // Nodes that can reach an end, found backwards from the ends. Nodes we cannot judge
  // (schema errors, unknown type, a dangling target) count as reaching one, so a single
  // mistake is reported once instead of cascading up the graph.
  const incoming: number[][] = nodes.map(() => []);
  edges.forEach((targets, from) => targets.forEach((to) => incoming[to].push(from)));
  const canEnd = new Set<number>();
  const pending: number[] = [];
  nodes.forEach((_, i) => {
    const type = typeOf(i);
    const unknownType = typeof type !== "string" || !(NODE_TYPES as readonly string[]).includes(type);
    if (type === "end" || unknownType || brokenNodes.has(i) || dangling.has(i)) {
      canEnd.add(i);
      pending.push(i);
    }
  });
  while (pending.length) {
    for (const from of incoming[pending.pop()!]) {
      if (!canEnd.has(from)) {
        canEnd.add(from);
        pending.push(from);
      }
    }
  }
  for (const i of [...reachable].sort((a, b) => a - b)) {
    if (canEnd.has(i)) continue;
    const trapped = new Set<number>([i]);
    const walk = [i];
    while (walk.length) {
      for (const to of edges[walk.pop()!]) {
        if (!trapped.has(to)) {
          trapped.add(to);
          walk.push(to);
        }
      }
    }
    const loop = knownList([...trapped].map(idOf));
    out.push(
      finding(
        "NO_PATH_TO_END",
        ["nodes", i],
        `no end can be reached from node "${idOf(i)}": every path from it stays among ${loop}; give one of them an option, case or next that leads towards an end`,
      ),
    );
  }
}

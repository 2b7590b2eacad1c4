// SCHEMA: turn zod issues into findings. Zod's own wording is replaced where the schema did
// not give a message, and unions are narrowed to the branch the author most likely meant.
import { z } from "zod";
import { finding, type Finding, type Path } from "./rules";
import { closest, describeValue, didYouMean, isObj, valueAt } from "./util";

export const DEFAULT_MESSAGE = "\u0000default";

type AnySchema = z.core.$ZodType;

export function reportIssue(issue: z.core.$ZodIssue, base: Path, baseSchema: AnySchema | undefined, root: unknown, out: Finding[]) {
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

function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length > 2 ? `one of ${quoted.join(", ")}` : quoted.join(" or ");
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

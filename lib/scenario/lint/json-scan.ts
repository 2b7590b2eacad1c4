// SYNTAX: JSON.parse parses; this scanner only explains where and why it failed (engines
// word and locate errors differently) and spots duplicate keys, which JSON.parse hides.
import type { Path } from "./rules";

/** Deeper documents are refused before parsing them further (real scenarios nest ~10 levels). */
export const MAX_JSON_DEPTH = 100;

export interface JsonScan {
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

export function scanJson(text: string): JsonScan {
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

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
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

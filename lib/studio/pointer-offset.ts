// Where a JSON pointer sits in a JSON text: the offset of the member's key (or array
// element) it names, or of the deepest part of it that exists, so a lint finding in the JSON
// tab can put the cursor on its line whatever the text's formatting. A small scanner that
// only tracks positions; text that does not parse yields the deepest position reached.
// Pure: no I/O.

function decode(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function pointerOffset(text: string, pointer: string): number {
  const target = pointer === "" ? [] : pointer.split("/").slice(1).map(decode);
  let i = 0;
  let best = 0;
  let bestDepth = -1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): string => {
    const start = ++i;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    const raw = text.slice(start, i++);
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };
  /** Scans one value; `depth` is how many segments of the target the path so far matches. */
  const value = (depth: number, onPath: boolean): void => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const isObject = c === "{";
      i++;
      let index = 0;
      for (;;) {
        ws();
        if (i >= text.length) return;
        if (text[i] === (isObject ? "}" : "]")) {
          i++;
          return;
        }
        const at = i;
        const key = isObject ? string() : String(index);
        if (isObject) {
          ws();
          if (text[i] === ":") i++;
        }
        const matches = onPath && target[depth] === key;
        if (matches && depth + 1 > bestDepth) {
          best = at;
          bestDepth = depth + 1;
        }
        value(depth + 1, matches);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== (isObject ? "}" : "]")) return;
        index++;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
  };
  value(0, true);
  return best;
}

/** 1-based line of an offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === "\n") line++;
  return line;
}

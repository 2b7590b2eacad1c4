// Helpers shared by the checks: raw-value access (the checks run best effort on values that
// failed the schema), id declarations, and "did you mean" suggestions.
import type { TValue } from "../schema";
import { finding, toPointer, type Finding, type Path } from "./rules";

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const ORDERING_OPS = new Set(["lt", "lte", "gt", "gte"]);

export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const seg of path) {
    if (Array.isArray(current) && typeof seg === "number") current = current[seg];
    else if (isObj(current) && typeof seg === "string" && Object.hasOwn(current, seg)) current = current[seg];
    else return undefined;
  }
  return current;
}

export interface Declared {
  ids: Map<string, number>;
  /** e.g. "node", "capability". */
  kind: string;
  /** e.g. "nodes", "capabilities". */
  plural: string;
}

/** Collects the ids of a list of declarations and reports duplicates. */
export function declare(items: unknown, base: Path, kind: string, plural: string, out: Finding[]): Declared {
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

export function knownList(ids: Iterable<string>): string {
  const all = [...ids];
  const shown = all.slice(0, 15).map((id) => `"${id}"`).join(", ");
  return all.length > 15 ? `${shown}, … (${all.length - 15} more)` : shown;
}

/** The closest candidate to a probable typo, if one is close enough. */
export function closest(id: string, candidates: Iterable<string>): string | undefined {
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

export function didYouMean(id: string, candidates: Iterable<string>): string {
  const best = closest(id, candidates);
  return best === undefined ? "" : `did you mean "${best}"? `;
}

/** Optimal string alignment distance: edits plus swaps of neighbours, so "scoep" is 1 from "scope". */
export function editDistance(a: string, b: string): number {
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
export function isPrimitive(value: unknown): value is TValue {
  return typeof value === "boolean" || typeof value === "number" || typeof value === "string";
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value.length > 60 ? `the string "${value.slice(0, 57)}..."` : `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

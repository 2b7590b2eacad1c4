// What an audit row may say about a change: which record (ids), which fields (names),
// how many rows, and closed-vocabulary context (via, format, reason, ...). Never a value
// of a field, and no hash of one either (a name's hash is reversed with a list of names):
// an auditor who needs the value follows the id to the record, which follows the same
// erasure and retention rules as everything else. Anything else is withheld, and the
// row says which keys were withheld.

export type AuditDetail = Record<string, unknown>;

/** Keys whose value is a word the code chose (never user input). */
const VOCABULARY = new Set(["change", "via", "format", "report", "reason", "kind", "status", "locale", "purpose"]);
const WORD = /^[A-Za-z][A-Za-z0-9_-]{0,40}$/;
/** Record identifiers: `...Id` keys, and a scenario version's slug and content hash. */
const ID_KEY = /(Id|^slug|^contentHash)$/;
const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
/** Lists of field names. */
const FIELD_LIST_KEY = /^(fields|filterFields)$/;
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,40}$/;
/** Instants of the system's own clock (retention): keys ending in At, and lastActivity. */
const TIME_KEY = /(At|^lastActivity)$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function allowed(key: string, value: unknown): boolean {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") {
    if (VOCABULARY.has(key)) return WORD.test(value);
    if (ID_KEY.test(key)) return ID.test(value);
    if (TIME_KEY.test(key)) return TIME.test(value);
    return false;
  }
  if (Array.isArray(value)) {
    if (FIELD_LIST_KEY.test(key)) return value.every((v) => typeof v === "string" && FIELD.test(v));
    if (/Ids$/.test(key)) return value.every((v) => typeof v === "string" && ID.test(v));
  }
  return false;
}

/** The detail as it is stored: allowed entries kept, the keys of the rest listed in `withheld`. */
export function sanitizeAuditDetail(detail: AuditDetail | undefined): AuditDetail | undefined {
  if (!detail) return undefined;
  const kept: AuditDetail = {};
  const withheld: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined) continue;
    if (FIELD.test(key) && allowed(key, value)) kept[key] = value;
    else withheld.push(FIELD.test(key) ? key : "?");
  }
  if (withheld.length) kept.withheld = [...new Set(withheld)].sort();
  return kept;
}

/** Names of the fields that differ between two versions of a record. */
export function changedFields<T extends Record<string, unknown>>(before: T | null, after: T | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b));
  return [...keys].filter((k) => !before || !after || !same(before[k], after[k])).sort();
}

/** Names of the filter fields a reader set (for `filterFields`), without their values. */
export function presentKeys(o: object): string[] {
  return Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== "").map(([k]) => k).sort();
}

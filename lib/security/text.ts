// Text that cannot be stored or shown safely: NUL bytes and lone UTF-16 surrogates (which
// PostgreSQL refuses), and, in names people see, invisible or direction-changing characters.
import { z } from "zod";
import { jsonPointer as pointer } from "@/lib/errors/pointer";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = { path: string; message: string };

function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored; remove it";
  if (LONE_SURROGATE.test(s)) return "contains an unpaired UTF-16 surrogate, which is not valid text; send valid UTF-8";
  return null;
}

/** The first string (value or key) in `value` that cannot be stored, with its JSON pointer. */
export function findUnstorableText(value: unknown, path: (string | number)[] = [], depth = 0): TextProblem | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path: pointer(path), message: problem } : null;
  }
  if (depth > 64 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = textProblem(k);
    if (keyProblem) return { path: pointer([...path, k]), message: `its name ${keyProblem}` };
    const found = findUnstorableText(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), directional marks,
// zero-width spaces and joiners, the word joiner and the byte-order mark.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/g;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** NFKC, without bidi controls or zero-width characters, whitespace collapsed. */
export function normalizeName(raw: string): string {
  return raw.normalize("NFKC").replace(INVISIBLE, "").replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/g, " ").trim();
}

/** A name people see (participants' display names, account names): normalised, with a visible character. */
export function ZPersonName(max: number) {
  return z
    .string()
    .transform(normalizeName)
    .pipe(
      z
        .string()
        .min(1, "must not be empty")
        .max(max, `must be at most ${max} characters`)
        .refine((s) => VISIBLE.test(s), "must contain at least one visible letter, digit or sign"),
    );
}

// Readiness by NIST CSF 2.0 category, rolled up to its function. Capabilities are placed by
// their framework and ref (lib/scenario/csf.ts): a category capability counts for its
// category and its function; a function capability for its function only. Raw points add
// up, so a function's percentage weighs its categories by the points they offered.
import { CSF_CATEGORIES, CSF_FUNCTIONS, csfPlacement, type CapabilityLike, type CsfFunctionId } from "@/lib/scenario/csf";
import { readinessPercent, type CapabilityReadiness, type ReadinessBasis } from "./readiness";

export interface CsfLine {
  /** "RS" or "RS.CO". */
  id: string;
  name: string;
  /** The scenario capabilities counted on this line. */
  capabilityIds: string[];
  earned: number;
  best: number;
  decisions: number;
  percent: number | null;
  basis: ReadinessBasis;
}

export interface CsfFunctionReadiness extends CsfLine {
  id: CsfFunctionId;
  /** Categories of this function that the scenario declares, in CSF order. */
  categories: CsfLine[];
}

const FUNCTION_ORDER = Object.keys(CSF_FUNCTIONS) as CsfFunctionId[];
const CATEGORY_ORDER = Object.keys(CSF_CATEGORIES);

function line(id: string, name: string, rows: ReadonlyArray<{ capabilityId: string; readiness: CapabilityReadiness | undefined }>): CsfLine {
  let earned = 0;
  let best = 0;
  let decisions = 0;
  for (const { readiness } of rows) {
    earned += readiness?.earned ?? 0;
    best += readiness?.best ?? 0;
    decisions += readiness?.decisions ?? 0;
  }
  return { id, name, capabilityIds: rows.map((r) => r.capabilityId), earned, best, decisions, ...readinessPercent(earned, best, decisions) };
}

/**
 * One line per CSF function the scenario declares a capability in, each with its categories.
 * Capabilities of other frameworks are left out; an empty list means the scenario maps nothing to CSF.
 */
export function rollUpCsf(declared: readonly CapabilityLike[], readiness: readonly CapabilityReadiness[]): CsfFunctionReadiness[] {
  const byId = new Map(readiness.map((r) => [r.capabilityId, r]));
  const placed = declared.flatMap((capability) => {
    const at = csfPlacement(capability);
    return at ? [{ capabilityId: capability.id, readiness: byId.get(capability.id), ...at }] : [];
  });
  return FUNCTION_ORDER.flatMap((fn) => {
    const inFunction = placed.filter((p) => p.fn === fn);
    if (inFunction.length === 0) return [];
    const categories = CATEGORY_ORDER.filter((id) => inFunction.some((p) => p.category === id)).map((id) =>
      line(id, CSF_CATEGORIES[id], inFunction.filter((p) => p.category === id)),
    );
    return [{ ...line(fn, CSF_FUNCTIONS[fn], inFunction), id: fn, categories }];
  });
}

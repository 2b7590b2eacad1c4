// NIST Cybersecurity Framework 2.0 (February 2024): its six functions and 22 categories.
// Scenario capabilities point at them through `framework: "nist-csf-2.0"` and `ref`; the
// linter checks the refs, and reports roll category results up to their function.

export const CSF_FRAMEWORK = "nist-csf-2.0";

export const CSF_FUNCTIONS = {
  GV: "Govern",
  ID: "Identify",
  PR: "Protect",
  DE: "Detect",
  RS: "Respond",
  RC: "Recover",
} as const;

export type CsfFunctionId = keyof typeof CSF_FUNCTIONS;

/** Every CSF 2.0 category id with its official name. */
export const CSF_CATEGORIES: Record<string, string> = {
  "GV.OC": "Organizational Context",
  "GV.RM": "Risk Management Strategy",
  "GV.RR": "Roles, Responsibilities, and Authorities",
  "GV.PO": "Policy",
  "GV.OV": "Oversight",
  "GV.SC": "Cybersecurity Supply Chain Risk Management",
  "ID.AM": "Asset Management",
  "ID.RA": "Risk Assessment",
  "ID.IM": "Improvement",
  "PR.AA": "Identity Management, Authentication, and Access Control",
  "PR.AT": "Awareness and Training",
  "PR.DS": "Data Security",
  "PR.PS": "Platform Security",
  "PR.IR": "Technology Infrastructure Resilience",
  "DE.CM": "Continuous Monitoring",
  "DE.AE": "Adverse Event Analysis",
  "RS.MA": "Incident Management",
  "RS.AN": "Incident Analysis",
  "RS.CO": "Incident Response Reporting and Communication",
  "RS.MI": "Incident Mitigation",
  "RC.RP": "Incident Recovery Plan Execution",
  "RC.CO": "Incident Recovery Communication",
};

export function isCsfFunction(ref: string): ref is CsfFunctionId {
  return Object.hasOwn(CSF_FUNCTIONS, ref);
}

export function isCsfCategory(ref: string): boolean {
  return Object.hasOwn(CSF_CATEGORIES, ref);
}

/** The function a CSF function or category id belongs to ("RS.CO" → "RS"), or undefined. */
export function csfFunctionOf(ref: string): CsfFunctionId | undefined {
  if (isCsfFunction(ref)) return ref;
  if (isCsfCategory(ref)) return ref.slice(0, 2) as CsfFunctionId;
  return undefined;
}

/** Does an id look like a CSF function or category id ("RS", "RS.CO", "XX.YY")? */
export function looksLikeCsfId(id: string): boolean {
  return /^[A-Z]{2}(?:\.[A-Z]{2})?$/.test(id);
}

export type CapabilityLike = { id: string; framework?: string; ref?: string };

/**
 * The CSF function and category (if any) a declared capability stands for: its `ref`, or
 * its id when the ref is left out; undefined for other frameworks and unknown refs.
 */
export function csfPlacement(capability: CapabilityLike): { fn: CsfFunctionId; category?: string } | undefined {
  if (capability.framework !== CSF_FRAMEWORK) return undefined;
  const ref = capability.ref ?? capability.id;
  const fn = csfFunctionOf(ref);
  if (!fn) return undefined;
  return isCsfCategory(ref) ? { fn, category: ref } : { fn };
}

// CSF reference checks: a capability of framework "nist-csf-2.0" names a real CSF 2.0
// function or category, and a capability whose id is itself a CSF id ("RS", "RS.CO")
// points inside that id's function. Reports place results by these refs.
import { CSF_CATEGORIES, CSF_FRAMEWORK, CSF_FUNCTIONS, csfFunctionOf, isCsfFunction, looksLikeCsfId } from "../csf";
import { finding, type Finding } from "./rules";
import { didYouMean, isObj, listOf, stringOf } from "./util";

const KNOWN_REFS = [...Object.keys(CSF_FUNCTIONS), ...Object.keys(CSF_CATEGORIES)];

export function checkCsfRefs(root: unknown, out: Finding[]): void {
  if (!isObj(root)) return;
  listOf(root.capabilities).forEach((capability, index) => {
    if (!isObj(capability) || capability.framework !== CSF_FRAMEWORK) return;
    const id = stringOf(capability.id);
    const ref = stringOf(capability.ref);
    if (ref === undefined) return;
    const fn = csfFunctionOf(ref);
    if (!fn) {
      const category = /^([A-Z]{2}\.[A-Z]{2})-\d+$/.exec(ref)?.[1];
      const hint =
        category && CSF_CATEGORIES[category]
          ? `subcategories are not scored; use the category "${category}"`
          : `${didYouMean(ref, KNOWN_REFS)}use a function (${Object.keys(CSF_FUNCTIONS).join(", ")}) or a category such as "RS.CO"`;
      out.push(finding("UNKNOWN_CSF_REF", ["capabilities", index, "ref"], `"${ref}" is not a NIST CSF 2.0 function or category; ${hint}`));
      return;
    }
    if (id === undefined || !looksLikeCsfId(id)) return;
    const idFunction = id.slice(0, 2);
    if (!isCsfFunction(idFunction) || idFunction === fn) return;
    out.push(
      finding(
        "CSF_REF_MISMATCH",
        ["capabilities", index, "ref"],
        `capability "${id}" belongs to ${idFunction} (${CSF_FUNCTIONS[idFunction]}) but its ref "${ref}" is in ${fn} (${CSF_FUNCTIONS[fn]}); point the ref inside ${idFunction}, or rename the capability`,
      ),
    );
  });
}

// Readiness by CSF category, rolled up to the function.
import { describe, expect, it } from "vitest";
import { rollUpCsf, scoreReadiness } from "@/lib/scoring";

const capabilities = [
  { id: "RS", name: "Respond", framework: "nist-csf-2.0" as const, ref: "RS" },
  { id: "RS.CO", name: "Reporting", framework: "nist-csf-2.0" as const, ref: "RS.CO" },
  { id: "contain", name: "Containment", framework: "nist-csf-2.0" as const, ref: "RS.MI" },
  { id: "ID.IM", name: "Improvement", framework: "nist-csf-2.0" as const, ref: "ID.IM" },
  { id: "pci", name: "PCI DSS", framework: "custom" as const, ref: "Req. 12.10" },
];

describe("rollUpCsf", () => {
  it("places categories under their function and adds their points into it", () => {
    const readiness = scoreReadiness({ capabilities, objectives: [] }, [
      { points: { RS: 1, "RS.CO": 2 }, bestPoints: { RS: 2, "RS.CO": 2 } },
      { points: { contain: 0, pci: 1 }, bestPoints: { contain: 4, pci: 1 } },
      { points: { "ID.IM": 2 }, bestPoints: { "ID.IM": 2 } },
    ]).capabilities;
    const csf = rollUpCsf(capabilities, readiness);
    expect(csf.map((f) => [f.id, f.earned, f.best, f.percent])).toEqual([
      ["ID", 2, 2, 100],
      ["RS", 3, 8, 37.5],
    ]);
    const rs = csf[1];
    expect(rs.name).toBe("Respond");
    expect(rs.capabilityIds).toEqual(["RS", "RS.CO", "contain"]);
    // Categories in CSF order (RS.CO before RS.MI), each with its own share.
    expect(rs.categories.map((c) => [c.id, c.name, c.capabilityIds, c.percent])).toEqual([
      ["RS.CO", "Incident Response Reporting and Communication", ["RS.CO"], 100],
      ["RS.MI", "Incident Mitigation", ["contain"], 0],
    ]);
    expect(csf[0].categories.map((c) => c.id)).toEqual(["ID.IM"]);
  });

  it("marks a declared but unmet category as not assessed and maps nothing for other frameworks", () => {
    const readiness = scoreReadiness({ capabilities, objectives: [] }, [{ points: { RS: 2 }, bestPoints: { RS: 2 } }]).capabilities;
    const rs = rollUpCsf(capabilities, readiness).find((f) => f.id === "RS")!;
    expect(rs.percent).toBe(100);
    expect(rs.categories.map((c) => [c.id, c.percent, c.basis])).toEqual([
      ["RS.CO", null, "not-assessed"],
      ["RS.MI", null, "not-assessed"],
    ]);
    expect(rollUpCsf([{ id: "pci", framework: "custom", ref: "x" }], readiness)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { lintScenario } from "@/lib/scenario";
import { TEMPLATE_IDS, templateDocument } from "@/lib/studio/templates";

describe("studio templates", () => {
  for (const id of TEMPLATE_IDS.filter((t) => t !== "blank")) {
    for (const lang of ["en", "pl"] as const) {
      it(`${id} (${lang}) is a whole scenario with no lint errors or warnings`, () => {
        const doc = templateDocument(id, lang);
        expect(lintScenario(doc).findings.map((f) => `${f.severity} ${f.code} ${f.pointer} ${f.message}`)).toEqual([]);
        expect(doc.locale).toBe(lang);
      });
    }
  }

  it("inject → decision → two endings has exactly that shape", () => {
    const doc = templateDocument("two-endings");
    expect((doc.nodes as Array<{ type: string }>).map((n) => n.type)).toEqual(["inject", "decision", "end", "end"]);
  });

  it("blank is the empty scenario in the author's language", () => {
    const doc = templateDocument("blank", "pl");
    expect(doc.nodes).toEqual([]);
    expect(doc.locale).toBe("pl");
  });
});

// What a period pack's index says per requirement: the 12-month test rule of PCI DSS 12.10.2 and
// DORA Art. 11(6) counted back from the period's end, the longest gap between tests, the
// improvement counts; and controls.json's mapping of session folders.
import { describe, expect, it } from "vitest";
import type { AarReport } from "@/lib/reports/aar";
import { buildPeriodIndex, twelveMonthsBefore } from "@/lib/evidence/period-index";
import { controlMapping } from "@/lib/evidence/controls";
import type { ImprovementRecord } from "@/lib/evidence/improvements";

function session(id: string, startedAt: string) {
  const report = {
    overview: { sessionId: id, title: `Drill ${id}`, createdAt: startedAt, startedAt, endedAt: startedAt, scenario: { title: "Ransomware" } },
    teams: [{ id: `${id}-t`, name: "Blue team", orgTeamId: "blue" }],
    capabilities: [{ id: "RS", name: "Respond", ref: "RS", teams: [{ teamName: "Blue team", withheld: null, final: "S" }] }],
  } as unknown as AarReport;
  return { report, dir: `sessions/${id}/`, pdf: id === "b", scenario: { slug: "ransomware", contentHash: "0".repeat(64) } };
}
const item = (status: string, overdue: boolean) => ({ status, overdue }) as unknown as ImprovementRecord;
const statement = (index: ReturnType<typeof buildPeriodIndex>, ref: string) => index.requirements.find((r) => r.ref === ref)?.statement;

describe("period index", () => {
  it("counts twelve calendar months back, clamping to the month's end", () => {
    expect(twelveMonthsBefore("2026-12-31")).toBe("2025-12-31");
    expect(twelveMonthsBefore("2028-02-29")).toBe("2027-02-28");
  });

  it("says whether the latest test lies within 12 months of the period's end", () => {
    const input = {
      period: { from: "2025-01-01", to: "2026-06-30", teams: [{ id: "blue", name: "Blue team" }], scenario: null },
      sessions: [session("a", "2025-03-02T09:00:00.000Z"), session("b", "2025-09-14T09:00:00.000Z")],
      items: [item("OPEN", true), item("IN_PROGRESS", false), item("VERIFIED", false), item("DONE", false)],
      pdfLimit: 1,
      drills: 0,
      now: new Date("2026-12-03T12:00:00Z"),
    };
    const index = buildPeriodIndex(input);
    expect(statement(index, "12.10.2")).toBe("plan tested on 2025-03-02, 2025-09-14; latest test 2025-09-14, within 12 months of 2026-06-30; longest gap between tests 196 days");
    expect(statement(index, "ID.IM-02")).toBe("4 improvement item(s) of these teams: 2 open (1 overdue), 1 done, 1 verified by a later exercise");
    expect(index.sessions.map((s) => [s.date, s.pdf, s.ratings[0].teams[0].final])).toEqual([["2025-03-02", false, "S"], ["2025-09-14", true, "S"]]);
    expect(index.pdfs).toMatchObject({ limit: 1, included: 1, leftOutBusy: [] });
    expect(index.drills.excluded).toBe(0);

    const late = buildPeriodIndex({ ...input, period: { ...input.period, to: "2026-09-15" } });
    expect(statement(late, "Art. 11(6)")).toContain("latest test 2025-09-14, NOT within 12 months of 2026-09-15");
    // Without an end date, the export day is the reference.
    expect(buildPeriodIndex({ ...input, period: { ...input.period, to: null } }).period.asOf).toBe("2026-12-03");
  });

  it("names the sessions whose PDF a busy renderer left out, and the drills left out of the pack", () => {
    const busy = { ...session("b", "2025-09-14T09:00:00.000Z"), pdf: false, pdfBusy: true };
    const index = buildPeriodIndex({
      period: { from: null, to: null, teams: [], scenario: null },
      sessions: [session("a", "2025-03-02T09:00:00.000Z"), busy],
      items: [],
      pdfLimit: 1,
      drills: 2,
      now: new Date("2026-12-03T12:00:00Z"),
    });
    expect(index.pdfs).toMatchObject({ included: 0, leftOutBusy: ["b"] });
    expect(index.pdfs.note).toContain("1 left out because the PDF renderer was busy");
    expect(index.sessions[1]).toMatchObject({ pdf: false, pdfLeftOut: "the PDF renderer was busy when the pack was made" });
    expect(index.sessions[0]).not.toHaveProperty("pdfLeftOut");
    expect(index.drills.excluded).toBe(2);
    expect(index.drills.note).toContain("2 closed drill(s) matched this period and were left out");
  });

  it("maps every session folder's file to its requirements as sessions/*/", () => {
    const mapping = controlMapping(["index.json", "sessions/001-a/aar.json", "sessions/002-b/aar.json", "sessions/002-b/clocks.json", "improvements.json"]);
    const nis2 = mapping.controls.find((c) => c.ref.startsWith("Art. 21"));
    expect(nis2?.files).toEqual(["sessions/*/aar.json", "sessions/*/clocks.json", "improvements.json"]);
    expect(mapping.controls.find((c) => c.ref === "12.10.2")?.files).toEqual(["index.json", "sessions/*/aar.json"]);
    expect(mapping.controls.find((c) => c.ref === "5.28")?.files).toEqual(["manifest.json", "manifest.sig"]);
  });
});

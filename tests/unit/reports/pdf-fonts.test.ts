// A Polish after-action report rendered after an English one keeps every letter. A font kept
// open across documents used to lose glyphs it had already subset (fonts.ts: freshPdfFonts):
// the Polish bold text came out as "DOLNOŚCI W SKRÓCIE" and "Ws ystkie espoły ra em".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderAarPdf } from "@/lib/reports/pdf/aar-pdf";
import type { AarReport } from "@/lib/reports/aar-types";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "reports");
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const load = (name: string): AarReport => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"), (_k, v) => (typeof v === "string" && ISO.test(v) ? new Date(v) : v));

function textOf(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rr-pdf-fonts-")), "aar.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"]).toString();
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe("AAR PDFs rendered one after another", () => {
  it("keeps every letter of a Polish report rendered after an English one, bold text included", { timeout: 120_000 }, async () => {
    const en = textOf(await renderAarPdf(load("aar-pooled-en.json"), "en"));
    expect(en).toContain("All teams together");
    const pl = textOf(await renderAarPdf(load("aar-pooled-pl.json"), "pl"));
    for (const bold of ["RAPORT PO ĆWICZENIU", "ZDOLNOŚCI W SKRÓCIE", "OTWARTE DZIAŁANIA", "Wszystkie zespoły razem"]) expect(pl).toContain(bold);
    expect((pl.match(/z/gi) ?? []).length).toBeGreaterThan(40);
  });
});

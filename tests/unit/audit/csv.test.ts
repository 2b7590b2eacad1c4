// CSV fields that a spreadsheet would run as formulas are neutralised; quoting survives
// commas, quotes and line breaks.
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/audit/csv";

describe("csv escaping", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\",\"x\")", `"'=HYPERLINK(""http://evil"",""x"")"`],
    ["+1+2", `"'+1+2"`],
    ["-2+3@example.com (MANAGER)", `"'-2+3@example.com (MANAGER)"`],
    ["@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
    ["\tcmd", `"'\tcmd"`],
    ["\r=1", `"'\r=1"`],
    ["plain, with comma", `"plain, with comma"`],
    ["line\nbreak", `"line\nbreak"`],
    ["a=1", `"a=1"`],
  ])("%j → %s", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it("writes nulls as empty, dates as ISO and objects as JSON", () => {
    expect(csvField(null)).toBe(`""`);
    expect(csvField(new Date("2026-11-29T00:00:00Z"))).toBe(`"2026-11-29T00:00:00.000Z"`);
    expect(csvField({ a: "=x" })).toBe(`"{""a"":""=x""}"`);
    expect(toCsv(["a", "b"], [[1, "=2"]])).toBe(`"a","b"\r\n"1","'=2"\r\n`);
  });
});

// How the dashboard reads a date range from the rollup: whole months or ISO weeks, plus the
// days at the edges, so no day is read twice or left out.
import { describe, expect, it } from "vitest";
import { splitRange } from "@/lib/reports/rollup";

describe("splitting a date range into rollup periods", () => {
  it("reads everything as whole periods when there is no range", () => {
    expect(splitRange(undefined, undefined, "month")).toEqual({ periods: { from: null, before: null }, days: [] });
  });

  it("reads whole months and the days at both edges", () => {
    expect(splitRange("2026-01-15", "2026-04-10", "month")).toEqual({
      periods: { from: "2026-02-01", before: "2026-04-01" },
      days: [{ from: "2026-01-15", before: "2026-02-01" }, { from: "2026-04-01", before: "2026-04-11" }],
    });
  });

  it("needs no edge days when the range is whole months", () => {
    expect(splitRange("2026-02-01", "2026-03-31", "month")).toEqual({ periods: { from: "2026-02-01", before: "2026-04-01" }, days: [] });
  });

  it("reads ISO weeks from Monday", () => {
    // 2026-02-04 is a Wednesday; 2026-02-18 a Wednesday.
    expect(splitRange("2026-02-04", "2026-02-18", "week")).toEqual({
      periods: { from: "2026-02-09", before: "2026-02-16" },
      days: [{ from: "2026-02-04", before: "2026-02-09" }, { from: "2026-02-16", before: "2026-02-19" }],
    });
  });

  it("reads days only when the range holds no whole period", () => {
    expect(splitRange("2026-02-10", "2026-02-20", "month")).toEqual({ periods: { from: "2026-03-01", before: "2026-03-01" }, days: [{ from: "2026-02-10", before: "2026-02-21" }] });
  });

  it("handles an open end on either side", () => {
    expect(splitRange("2026-01-15", undefined, "month")).toEqual({ periods: { from: "2026-02-01", before: null }, days: [{ from: "2026-01-15", before: "2026-02-01" }] });
    expect(splitRange(undefined, "2026-01-15", "month")).toEqual({ periods: { from: null, before: "2026-01-01" }, days: [{ from: "2026-01-01", before: "2026-01-16" }] });
  });
});

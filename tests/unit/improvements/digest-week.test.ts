// The ISO week in the digest's dedupe key: one digest per owner per ISO 8601 week.
import { describe, expect, it } from "vitest";
import { isoWeek } from "@/lib/improvements/digest";

describe("isoWeek", () => {
  it("numbers weeks from Monday, week 1 holding 4 January", () => {
    expect(isoWeek(new Date("2026-12-03T12:00:00Z"))).toBe("2026-W49");
    expect(isoWeek(new Date("2026-12-06T23:59:59Z"))).toBe("2026-W49");
    expect(isoWeek(new Date("2026-12-07T00:00:00Z"))).toBe("2026-W50");
    // 1 January 2027 is a Friday: it still belongs to 2026's last week.
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2027-01-04T00:00:00Z"))).toBe("2027-W01");
    // 29 December 2025 (a Monday) starts 2026's week 1.
    expect(isoWeek(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01");
  });
});

import { describe, expect, it } from "vitest";
import { isSmallGroup, suppressSmallGroup } from "@/lib/privacy/suppression";

describe("small-group suppression", () => {
  it("hides a breakdown below k and says why", () => {
    expect(suppressSmallGroup(2, 3, { readiness: 80 })).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
    expect(suppressSmallGroup(0, 3, { readiness: null })).toMatchObject({ suppressed: true, respondents: 0 });
  });

  it("shows a breakdown at or above k", () => {
    expect(suppressSmallGroup(3, 3, { readiness: 80 })).toEqual({ suppressed: false, respondents: 3, value: { readiness: 80 } });
    expect(isSmallGroup(4, 5)).toBe(true);
    expect(isSmallGroup(5, 5)).toBe(false);
  });

  it("refuses a threshold that would identify individuals", () => {
    expect(() => suppressSmallGroup(5, 1, {})).toThrow(/at least 2/);
    expect(() => suppressSmallGroup(5, 2.5, {})).toThrow(RangeError);
  });
});

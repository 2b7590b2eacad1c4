// HSEEP ratings: proposal from readiness %, validated thresholds, and overrides that keep the proposal.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RATING_THRESHOLDS,
  HSEEP_RATING_LABELS,
  RatingOverrideError,
  ZRatingThresholds,
  applyOverride,
  clearOverride,
  finalRating,
  proposeRating,
  rateReadiness,
} from "@/lib/scoring";

describe("proposeRating", () => {
  it("uses P ≥ 85, S ≥ 65, M ≥ 40, else U by default, with inclusive lower bounds", () => {
    expect(DEFAULT_RATING_THRESHOLDS).toEqual({ P: 85, S: 65, M: 40 });
    const cases: Array<[number, string]> = [[100, "P"], [85, "P"], [84.99, "S"], [65, "S"], [64.9, "M"], [40, "M"], [39.9, "U"], [0, "U"]];
    expect(cases.map(([pct]) => [pct, proposeRating(pct)])).toEqual(cases);
  });

  it("proposes nothing for a capability that was not assessed", () => {
    expect(proposeRating(null)).toBeNull();
  });

  it("follows custom thresholds", () => {
    const strict = ZRatingThresholds.parse({ P: 95, S: 80, M: 60 });
    expect([90, 79, 59].map((pct) => proposeRating(pct, strict))).toEqual(["S", "M", "U"]);
  });

  it("refuses a percentage that is not a number", () => {
    expect(() => proposeRating(Number.NaN)).toThrow(RangeError);
  });

  it("has the HSEEP wording for each rating", () => {
    expect(HSEEP_RATING_LABELS).toEqual({
      P: "Performed without challenges",
      S: "Performed with some challenges",
      M: "Performed with major challenges",
      U: "Unable to be performed",
    });
  });
});

describe("ZRatingThresholds", () => {
  const problems = (input: unknown) => {
    const result = ZRatingThresholds.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("accepts descending thresholds inside 0–100", () => {
    expect(problems({ P: 100, S: 50, M: 1 })).toEqual([]);
  });

  it("rejects thresholds that are not descending, and points at the field", () => {
    expect(problems({ P: 60, S: 70, M: 40 })).toEqual(["S: the S threshold (70) must be below the P threshold (60)"]);
    expect(problems({ P: 85, S: 65, M: 65 })).toEqual(["M: the M threshold (65) must be below the S threshold (65)"]);
  });

  it("rejects thresholds outside 0–100 and an M of 0 (U could never be proposed)", () => {
    expect(problems({ P: 120, S: 65, M: 40 })).toEqual(["P: the P threshold must be between 0 and 100"]);
    expect(problems({ P: 85, S: 65, M: -5 })).toEqual(["M: the M threshold must be between 0 and 100"]);
    expect(problems({ P: 85, S: 65, M: 0 })).toEqual(["M: the M threshold must be above 0, or no score could ever be rated U"]);
  });

  it("rejects missing, non-numeric and unknown fields", () => {
    expect(problems({ P: 85, S: 65 })).toEqual(["M: the M threshold must be a number"]);
    expect(problems({ P: "85", S: 65, M: 40 })).toEqual(["P: the P threshold must be a number"]);
    expect(problems({ P: 85, S: 65, M: 40, U: 0 })).toHaveLength(1);
  });
});

describe("rating records and overrides", () => {
  it("starts with the proposal and no override", () => {
    const record = rateReadiness(72.5);
    expect(record).toEqual({ percent: 72.5, thresholds: DEFAULT_RATING_THRESHOLDS, proposed: "S", override: null });
    expect(finalRating(record)).toBe("S");
  });

  it("keeps the proposal when a facilitator overrides, and the override decides the final rating", () => {
    const record = rateReadiness(72.5);
    const overridden = applyOverride(record, { rating: "M", rationale: "  Containment only worked because the facilitator hinted.  ", by: "user-1", at: "2025-03-12T10:00:00Z" });
    expect(overridden).toEqual({
      percent: 72.5,
      thresholds: DEFAULT_RATING_THRESHOLDS,
      proposed: "S",
      override: { rating: "M", rationale: "Containment only worked because the facilitator hinted.", by: "user-1", at: "2025-03-12T10:00:00Z" },
    });
    expect(finalRating(overridden)).toBe("M");
    expect(record.override).toBeNull(); // the input record is not mutated
  });

  it("replaces an earlier override, and clearing it restores the proposal", () => {
    const first = applyOverride(rateReadiness(90), { rating: "S", rationale: "Slow to decide." });
    const second = applyOverride(first, { rating: "M", rationale: "On reflection, major delays." });
    expect(second).toMatchObject({ proposed: "P", override: { rating: "M", rationale: "On reflection, major delays." } });
    const cleared = clearOverride(second);
    expect(cleared).toMatchObject({ proposed: "P", override: null });
    expect(finalRating(cleared)).toBe("P");
  });

  it("requires a rationale", () => {
    const record = rateReadiness(50);
    expect(() => applyOverride(record, { rating: "S", rationale: "   " })).toThrow(RatingOverrideError);
    try {
      applyOverride(record, { rating: "S", rationale: "" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RatingOverrideError);
      expect((error as RatingOverrideError).field).toBe("rationale");
      expect((error as Error).message).toMatch(/needs a rationale/);
    }
  });

  it("rejects a rating that is not P, S, M or U", () => {
    expect(() => applyOverride(rateReadiness(50), { rating: "X" as "P", rationale: "Because." })).toThrow(/one of "P", "S", "M" or "U"/);
  });

  it("lets a facilitator rate a capability that no decision assessed", () => {
    const record = applyOverride(rateReadiness(null), { rating: "S", rationale: "Observed during the hot wash." });
    expect(record).toMatchObject({ percent: null, proposed: null, override: { rating: "S" } });
    expect(finalRating(record)).toBe("S");
    expect(finalRating(rateReadiness(null))).toBeNull();
  });
});

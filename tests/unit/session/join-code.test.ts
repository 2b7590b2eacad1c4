import { describe, expect, it } from "vitest";
import { formatJoinCode, generateJoinCode, JOIN_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from "@/lib/session/join-code";

describe("join codes", () => {
  it("uses only unambiguous symbols and the full length", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const ch of code) expect(JOIN_ALPHABET).toContain(ch);
    }
    expect(JOIN_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("has enough entropy to survive guessing under the rate limit", () => {
    const bits = JOIN_CODE_LENGTH * Math.log2(JOIN_ALPHABET.length);
    expect(bits).toBeGreaterThan(39);
    expect(new Set(Array.from({ length: 2000 }, generateJoinCode)).size).toBe(2000);
  });

  it("normalises what people type", () => {
    expect(normalizeJoinCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizeJoinCode("abcd efgh")).toBe("ABCDEFGH");
    expect(normalizeJoinCode("ABCD-EFG")).toBeNull();
    expect(normalizeJoinCode("ABCD-EFG0")).toBeNull();
    expect(normalizeJoinCode("")).toBeNull();
    expect(formatJoinCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});

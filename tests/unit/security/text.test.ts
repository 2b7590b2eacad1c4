import { describe, expect, it } from "vitest";
import { findUnstorableText, normalizeName, ZPersonName } from "@/lib/security/text";

describe("text the database cannot store", () => {
  it("finds NUL bytes and lone surrogates with their JSON pointer, in values and keys", () => {
    expect(findUnstorableText({ a: ["ok", { "b/c": "x\u0000" }] })).toMatchObject({ path: "/a/1/b~1c" });
    expect(findUnstorableText({ t: "\ud800x" })).toMatchObject({ path: "/t", message: expect.stringContaining("surrogate") });
    expect(findUnstorableText({ t: "x\udc00" })).toMatchObject({ path: "/t" });
    expect(findUnstorableText({ ["k\u0000"]: 1 })).toMatchObject({ path: "/k\u0000" });
    expect(findUnstorableText({ emoji: "🙂 paired \ud83d\ude42", n: 1, b: null })).toBeNull();
  });
});

describe("person names", () => {
  it("normalises to NFKC and strips bidi controls and zero-width characters", () => {
    expect(normalizeName("\u202Egnp.exe\u200B")).toBe("gnp.exe");
    expect(normalizeName("Ｍａｘ\u2066 \u2069Ｍ")).toBe("Max M");
    expect(normalizeName("An\u00ADna\uFEFF  Lee\n")).toBe("Anna Lee");
  });
  it("requires a visible character", () => {
    const schema = ZPersonName(80);
    expect(schema.safeParse("\u200B\u200D\u202E").success).toBe(false);
    expect(schema.safeParse("\u0301\u0301").success).toBe(false);
    expect(schema.safeParse("Łucja Żak").data).toBe("Łucja Żak");
    expect(schema.safeParse("李").success).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { localesFromAcceptLanguage, resolveLocale, toLocale } from "@/lib/i18n/config";

describe("locale resolution", () => {
  it("maps region tags to a supported language", () => {
    expect(toLocale("pl-PL")).toBe("pl");
    expect(toLocale("EN_gb")).toBe("en");
    expect(toLocale("de-DE")).toBeNull();
    expect(toLocale("")).toBeNull();
  });

  it("ranks Accept-Language by q-value and drops unsupported languages", () => {
    expect(localesFromAcceptLanguage("de-DE,de;q=0.9,pl;q=0.8,en;q=0.7")).toEqual(["pl", "en"]);
    expect(localesFromAcceptLanguage("en;q=0.5, pl-PL")).toEqual(["pl", "en"]);
    expect(localesFromAcceptLanguage("pl;q=0")).toEqual([]);
    expect(localesFromAcceptLanguage(undefined)).toEqual([]);
  });

  it("prefers the switcher's cookie, then the browser, then the session default, then English", () => {
    expect(resolveLocale({ cookie: "pl", acceptLanguage: "en-US", sessionDefault: "en" })).toBe("pl");
    expect(resolveLocale({ cookie: "xx", acceptLanguage: "pl-PL,en;q=0.5" })).toBe("pl");
    expect(resolveLocale({ acceptLanguage: "de-DE", sessionDefault: "pl" })).toBe("pl");
    expect(resolveLocale({ acceptLanguage: "de-DE" })).toBe("en");
    expect(resolveLocale({})).toBe("en");
  });
});

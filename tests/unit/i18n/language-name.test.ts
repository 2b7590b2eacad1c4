import { describe, expect, it } from "vitest";
import { baseLanguage, contentLanguageDiffers, languageName } from "@/lib/i18n/language-name";

describe("language names", () => {
  it("names a scenario's language in the interface language", () => {
    expect(languageName("pl", "en")).toBe("Polish");
    expect(languageName("en", "pl")).toBe("angielski");
    expect(languageName("pl", "pl", { standalone: true })).toBe("Polski");
    expect(languageName("de-DE", "pl", { standalone: true })).toMatch(/^Niemiecki/);
  });

  it("tells when content and interface languages differ", () => {
    expect(contentLanguageDiffers("pl-PL", "pl")).toBe(false);
    expect(contentLanguageDiffers("en", "pl")).toBe(true);
    expect(contentLanguageDiffers("de", "en")).toBe(true);
    expect(contentLanguageDiffers(null, "en")).toBe(false);
    expect(baseLanguage("pl-PL")).toBe("pl");
  });
});

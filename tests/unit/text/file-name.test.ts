import { describe, expect, it } from "vitest";
import { fileNameStem, transliterate } from "@/lib/text/file-name";

describe("transliterate", () => {
  it("spells every Polish letter in ASCII", () => {
    expect(transliterate("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ")).toBe("acelnoszz ACELNOSZZ");
  });

  it("keeps other languages' letters readable", () => {
    expect(transliterate("Straße, Øresund, café, naïve")).toBe("Strasse, Oresund, cafe, naive");
  });
});

describe("fileNameStem", () => {
  it("transliterates a Polish title instead of breaking words at diacritics", () => {
    expect(fileNameStem("Odchodzący pracownik i wyciek łańcucha dostaw", "session")).toBe("Odchodzacy-pracownik-i-wyciek-lancucha-dostaw");
  });

  it("joins runs of other characters with one hyphen and trims them", () => {
    expect(fileNameStem("  Ćwiczenie: „żółw” / 2026  ", "session")).toBe("Cwiczenie-zolw-2026");
  });

  it("falls back when nothing printable is left, and caps the length without a trailing hyphen", () => {
    expect(fileNameStem("🔥🔥", "session")).toBe("session");
    expect(fileNameStem("ab cd ef", "x", 3)).toBe("ab");
  });
});

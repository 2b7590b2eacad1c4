// File names for downloads (Content-Disposition): ASCII only, so every browser and file
// system keeps them, with letters transliterated rather than dropped ("Odchodzący" →
// "Odchodzacy", not "Odchodza-cy").

/** Letters that Unicode decomposition leaves alone (ł is not "l" plus a mark). */
const LETTERS: Record<string, string> = { ł: "l", Ł: "L", ß: "ss", æ: "ae", Æ: "AE", ø: "o", Ø: "O", đ: "d", Đ: "D", œ: "oe", Œ: "OE", þ: "th", Þ: "Th" };

/** The text in ASCII letters: diacritics removed (ą → a, ż → z), special letters spelled out (ł → l). */
export function transliterate(text: string): string {
  return text
    .replace(/[łŁßæÆøØđĐœŒþÞ]/g, (c) => LETTERS[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** A safe file name stem: transliterated, runs of anything else as one "-", at most `max` characters. */
export function fileNameStem(text: string, fallback: string, max = 60): string {
  const stem = transliterate(text).replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, max).replace(/-+$/, "");
  return stem || fallback;
}

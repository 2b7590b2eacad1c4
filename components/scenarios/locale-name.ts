// Human names for scenario locales ("pl" → "Polish"), falling back to the tag itself.
const names = new Intl.DisplayNames(["en"], { type: "language" });

export function localeName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

// The PDF's typeface: Noto Sans from an npm package, embedded (subset) in every export, so
// Polish and other Latin letters print on a machine with no fonts installed. PDF's built-in
// Helvetica has no ą, ę, ł, ń, ś, ź or ż.
import fs from "node:fs";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

export const PDF_FONT = "Noto Sans";
const PACKAGE = path.join("node_modules", "@expo-google-fonts", "noto-sans");
const FILES = { 400: path.join("400Regular", "NotoSans_400Regular.ttf"), 700: path.join("700Bold", "NotoSans_700Bold.ttf"), italic: path.join("400Regular_Italic", "NotoSans_400Regular_Italic.ttf") };

/** The font package, searched from the working directory upwards (the app runs from its root). */
function packageDir(): string {
  let dir = process.cwd();
  for (;;) {
    const candidate = path.join(dir, PACKAGE);
    if (fs.existsSync(path.join(candidate, FILES[400]))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`the PDF font is missing: ${PACKAGE} was not found above ${process.cwd()}; run npm install`);
    dir = parent;
  }
}

/** Registers the three faces, and how words may break. */
function registerPdfFonts(): void {
  const dir = packageDir();
  Font.register({
    family: PDF_FONT,
    fonts: [
      { src: path.join(dir, FILES[400]), fontWeight: 400 },
      { src: path.join(dir, FILES[700]), fontWeight: 700 },
      { src: path.join(dir, FILES.italic), fontWeight: 400, fontStyle: "italic" },
    ],
  });
  // Words are not split with hyphens: names, ids and Polish words break badly.
  Font.registerHyphenationCallback((word) => [word]);
}

/**
 * Registers the font anew, so the next document lays its text out with a freshly opened font.
 * A font object kept across documents loses letters: once a glyph has been read by its id (as
 * subsetting the previous document does), fontkit's layout hands it back with no code points
 * and @react-pdf/textkit drops it (diegomura/react-pdf#3404). A Polish report after an English
 * one printed "DOLNOŚCI" for "ZDOLNOŚCI", and its bold text had no letter z. `Font.reset()`
 * does not reopen a font that was loaded once, and `Font.clear()` also drops the built-in
 * faces, so our family alone is taken out of the registry and registered again.
 * Opening the three faces costs a few milliseconds; renderWithFreshFonts calls this before each render, one at a time.
 */
function freshPdfFonts(): void {
  delete Font.getRegisteredFonts()[PDF_FONT];
  registerPdfFonts();
}

/** Renders one document at a time per thread, each with the font opened afresh (freshPdfFonts). */
export function renderWithFreshFonts<T>(render: () => Promise<T>): Promise<T> {
  return renderQueue.run(() => {
    freshPdfFonts();
    return render();
  });
}

const renderQueue = {
  tail: Promise.resolve() as Promise<unknown>,
  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  },
};

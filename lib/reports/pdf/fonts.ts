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

const KEY = Symbol.for("readyroom.pdf-fonts");
type Holder = { [KEY]?: true };

/** Registers the font once per process. */
export function registerPdfFonts(): void {
  const holder = globalThis as unknown as Holder;
  if (holder[KEY]) return;
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
  holder[KEY] = true;
}

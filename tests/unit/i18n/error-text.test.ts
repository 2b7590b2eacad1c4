// Every stable error code the server can send has a message people can read in every
// interface language, and invalid input names the field in that language.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { ERROR_FIELDS, errorText, type ErrorTranslator } from "@/lib/i18n/error-text";
import { LOCALES } from "@/lib/i18n/config";
import { ERROR_STATUS } from "@/lib/errors/codes";

const ROOT = join(__dirname, "../../..");

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // Linter findings carry codes too (SYNTAX, SCHEMA), but they are shown as findings, not as errors.
    if (name === "generated" || path.endsWith(join("scenario", "lint")) || path.endsWith("catalog/store.ts")) continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Codes the server and the client stores produce: every code of lib/errors/codes.ts, and DomainError("X", …), { code: "X" }, fail("X", …), refuse("X", …). */
function codesInSource(): Set<string> {
  const pattern = /(?:DomainError\(|\bfail\(|\brefuse\(|\bcode:\s*)"([A-Z][A-Z_]{2,})"/g;
  const codes = new Set<string>(Object.keys(ERROR_STATUS));
  for (const file of [...sources(join(ROOT, "lib")), ...sources(join(ROOT, "app/api")), ...sources(join(ROOT, "components/live"))]) {
    for (const m of readFileSync(file, "utf8").matchAll(pattern)) codes.add(m[1]);
  }
  return codes;
}

const errorsIn = (locale: (typeof LOCALES)[number]) => translatorFor(locale, "errors") as unknown as ErrorTranslator;

describe("error messages", () => {
  const codes = codesInSource();

  it("finds the codes the server sends", () => {
    for (const code of ["JOIN_CODE_UNKNOWN", "SESSION_ENDED", "DUPLICATE_NAME", "TIE", "UNAUTHENTICATED", "INVALID_INPUT", "SESSION_PAUSED"]) expect(codes).toContain(code);
  });

  it("has a message for every code in every language", () => {
    const missing: string[] = [];
    for (const locale of LOCALES) {
      const t = errorsIn(locale);
      for (const code of codes) if (!t.has(`codes.${code}`)) missing.push(`${locale}: ${code}`);
    }
    expect(missing).toEqual([]);
  });

  it("shows the catalogue's message, not the server's English", () => {
    expect(errorText(errorsIn("pl"), { code: "SESSION_ENDED" })).toBe("Ta sesja się zakończyła. Poproś prowadzącego o kod bieżącej sesji.");
    expect(errorText(errorsIn("en"), { code: "SESSION_ENDED" })).toBe("This session has ended. Ask your facilitator for the code of a current session.");
    expect(errorText(errorsIn("pl"), { code: "SOMETHING_NEW" })).toBe("Coś poszło nie tak. Spróbuj ponownie.");
  });

  it("names the field of invalid input, from a socket path or HTTP details", () => {
    expect(errorText(errorsIn("pl"), { code: "INVALID_INPUT", path: "/displayName" })).toBe("Sprawdź pole „Twoje imię i nazwisko”: brakuje wartości lub jest ona nieprawidłowa.");
    expect(errorText(errorsIn("en"), { code: "INVALID_INPUT", details: [{ path: "/teams/1", message: "a team name cannot be empty" }] })).toBe(
      "Check the field “Teams”: it is missing or not valid.",
    );
    expect(errorText(errorsIn("en"), { code: "INVALID_INPUT", path: "/unheardOf" })).toBe("Check the field “input”: it is missing or not valid.");
    for (const locale of LOCALES) for (const field of ERROR_FIELDS) expect(errorsIn(locale).has(`fields.${field}`)).toBe(true);
  });
});

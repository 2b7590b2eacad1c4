// Translations outside React (route handlers, PDF rendering, server-side notices): the
// same catalogue and ICU formatting as the interface.
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";
import type { Locale } from "./config";

export function translatorFor(locale: Locale, namespace?: string) {
  // The catalogue is merged from JSON at run time, so keys are checked by the catalogue test, not the compiler.
  return createTranslator({ locale, messages: MESSAGES[locale] as never, namespace: namespace as never }) as unknown as (
    key: string,
    values?: Record<string, string | number | Date>,
  ) => string;
}

// The message catalogue: one JSON file per namespace and language, merged here. ICU
// message syntax; tests/unit/i18n/catalog.test.ts keeps the languages in step with each
// other and with the keys the code uses.
import type { Locale } from "@/lib/i18n/config";
import enCommon from "./en/common.json";
import plCommon from "./pl/common.json";
import enReports from "./en/reports.json";
import plReports from "./pl/reports.json";

export type Messages = Record<string, unknown>;

export const MESSAGES: Record<Locale, Messages> = {
  en: { common: enCommon, reports: enReports },
  pl: { common: plCommon, reports: plReports },
};

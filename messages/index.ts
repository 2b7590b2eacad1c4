// The message catalogue: one JSON file per namespace and language, merged here. ICU
// message syntax; tests/unit/i18n/catalog.test.ts keeps the languages in step with each
// other and with the keys the code uses.
import type { Locale } from "@/lib/i18n/config";
import enCommon from "./en/common.json";
import plCommon from "./pl/common.json";
import enAuth from "./en/auth.json";
import plAuth from "./pl/auth.json";
import enHome from "./en/home.json";
import plHome from "./pl/home.json";
import enJoin from "./en/join.json";
import plJoin from "./pl/join.json";
import enPlay from "./en/play.json";
import plPlay from "./pl/play.json";
import enLive from "./en/live.json";
import plLive from "./pl/live.json";
import enConsole from "./en/console.json";
import plConsole from "./pl/console.json";
import enSessions from "./en/sessions.json";
import plSessions from "./pl/sessions.json";
import enScenarios from "./en/scenarios.json";
import plScenarios from "./pl/scenarios.json";
import enSettings from "./en/settings.json";
import plSettings from "./pl/settings.json";
import enErrors from "./en/errors.json";
import plErrors from "./pl/errors.json";

export type Messages = Record<string, unknown>;

export const MESSAGES: Record<Locale, Messages> = {
  en: { common: enCommon, auth: enAuth, home: enHome, join: enJoin, play: enPlay, live: enLive, console: enConsole, sessions: enSessions, scenarios: enScenarios, settings: enSettings, errors: enErrors },
  pl: { common: plCommon, auth: plAuth, home: plHome, join: plJoin, play: plPlay, live: plLive, console: plConsole, sessions: plSessions, scenarios: plScenarios, settings: plSettings, errors: plErrors },
};

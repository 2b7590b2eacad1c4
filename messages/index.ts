// The message catalogue: one JSON file per namespace and language, merged here. ICU
// message syntax; tests/unit/i18n/catalog.test.ts keeps the languages in step with each
// other and with the keys the code uses.
import type { Locale } from "@/lib/i18n/config";
import enCommon from "./en/common.json";
import plCommon from "./pl/common.json";
import enMail from "./en/mail.json";
import plMail from "./pl/mail.json";
import enAar from "./en/aar.json";
import plAar from "./pl/aar.json";
import enAarSummary from "./en/aarSummary.json";
import enDashboard from "./en/dashboard.json";
import plDashboard from "./pl/dashboard.json";
import plAarSummary from "./pl/aarSummary.json";
import enAdmin from "./en/admin.json";
import plAdmin from "./pl/admin.json";
import enAuth from "./en/auth.json";
import plAuth from "./pl/auth.json";
import enConsole from "./en/console.json";
import plConsole from "./pl/console.json";
import enErrors from "./en/errors.json";
import plErrors from "./pl/errors.json";
import enHome from "./en/home.json";
import plHome from "./pl/home.json";
import enJoin from "./en/join.json";
import plJoin from "./pl/join.json";
import enLive from "./en/live.json";
import plLive from "./pl/live.json";
import enPlay from "./en/play.json";
import plPlay from "./pl/play.json";
import enPrivacy from "./en/privacy.json";
import plPrivacy from "./pl/privacy.json";
import enReports from "./en/reports.json";
import plReports from "./pl/reports.json";
import enRoom from "./en/room.json";
import plRoom from "./pl/room.json";
import enScenarioLanding from "./en/scenario-landing.json";
import plScenarioLanding from "./pl/scenario-landing.json";
import enScenarios from "./en/scenarios.json";
import plScenarios from "./pl/scenarios.json";
import enSessions from "./en/sessions.json";
import plSessions from "./pl/sessions.json";
import enSettings from "./en/settings.json";
import plSettings from "./pl/settings.json";
import enStudioStart from "./en/studio-start.json";
import plStudioStart from "./pl/studio-start.json";
import enStudio from "./en/studio.json";
import plStudio from "./pl/studio.json";
import enStage from "./en/stage.json";
import plStage from "./pl/stage.json";
import enTeams from "./en/teams.json";
import enEvidence from "./en/evidence.json";
import plEvidence from "./pl/evidence.json";
import plTeams from "./pl/teams.json";
import enClocks from "./en/clocks.json";
import plClocks from "./pl/clocks.json";
import enLiveClocks from "./en/liveClocks.json";
import plLiveClocks from "./pl/liveClocks.json";
import enRights from "./en/rights.json";
import plRights from "./pl/rights.json";
import enPooled from "./en/pooled.json";
import plPooled from "./pl/pooled.json";
import enDrills from "./en/drills.json";
import plDrills from "./pl/drills.json";
import enDrillMail from "./en/drillMail.json";
import plDrillMail from "./pl/drillMail.json";
import enDrillSummary from "./en/drillSummary.json";
import plDrillSummary from "./pl/drillSummary.json";
import enDrillReport from "./en/drillReport.json";
import plDrillReport from "./pl/drillReport.json";

export type Messages = Record<string, unknown>;

export const MESSAGES: Record<Locale, Messages> = {
  en: {
    common: enCommon,
    aar: enAar,
    aarSummary: enAarSummary,
    dashboard: enDashboard,
    admin: enAdmin,
    auth: enAuth,
    console: enConsole,
    errors: enErrors,
    home: enHome,
    join: enJoin,
    live: enLive,
    play: enPlay,
    privacy: enPrivacy,
    reports: enReports,
    room: enRoom,
    scenarios: enScenarios,
    scenarioLanding: enScenarioLanding,
    sessions: enSessions,
    settings: enSettings,
    stage: enStage,
    studio: enStudio,
    studioStart: enStudioStart,
    teams: enTeams,
    evidence: enEvidence,
    clocks: enClocks,
    liveClocks: enLiveClocks,
    rights: enRights,
    mail: enMail,
    pooled: enPooled,
    drills: enDrills,
    drillMail: enDrillMail,
    drillSummary: enDrillSummary,
    drillReport: enDrillReport,
  },
  pl: {
    common: plCommon,
    aar: plAar,
    aarSummary: plAarSummary,
    dashboard: plDashboard,
    admin: plAdmin,
    auth: plAuth,
    console: plConsole,
    errors: plErrors,
    home: plHome,
    join: plJoin,
    live: plLive,
    play: plPlay,
    privacy: plPrivacy,
    reports: plReports,
    room: plRoom,
    scenarios: plScenarios,
    scenarioLanding: plScenarioLanding,
    sessions: plSessions,
    settings: plSettings,
    stage: plStage,
    studio: plStudio,
    studioStart: plStudioStart,
    teams: plTeams,
    evidence: plEvidence,
    clocks: plClocks,
    liveClocks: plLiveClocks,
    rights: plRights,
    mail: plMail,
    pooled: plPooled,
    drills: plDrills,
    drillMail: plDrillMail,
    drillSummary: plDrillSummary,
    drillReport: plDrillReport,
  },
};

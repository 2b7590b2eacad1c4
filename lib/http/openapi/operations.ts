// Every `/api` route and method, with the zod schemas its handler parses (imported from
// where the route imports them, so the document cannot drift from the parsing) and what it
// answers. `tests/unit/http/openapi.test.ts` walks app/api/**/route.ts and fails when a
// route or method has no entry here, or an entry has no route.
import { z } from "zod";
import { ZAuditFilter } from "@/lib/audit/query";
import { ZNewToken } from "@/lib/auth/api-token";
import { ZParticipantSearch } from "@/lib/privacy/erasure";
import { ZPrivacySettingsPatch } from "@/lib/privacy/settings";
import { ZFindingCreate, ZFindingPatch, ZOverrideInput, ZOverrideTarget, ZPlanCreate, ZPlanPatch } from "@/lib/reports/aar-edit";
import { ZReportFilters } from "@/lib/reports/filters";
import { ZExportFormat } from "@/lib/reports/http";
import { ZCreateSession } from "@/lib/session/inputs";
import { ZCreateDrill, ZDrillAction, ZDrillDeadline } from "@/lib/drills/inputs";
import { ZCreateDraft, ZSaveDraft } from "@/lib/studio/drafts";
import { ZNewTeam, ZTeamMerge, ZTeamPatch } from "@/lib/teams/service";
import { ZNewUser, ZUserPatch } from "@/lib/users/service";
import { ZInvite, ZSetPassword } from "@/lib/users/invite";
import { ZUserLocale } from "@/lib/users/locale";
import { ZComment, ZLedgerFilter, ZLedgerPatch, ZVerify } from "@/lib/improvements/ledger";
import { AAR_SHAPE, CONSOLE_VIEW_SHAPE, ZCreatedSession, ZSessionResults } from "@/lib/http/openapi/responses";
import type { Shape } from "@/lib/realtime/contract";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Who may call: a permission of the matrix (lib/auth/permissions.ts), or no sign-in at all. */
export type Access = { resource: string; action: string } | "public" | "participant-token" | "signed-in";

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path template: `/api/sessions/{id}`. */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /** A body that is not JSON-parsed with a schema (a scenario file, a form). */
  rawBody?: { contentType: string; description: string };
  query?: z.ZodType;
  ok: { status: number; description: string; schema?: z.ZodType; shape?: Shape<object>; contentType?: string };
};

const json = (description: string, extra: Partial<Operation["ok"]> = {}): Operation["ok"] => ({ status: 200, description, ...extra });
const FORMAT_QUERY = z.strictObject({ format: ZExportFormat.optional() });
const REPORT_QUERY = z.intersection(FORMAT_QUERY.partial(), ZReportFilters);
const ARCHIVED_QUERY = z.strictObject({ archived: z.literal("1").optional().describe("1: list archived teams too") });
const SCENARIO_QUERY = z.strictObject({ q: z.string().optional(), tag: z.string().optional(), locale: z.string().optional() });
const reports = (action: string): Access => ({ resource: "reports", action });
const sessions = (action: string): Access => ({ resource: "sessions", action });

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/openapi.json", summary: "This document", access: "public", ok: json("OpenAPI 3.1") },
  { method: "get", path: "/api/health", summary: "Liveness and database readiness", access: "public", ok: json("the health report (503 when the database is not ready)") },
  { method: "get", path: "/api/auth/{nextauth}", summary: "next-auth endpoints (session, CSRF token, providers)", access: "public", ok: json("next-auth's answers") },
  { method: "post", path: "/api/auth/{nextauth}", summary: "next-auth sign-in and sign-out (rate-limited per address and account)", access: "public", rawBody: { contentType: "application/x-www-form-urlencoded", description: "next-auth's form" }, ok: json("next-auth's answers") },

  { method: "get", path: "/api/audit", summary: "Audit log, filtered", access: { resource: "audit", action: "view" }, query: ZAuditFilter, ok: json("one page of audit entries") },
  { method: "get", path: "/api/audit/export", summary: "Audit log as CSV", access: { resource: "audit", action: "export" }, query: ZAuditFilter, ok: json("CSV file", { contentType: "text/csv" }) },

  { method: "get", path: "/api/participants", summary: "Participants to erase, by session (and name) or staff account", access: { resource: "responses", action: "delete" }, query: ZParticipantSearch, ok: json("`{ participants }`") },
  { method: "delete", path: "/api/participants/{id}", summary: "Erase one participant's data", access: { resource: "responses", action: "delete" }, ok: json("what was erased") },
  { method: "get", path: "/api/participants/me/export", summary: "A participant's own data (Authorization: Participant <resume token>)", access: "participant-token", ok: json("the participant's name, team, votes and answers") },

  { method: "get", path: "/api/reports/export", summary: "The dashboard's results, team × capability", access: reports("export"), query: REPORT_QUERY, ok: json("CSV or JSON file (`format`)") },
  { method: "get", path: "/api/reports/sessions/{id}", summary: "One session's results, team × capability", access: reports("export"), query: FORMAT_QUERY, ok: json("CSV or JSON file (`format`)") },
  { method: "post", path: "/api/retention", summary: "Run retention now (also aborts abandoned sessions)", access: { resource: "responses", action: "delete" }, ok: json("what was deleted") },

  { method: "get", path: "/api/scenarios", summary: "Scenario catalogue", access: { resource: "scenarios", action: "view" }, query: SCENARIO_QUERY, ok: json("`{ scenarios }`") },
  { method: "post", path: "/api/scenarios", summary: "Import a scenario file (docs/scenario-format.md)", access: { resource: "scenarios", action: "modify" }, rawBody: { contentType: "application/json", description: "the scenario file itself (scenarios/scenario.schema.json); errors answer 422 SCENARIO_INVALID with `findings`" }, ok: { status: 201, description: "`{ ok, id, slug, contentHash, created }` (200 when the same version exists)" } },
  { method: "delete", path: "/api/scenarios/{id}", summary: "Delete a scenario version no session uses", access: { resource: "scenarios", action: "delete" }, ok: json("`{ deleted: { id, slug } }`") },

  { method: "post", path: "/api/drills", summary: "Create a drill (a session each participant plays alone, by a deadline) with its invitations", access: sessions("modify"), body: ZCreateDrill, ok: { status: 201, description: "`{ id, links: [{ email, name, locale, link }], openLink, mail: { configured, invitationsQueued } }`: the personal links, shown this once; with e-mail on, each invitee's invitation is queued" } },
  { method: "get", path: "/api/drills/{id}", summary: "A drill's funnel by team (k-suppressed), its answers as the viewer may see them, and its e-mail delivery (counts and problems)", access: sessions("view"), ok: json("the drill's progress and `delivery` (docs/drills.md)") },
  { method: "patch", path: "/api/drills/{id}", summary: "Extend a drill's deadline (reopens a closed drill)", access: sessions("modify"), body: ZDrillDeadline, ok: json("`{ closesAt }`") },
  { method: "post", path: "/api/drills/{id}/close", summary: "Close a drill before its deadline (with e-mail on, queues the closing note to each invitee who finished)", access: sessions("modify"), ok: json("`{ closedAt }`") },
  { method: "get", path: "/api/drills/{id}/report", summary: "A drill's after-action report: participation, readiness and calibration per team and organisation, paths taken, wrong turns, training (each withheld below k)", access: reports("view"), ok: json("the drill report (docs/drills.md, Reports)") },
  { method: "get", path: "/api/drills/{id}/report/pdf", summary: "A drill's after-action report as an A4 PDF in the reader's language, withheld below k as on the page; 503 PDF_BUSY with Retry-After when the render queue is full", access: reports("export"), ok: json("PDF file", { contentType: "application/pdf" }) },
  { method: "post", path: "/api/drills/{id}/remind", summary: "Send a reminder now, by e-mail, to every invitee who has not finished (409 MAIL_NOT_CONFIGURED without SMTP_URL)", access: sessions("modify"), ok: json("`{ queued }`: how many reminders were queued") },
  { method: "post", path: "/api/drills/{id}/links", summary: "New personal links for invitees who have not started (their earlier links stop working)", access: sessions("modify"), ok: json("CSV: email, name, locale, link", { contentType: "text/csv" }) },
  { method: "put", path: "/api/me/locale", summary: "The signed-in person's language, for their e-mail (set by the language switch)", access: "signed-in", body: ZUserLocale, ok: json("`{ locale }`") },
  { method: "get", path: "/api/drills/{id}/me", summary: "A named drill's current step or result, for the signed-in invitee", access: "signed-in", ok: json("the play view (docs/drills.md)") },
  { method: "post", path: "/api/drills/{id}/me", summary: "Start, advance, answer (option, confidence, reasoning) or time out, signed in", access: "signed-in", body: ZDrillAction, ok: json("the play view after the action") },
  { method: "get", path: "/api/drill/{token}", summary: "The play view for a personal drill link (the token is the credential); opens the invitation", access: "public", ok: json("the play view (docs/drills.md)") },
  { method: "post", path: "/api/drill/{token}", summary: "Start, advance, answer (option, confidence, reasoning) or time out, with a personal link", access: "public", body: ZDrillAction, ok: json("the play view after the action") },
  { method: "post", path: "/api/drill/open/{token}", summary: "Follow a drill's open link: a new personal token for this visitor", access: "public", ok: { status: 201, description: "`{ token }`: the visitor's personal token (their resume link is /drill/{token})" } },

  { method: "post", path: "/api/sessions", summary: "Create a session from a stored scenario version", access: sessions("modify"), body: ZCreateSession, ok: { status: 201, description: "the session and its join code", schema: ZCreatedSession } },
  { method: "get", path: "/api/sessions/{id}", summary: "The live session as the console sees it (redacted for the viewer)", access: sessions("view"), ok: json("ConsoleView (docs/protocol.md, Views)", { shape: CONSOLE_VIEW_SHAPE }) },
  { method: "delete", path: "/api/sessions/{id}", summary: "Delete the session's raw data now (aborts it first)", access: sessions("delete"), ok: json("what was deleted") },
  { method: "get", path: "/api/sessions/{id}/results", summary: "Per team: path, decisions (with tally), votes, answers, scores", access: { resource: "responses", action: "export" }, ok: json("results; readiness ratings are in the AAR", { schema: ZSessionResults }) },
  { method: "get", path: "/api/sessions/{id}/events", summary: "The session's append-only event log", access: sessions("export"), ok: json("the events as a JSON download") },
  { method: "get", path: "/api/sessions/{id}/responses", summary: "Answers, as the viewer may see them", access: { resource: "responses", action: "view" }, ok: json("`{ sessionId, answers, votes }`") },
  { method: "get", path: "/api/sessions/{id}/aar", summary: "After-action report with readiness ratings (docs/aar.md)", access: reports("view"), ok: json("the report", { shape: AAR_SHAPE }) },
  { method: "delete", path: "/api/sessions/{id}/aar", summary: "Delete what people wrote into the report", access: reports("delete"), ok: json("`{ deleted: { findings, overrides } }`") },
  { method: "get", path: "/api/sessions/{id}/aar/pdf", summary: "After-action report as PDF", access: reports("export"), ok: json("PDF file", { contentType: "application/pdf" }) },
  { method: "put", path: "/api/sessions/{id}/aar/ratings", summary: "Override one team's rating of one capability", access: reports("modify"), body: ZOverrideInput, ok: json("the override") },
  { method: "delete", path: "/api/sessions/{id}/aar/ratings", summary: "Withdraw an override", access: reports("modify"), body: ZOverrideTarget, ok: json("the rating as proposed again") },
  { method: "post", path: "/api/sessions/{id}/aar/findings", summary: "Add a strength or area for improvement", access: reports("modify"), body: ZFindingCreate, ok: { status: 201, description: "the finding" } },
  { method: "patch", path: "/api/sessions/{id}/aar/findings/{findingId}", summary: "Edit a finding", access: reports("modify"), body: ZFindingPatch, ok: json("the finding") },
  { method: "delete", path: "/api/sessions/{id}/aar/findings/{findingId}", summary: "Delete a finding", access: reports("modify"), ok: json("what was deleted") },
  { method: "post", path: "/api/sessions/{id}/aar/improvements", summary: "Add an improvement plan item", access: reports("modify"), body: ZPlanCreate, ok: { status: 201, description: "the item" } },
  { method: "patch", path: "/api/sessions/{id}/aar/improvements/{itemId}", summary: "Edit an improvement plan item", access: reports("modify"), body: ZPlanPatch, ok: json("the item") },
  { method: "delete", path: "/api/sessions/{id}/aar/improvements/{itemId}", summary: "Delete an improvement plan item", access: reports("modify"), ok: json("what was deleted") },

  { method: "get", path: "/api/settings", summary: "Privacy settings", access: { resource: "settings", action: "view" }, ok: json("`{ settings }`") },
  { method: "put", path: "/api/settings", summary: "Change privacy settings", access: { resource: "settings", action: "modify" }, body: ZPrivacySettingsPatch, ok: json("`{ settings, changed }`") },

  { method: "get", path: "/api/studio/drafts", summary: "Your studio drafts", access: { resource: "scenarios", action: "modify" }, ok: json("`{ drafts }`") },
  { method: "post", path: "/api/studio/drafts", summary: "Start a studio draft", access: { resource: "scenarios", action: "modify" }, body: ZCreateDraft, ok: { status: 201, description: "`{ draft }`" } },
  { method: "get", path: "/api/studio/drafts/{id}", summary: "One draft with its lint findings", access: { resource: "scenarios", action: "modify" }, ok: json("`{ draft }`") },
  { method: "put", path: "/api/studio/drafts/{id}", summary: "Save a draft", access: { resource: "scenarios", action: "modify" }, body: ZSaveDraft, ok: json("`{ draft }`") },
  { method: "delete", path: "/api/studio/drafts/{id}", summary: "Delete a draft", access: { resource: "scenarios", action: "modify" }, ok: json("what was deleted") },
  { method: "post", path: "/api/studio/drafts/{id}/publish", summary: "Publish a draft as a scenario version", access: { resource: "scenarios", action: "modify" }, ok: { status: 201, description: "the stored scenario version" } },

  { method: "get", path: "/api/teams", summary: "The organisation's teams", access: { resource: "teams", action: "view" }, query: ARCHIVED_QUERY, ok: json("`{ teams }`") },
  { method: "post", path: "/api/teams", summary: "Add a team", access: { resource: "teams", action: "modify" }, body: ZNewTeam, ok: { status: 201, description: "`{ team }`" } },
  { method: "patch", path: "/api/teams/{id}", summary: "Rename, archive or restore a team", access: { resource: "teams", action: "modify" }, body: ZTeamPatch, ok: json("`{ team }`") },
  { method: "post", path: "/api/teams/{id}/merge", summary: "Merge a team into another", access: { resource: "teams", action: "modify" }, body: ZTeamMerge, ok: json("the merge's outcome") },

  { method: "get", path: "/api/tokens", summary: "Your API tokens (never the secret)", access: sessions("modify"), ok: json("`{ tokens: [{ id, name, prefix, createdAt, lastUsedAt, expiresAt, revokedAt }] }`") },
  { method: "post", path: "/api/tokens", summary: "Create an API token (from the web app only, not with another token)", access: sessions("modify"), body: ZNewToken, ok: { status: 201, description: "`{ token, id, name, prefix, createdAt, expiresAt }`; `token` is shown this once" } },
  { method: "delete", path: "/api/tokens/{id}", summary: "Revoke one of your API tokens", access: sessions("modify"), ok: json("`{ ok: true }`") },

  { method: "get", path: "/api/users", summary: "Staff accounts", access: { resource: "users", action: "view" }, ok: json("`{ users }`") },
  { method: "post", path: "/api/users", summary: "Create a staff account", access: { resource: "users", action: "modify" }, body: ZNewUser, ok: { status: 201, description: "`{ user }`" } },
  { method: "patch", path: "/api/users/{id}", summary: "Change a staff account (role, name, active, password)", access: { resource: "users", action: "modify" }, body: ZUserPatch, ok: json("the user") },
  { method: "delete", path: "/api/users/{id}", summary: "Delete a staff account", access: { resource: "users", action: "delete" }, ok: json("`{ deleted }`") },
  { method: "post", path: "/api/users/invite", summary: "Invite a staff account: no password yet, and a one-time set-password link shown once", access: { resource: "users", action: "modify" }, body: ZInvite, ok: { status: 201, description: "`{ user, link: { url, expiresAt } }`" } },
  { method: "post", path: "/api/users/{id}/setup-link", summary: "A fresh one-time set-password link for another account (older unused links stop working)", access: { resource: "users", action: "modify" }, ok: { status: 201, description: "`{ link: { url, expiresAt } }`" } },
  { method: "post", path: "/api/set-password", summary: "Spend a one-time set-password link (the token is the credential)", access: "public", body: ZSetPassword, ok: json("`{ ok: true, email }`") },
  { method: "get", path: "/api/improvements", summary: "The improvement ledger: items of sessions whose reports the reader may open", access: reports("view"), query: ZLedgerFilter, ok: json("`{ items }`") },
  { method: "patch", path: "/api/improvements/{itemId}", summary: "Change an item's status, owner or due date", access: reports("modify"), body: ZLedgerPatch, ok: json("`{ id, status }`") },
  { method: "post", path: "/api/improvements/{itemId}/comments", summary: "Comment on an item", access: reports("modify"), body: ZComment, ok: { status: 201, description: "`{ id }`" } },
  { method: "post", path: "/api/improvements/{itemId}/verify", summary: "Confirm \"verified by exercise\" from a later session's report", access: reports("modify"), body: ZVerify, ok: json("the item's new state") },
  { method: "get", path: "/api/evidence", summary: "The signed evidence pack of a period and team(s): the dashboard's team, from, to and scenario filters (docs/evidence.md)", access: { resource: "evidence", action: "export" }, query: ZReportFilters, ok: json("ZIP file", { contentType: "application/zip" }) },
  { method: "get", path: "/api/sessions/{id}/evidence", summary: "The session's signed evidence pack (docs/evidence.md)", access: { resource: "evidence", action: "export" }, ok: json("ZIP file", { contentType: "application/zip" }) },
  { method: "get", path: "/api/sessions/{id}/aar/clocks", summary: "The AAR's clocks and notifications section; CSV with `?format=csv`", access: reports("view"), query: FORMAT_QUERY, ok: json("`{ clocks }`, or CSV") },
  { method: "get", path: "/api/sessions/{id}/aar/rights", summary: "The AAR's decision rights section (decisions taken without their owner or against a consulted role); CSV with `?format=csv`", access: reports("view"), query: FORMAT_QUERY, ok: json("`{ rights }`, or CSV") },
  { method: "get", path: "/api/users/export", summary: "Staff accounts as CSV", access: { resource: "users", action: "export" }, ok: json("CSV file", { contentType: "text/csv" }) },
];

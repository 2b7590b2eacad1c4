// How an audit row reads as a sentence: which message it uses, what record it is about and
// where that record lives. Pure: the names and titles that fill the sentence are looked up
// at read time (lib/audit/subjects.ts), because rows hold ids only (lib/audit/detail.ts).
import type { AuditRow } from "@/lib/audit/query";

/** The kind of record a row is about, for looking up its title and linking to it. */
export type SubjectKind = "session" | "scenario" | "user" | "team";
export type AuditSubject = { kind: SubjectKind; id: string } | null;

/** Message keys under admin.audit.sentences; every key exists in both languages. */
export const SENTENCE_KEYS = [
  "login",
  "view.session", "view.report", "view.responses", "view.user", "view.audit",
  "export.report", "export.reportDashboard", "export.session", "export.responses", "export.participant", "export.user", "export.audit",
  "create.scenario", "delete.scenario",
  "create.user", "invite.user", "modify.user", "setPassword.user", "setupLink.user", "delete.user", "erase.participant",
  "create.team", "modify.team", "merge.team", "delete.team",
  "create.api-token", "delete.api-token",
  "modify.settings",
  "modify.session", "abandon.session", "delete.session", "delete.responses",
  "create.report", "modify.report", "delete.report",
  "other",
] as const;
export type SentenceKey = (typeof SENTENCE_KEYS)[number];

const detailOf = (row: AuditRow): Record<string, unknown> => (row.detail && typeof row.detail === "object" ? (row.detail as Record<string, unknown>) : {});
const word = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The record the row is about (null for lists, settings, tokens and erased participants). */
export function auditSubject(row: AuditRow): AuditSubject {
  const d = detailOf(row);
  if (d.kind === "participant") return typeof d.sessionId === "string" ? { kind: "session", id: d.sessionId } : null;
  if (!row.resourceId) return null;
  switch (row.resourceType) {
    case "session":
    case "report":
    case "responses":
      return { kind: "session", id: row.resourceId };
    case "scenario":
      return { kind: "scenario", id: row.resourceId };
    case "user":
      return { kind: "user", id: row.resourceId };
    case "team":
      return { kind: "team", id: row.resourceId };
    default:
      return null;
  }
}

/** Which sentence a row reads as. */
export function sentenceKey(row: AuditRow): SentenceKey {
  const d = detailOf(row);
  const { action, resourceType: type } = row;
  if (action === "login") return "login";
  if (type === "user" && d.kind === "participant") return action === "delete" ? "erase.participant" : "other";
  if (type === "responses" && d.kind === "participant" && action === "export") return "export.participant";
  if (type === "user" && action === "create" && d.via === "invite") return "invite.user";
  if (type === "user" && action === "modify" && d.change === "setPassword") return "setPassword.user";
  if (type === "user" && action === "modify" && d.change === "setupLink") return "setupLink.user";
  if (type === "team" && action === "modify" && d.change === "merge") return "merge.team";
  if (type === "session" && action === "modify" && d.reason === "abandoned") return "abandon.session";
  if (type === "report" && action === "export" && !row.resourceId) return "export.reportDashboard";
  const key = `${action}.${type}`;
  return (SENTENCE_KEYS as readonly string[]).includes(key) ? (key as SentenceKey) : "other";
}

/** Where the record can be opened, when it still can. */
export function subjectHref(row: AuditRow, subject: AuditSubject, label: string | null): string | null {
  if (row.resourceType === "report" && subject) return `/sessions/${encodeURIComponent(subject.id)}/aar`;
  if (row.resourceType === "settings") return "/admin/privacy";
  if (row.resourceType === "api-token") return "/settings/tokens";
  if (!subject) return null;
  switch (subject.kind) {
    case "session":
      return `/sessions/${encodeURIComponent(subject.id)}`;
    case "scenario":
      return `/scenarios/${encodeURIComponent(subject.id)}`;
    case "team":
      return `/reports/teams/${encodeURIComponent(subject.id)}`;
    case "user":
      // The users page finds the account by its e-mail; a deleted account has no page.
      return label ? `/admin/users?q=${encodeURIComponent(label)}` : null;
  }
}

/** The format word for export sentences ("PDF", "CSV", "JSON"), or null. */
export function exportFormat(row: AuditRow): string | null {
  const f = word(detailOf(row).format);
  return f ? f.toUpperCase() : null;
}

/** The fields a change touched, as the row lists them (names, never values). */
export function changedFieldNames(row: AuditRow): string[] {
  const d = detailOf(row);
  const list = Array.isArray(d.fields) ? d.fields : Array.isArray(d.changed) ? d.changed : [];
  return list.filter((f): f is string => typeof f === "string");
}

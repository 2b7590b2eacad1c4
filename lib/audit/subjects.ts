// Names for the people and records an audit page shows: actors by user id, subjects by
// kind and id, each kind in one query per page (never one per row). A record deleted since
// has no name, and the sentence falls back to its id.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditRow } from "@/lib/audit/query";
import { auditSubject, type SubjectKind } from "@/lib/audit/describe";

export type AuditNames = { actors: Map<string, string>; subjects: Map<string, string> };

export const subjectKey = (kind: SubjectKind, id: string) => `${kind}:${id}`;

export async function loadAuditNames(prisma: PrismaClient, rows: AuditRow[]): Promise<AuditNames> {
  const ids: Record<SubjectKind, Set<string>> = { session: new Set(), scenario: new Set(), user: new Set(), team: new Set() };
  for (const row of rows) {
    const s = auditSubject(row);
    if (s) ids[s.kind].add(s.id);
    if (row.actorId) ids.user.add(row.actorId);
  }
  const list = (k: SubjectKind) => [...ids[k]];
  const [users, sessions, scenarios, teams] = await Promise.all([
    ids.user.size ? prisma.user.findMany({ where: { id: { in: list("user") } }, select: { id: true, name: true, email: true } }) : [],
    ids.session.size ? prisma.exerciseSession.findMany({ where: { id: { in: list("session") } }, select: { id: true, title: true } }) : [],
    ids.scenario.size ? prisma.scenario.findMany({ where: { id: { in: list("scenario") } }, select: { id: true, title: true } }) : [],
    ids.team.size ? prisma.team.findMany({ where: { id: { in: list("team") } }, select: { id: true, name: true } }) : [],
  ]);
  const actors = new Map<string, string>();
  const subjects = new Map<string, string>();
  for (const u of users) {
    actors.set(u.id, u.name?.trim() || u.email);
    subjects.set(subjectKey("user", u.id), u.email);
  }
  for (const s of sessions) subjects.set(subjectKey("session", s.id), s.title);
  for (const s of scenarios) subjects.set(subjectKey("scenario", s.id), s.title);
  for (const t of teams) subjects.set(subjectKey("team", t.id), t.name);
  return { actors, subjects };
}

/** The actor's display name: their account's name, else the label the row was written with. */
export function actorName(names: AuditNames, row: AuditRow): string {
  return (row.actorId && names.actors.get(row.actorId)) || row.actorLabel.replace(/ \((ADMIN|FACILITATOR|MANAGER|PARTICIPANT)\)$/, "");
}

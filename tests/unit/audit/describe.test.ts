import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/messages";
import { auditSubject, exportFormat, SENTENCE_KEYS, sentenceKey, subjectHref } from "@/lib/audit/describe";
import type { AuditRow } from "@/lib/audit/query";

const row = (r: Partial<AuditRow>): AuditRow => ({ id: "1", at: new Date(0).toISOString(), actorId: "u1", actorLabel: "maja@example.org (ADMIN)", action: "view", resourceType: "session", resourceId: "s1", detail: null, ...r });

describe("audit rows as sentences", () => {
  it("reads a PDF export of a report as such, linking to the after-action report", () => {
    const r = row({ action: "export", resourceType: "report", resourceId: "s1", detail: { report: "aar", format: "pdf" } });
    expect(sentenceKey(r)).toBe("export.report");
    expect(exportFormat(r)).toBe("PDF");
    expect(subjectHref(r, auditSubject(r), "Q3 drill")).toBe("/sessions/s1/aar");
  });

  it("tells invitations, new links, password setting, erasure and merges apart", () => {
    expect(sentenceKey(row({ action: "create", resourceType: "user", detail: { via: "invite" } }))).toBe("invite.user");
    expect(sentenceKey(row({ action: "modify", resourceType: "user", detail: { change: "setupLink" } }))).toBe("setupLink.user");
    expect(sentenceKey(row({ action: "modify", resourceType: "user", detail: { change: "setPassword" } }))).toBe("setPassword.user");
    const erased = row({ action: "delete", resourceType: "user", resourceId: "p1", detail: { kind: "participant" } });
    expect(sentenceKey(erased)).toBe("erase.participant");
    expect(auditSubject(erased)).toBeNull();
    expect(sentenceKey(row({ action: "modify", resourceType: "team", detail: { change: "merge" } }))).toBe("merge.team");
    expect(sentenceKey(row({ action: "export", resourceType: "report", resourceId: null }))).toBe("export.reportDashboard");
    expect(sentenceKey(row({ action: "frobnicate", resourceType: "thing" }))).toBe("other");
  });

  it("links a user to the users page by e-mail, and a deleted one nowhere", () => {
    const r = row({ action: "modify", resourceType: "user", resourceId: "u2" });
    expect(subjectHref(r, auditSubject(r), "jan@example.org")).toBe("/admin/users?q=jan%40example.org");
    expect(subjectHref(r, auditSubject(r), null)).toBeNull();
  });

  it("has every sentence in every language", () => {
    for (const messages of Object.values(MESSAGES)) {
      const sentences = (messages.admin as { audit: { sentences: Record<string, unknown> } }).audit.sentences;
      for (const key of SENTENCE_KEYS) {
        const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], sentences);
        expect(typeof value, key).toBe("string");
      }
    }
  });
});

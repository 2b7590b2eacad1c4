// The permission matrix stays the only place access is decided: no ad-hoc role comparisons
// elsewhere in the code, every resource, role and action has words on the privacy page,
// and the scope rules narrow (never widen) the matrix.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, RESOURCES, can } from "@/lib/auth/permissions/matrix";
import { canAccessSession, canEditReport, canRunSession, canViewReport, canViewResponses, canViewSession, sessionListScope } from "@/lib/auth/permissions/session";
import { ROLES } from "@/lib/auth/types";
import { MESSAGES } from "@/messages";
import { LOCALES } from "@/lib/i18n/config";

const ROOT = join(__dirname, "../../..");

function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === "generated" || name === "node_modules") continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.push(p);
    }
  };
  for (const dir of ["app", "components", "lib", "scripts"]) walk(join(ROOT, dir));
  files.push(join(ROOT, "server.ts"), join(ROOT, "proxy.ts"));
  return files;
}

describe("permission matrix", () => {
  it("is the only place that compares roles", () => {
    const adHoc = /\.role\s*[!=]==?\s*["'`]|["'`](ADMIN|FACILITATOR|MANAGER|PARTICIPANT)["'`]\s*[!=]==?|\brole\s*[!=]==?\s*["'`](ADMIN|FACILITATOR|MANAGER|PARTICIPANT)/;
    const found: string[] = [];
    for (const file of sources()) {
      const rel = relative(ROOT, file);
      if (rel.startsWith("lib/auth/permissions/")) continue;
      readFileSync(file, "utf8").split("\n").forEach((line, i) => {
        if (adHoc.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("has words for every resource, role and action on the privacy page, in every language", () => {
    const missing: string[] = [];
    for (const locale of LOCALES) {
      const notice = (MESSAGES[locale].privacy as { notice: Record<string, Record<string, unknown>> }).notice;
      for (const r of RESOURCES) if (!(notice.resources[r] as { label?: string })?.label) missing.push(`${locale} resource ${r}`);
      for (const role of ROLES) if (!notice.roles[role] || !notice.scope[role]) missing.push(`${locale} role ${role}`);
      for (const a of ACTIONS) if (!notice.actions[a]) missing.push(`${locale} action ${a}`);
    }
    expect(missing).toEqual([]);
  });

  it("gives participants no staff access and keeps audit rows unchangeable for everyone", () => {
    for (const r of RESOURCES) expect(PERMISSIONS.PARTICIPANT[r]).toEqual([]);
    for (const role of ROLES) {
      expect(can(role, "audit", "modify")).toBe(false);
      expect(can(role, "audit", "delete")).toBe(false);
      expect(can(role, "responses", "modify")).toBe(false);
    }
  });

  it("narrows session access by scope: own or granted sessions for facilitators, no anonymous raw responses for managers", () => {
    const fac = { id: "f1", role: "FACILITATOR" as const };
    const mgr = { id: "m1", role: "MANAGER" as const };
    const mine = { facilitatorId: "f1", grantedUserIds: [], anonymous: false };
    const other = { facilitatorId: "f2", grantedUserIds: [], anonymous: false };
    const granted = { facilitatorId: "f2", grantedUserIds: ["f1"], anonymous: false };
    expect(canAccessSession(fac, "sessions", "modify", mine)).toBe(true);
    expect(canAccessSession(fac, "sessions", "modify", other)).toBe(false);
    expect(canAccessSession(fac, "responses", "view", granted)).toBe(true);
    expect(canAccessSession(mgr, "responses", "view", other)).toBe(true);
    expect(canAccessSession(mgr, "responses", "view", { ...other, anonymous: true })).toBe(false);
    expect(canAccessSession(mgr, "reports", "view", { ...other, anonymous: true })).toBe(true);
    expect(canAccessSession(mgr, "sessions", "modify", other)).toBe(false);
    for (const action of ACTIONS) for (const r of ["sessions", "responses", "reports"] as const) {
      for (const role of ROLES) if (!can(role, r, action)) expect(canAccessSession({ id: "f1", role }, r, action, mine)).toBe(false);
    }
    expect(sessionListScope(fac)).toEqual({ kind: "own-or-granted", userId: "f1" });
    expect(sessionListScope({ id: "p", role: "PARTICIPANT" })).toEqual({ kind: "none" });
  });

  it("asks the small can… questions of the same matrix and scope rules, for every role and scope", () => {
    const questions = [
      [canViewSession, "sessions", "view"],
      [canRunSession, "sessions", "modify"],
      [canViewResponses, "responses", "view"],
      [canViewReport, "reports", "view"],
      [canEditReport, "reports", "modify"],
    ] as const;
    const scopes = [
      { facilitatorId: "u1", grantedUserIds: [], anonymous: false },
      { facilitatorId: "u2", grantedUserIds: ["u1"], anonymous: true },
      { facilitatorId: "u2", grantedUserIds: [], anonymous: false },
      { facilitatorId: null, grantedUserIds: [], anonymous: true },
    ];
    for (const role of ROLES) {
      for (const scope of scopes) {
        for (const [question, resource, action] of questions) expect(question({ id: "u1", role }, scope), `${role} ${resource} ${action}`).toBe(canAccessSession({ id: "u1", role }, resource, action, scope));
      }
    }
  });
});

// The audit log names the record and the fields that changed, never their values (nor a
// hash of one): an auditor follows the id to the record. Checked on each database target
// through the real AAR, user and settings services, and for rows written before this rule
// by running the migration that rewrites them (it lifts the append-only trigger for that
// one statement and must leave it in place).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";
import { poolOf } from "@/lib/db/connect";
import { createFinding, createPlanItem, deleteFinding, overrideRating, updateFinding, updatePlanItem, ZFindingCreate, ZPlanCreate } from "@/lib/reports/aar-edit";
import { updateUser } from "@/lib/users/service";
import { updateSettings } from "@/lib/privacy/settings";
import { playSession, setupPrivacyWorld, type PrivacyWorld } from "./seed";

const MIGRATION = path.join(ROOT, "prisma/migrations/20261203120000_audit_without_values/migration.sql");

describe.each(DB_TARGETS)("audit rows without values on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let world: PrivacyWorld;
  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    world = await setupPrivacyWorld(prisma, `audit-values-${target.name}`);
  });
  afterAll(async () => close?.());

  const secret = () => `Marguerite Okonkwo-${crypto.randomBytes(3).toString("hex")}`;
  const details = async (sessionOrUser: string) => JSON.stringify((await prisma.auditLog.findMany({ where: { resourceId: sessionOrUser }, orderBy: { id: "asc" } })).map((r) => r.detail));

  it("records finding, plan item and rating changes by id and field name only", async () => {
    const s = await playSession(world, { end: true });
    const user = world.facilitator;
    const [findingText, newFindingText, owner, newOwner, action, rationale] = [secret(), secret(), secret(), secret(), secret(), secret()];
    const finding = await createFinding(prisma, user, s.sessionId, ZFindingCreate.parse({ capabilityId: "RS", kind: "STRENGTH", text: findingText }));
    await updateFinding(prisma, user, s.sessionId, finding.id, { text: newFindingText });
    await deleteFinding(prisma, user, s.sessionId, finding.id);
    const item = await createPlanItem(prisma, user, s.sessionId, ZPlanCreate.parse({ capabilityId: "RS", action, owner }));
    await updatePlanItem(prisma, user, s.sessionId, item.id, { owner: newOwner });
    await overrideRating(prisma, user, s.sessionId, { teamId: s.teamId, capabilityId: "RS", rating: "M", rationale });

    const stored = await details(s.sessionId);
    for (const value of [findingText, newFindingText, owner, newOwner, action, rationale, "Blue"]) expect(stored, value).not.toContain(value);
    for (const value of [findingText, owner, newOwner]) expect(stored).not.toContain(crypto.createHash("sha256").update(value).digest("hex"));
    const rows = await prisma.auditLog.findMany({ where: { resourceId: s.sessionId, action: { in: ["create", "modify", "delete"] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.detail)).toEqual([
      { change: "finding", findingId: finding.id, kind: "STRENGTH", capabilityId: "RS" },
      { change: "finding", findingId: finding.id, fields: ["text"] },
      { change: "finding", findingId: finding.id, capabilityId: "RS" },
      { change: "improvement-item", itemId: item.id, capabilityId: "RS", status: "OPEN" },
      { change: "improvement-item", itemId: item.id, fields: ["owner"] },
      { change: "rating-override", overrideId: expect.any(String), teamId: s.teamId, capabilityId: "RS", fields: ["rating", "rationale"] },
    ]);
  });

  it("records user and settings changes by field name, and withholds any value a caller passes", async () => {
    const admin = world.admin;
    const u = await prisma.user.create({ data: { email: `target-${target.name}@x.io`, role: "FACILITATOR", name: "Old Name" } });
    const name = secret();
    await updateUser(prisma, admin, u.id, { name });
    await updateSettings(prisma, admin, { organisationName: "Acme Confidential Ltd" });
    await audit(prisma, admin, "modify", "user", u.id, { email: u.email, old: { name: "Old Name" }, new: { name }, nameHash: crypto.createHash("sha256").update(name).digest("hex"), fields: ["name"] });
    const stored = await details(u.id);
    for (const value of [name, "Old Name", u.email, crypto.createHash("sha256").update(name).digest("hex")]) expect(stored).not.toContain(value);
    expect(JSON.parse(stored)).toEqual([{ fields: ["name"] }, { fields: ["name"], withheld: ["email", "nameHash", "new", "old"] }]);
    const settings = await prisma.auditLog.findFirstOrThrow({ where: { resourceType: "settings" }, orderBy: { id: "desc" } });
    expect(settings.detail).toEqual({ fields: ["organisationName"] });
  });

  it("the migration rewrites older rows that kept values, and the table is append-only again afterwards", async () => {
    const name = secret();
    const old = [
      { change: "finding", findingId: "f1", old: { text: name, kind: "STRENGTH" }, new: { text: "Better", kind: "STRENGTH" } },
      { email: "someone@x.io", changed: { name: { old: name, new: "B" }, role: { old: "MANAGER", new: "ADMIN" } } },
      { change: "rating-override", team: "Blue", capabilityId: "RS", proposed: "U", old: null, new: { rating: "M", rationale: name } },
      { q: name, count: 3, via: "web" },
      { format: "csv", filter: { actor: name, resourceType: "user" }, via: "web" },
      { kind: "participant", sessionId: "s1", responses: 2 },
    ];
    const marker = `legacy-${crypto.randomBytes(3).toString("hex")}`;
    for (const detail of old) await prisma.auditLog.create({ data: { actorLabel: "legacy", action: "modify", resourceType: "report", resourceId: marker, detail } });
    await poolOf(prisma).query(fs.readFileSync(MIGRATION, "utf8"));
    const rows = await prisma.auditLog.findMany({ where: { resourceId: marker }, orderBy: { id: "asc" } });
    expect(JSON.stringify(rows.map((r) => r.detail))).not.toContain(name);
    expect(rows.map((r) => r.detail)).toEqual([
      { change: "finding", findingId: "f1", fields: ["kind", "text"] },
      { fields: ["name", "role"] },
      { change: "rating-override", capabilityId: "RS", fields: ["rating", "rationale"] },
      { count: 3, via: "web", searched: true },
      { format: "csv", via: "web", filterFields: ["actor", "resourceType"] },
      { kind: "participant", sessionId: "s1", responses: 2 },
    ]);
    await expect(prisma.$executeRaw`update audit_log set actor_label = 'x' where resource_id = ${marker}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`delete from audit_log where resource_id = ${marker}`).rejects.toThrow(/append-only/);
  });
});

// Privacy settings in the settings table: defaults, validated partial updates audited
// with old and new values, and a hand-broken row that falls back instead of failing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_SETTINGS, getSettings, updateSettings } from "@/lib/privacy/settings";

describe.each(DB_TARGETS)("privacy settings on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  const actor = { system: "test" };

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
  });
  afterAll(async () => close?.());

  it("starts from the defaults, stores changes, and audits only what changed", async () => {
    expect(await getSettings(prisma)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ retentionDays: 180, minGroupSize: 3, contactEmail: "" });

    const r = await updateSettings(prisma, actor, { minGroupSize: 5, contactEmail: "DPO@Example.com", retentionDays: 180 });
    expect(r.changed).toEqual({ minGroupSize: { old: 3, new: 5 }, contactEmail: { old: "", new: "dpo@example.com" } });
    expect(await getSettings(prisma)).toEqual({ ...DEFAULT_SETTINGS, minGroupSize: 5, contactEmail: "dpo@example.com" });
    expect(await prisma.auditLog.findMany({ where: { resourceType: "settings" }, select: { action: true, actorLabel: true, detail: true } })).toEqual([
      { action: "modify", actorLabel: "test", detail: { fields: Object.keys(r.changed) } },
    ]);

    expect((await updateSettings(prisma, actor, { minGroupSize: 5 })).changed).toEqual({});
    expect(await prisma.auditLog.count({ where: { resourceType: "settings" } })).toBe(1);
  });

  it("refuses invalid values and falls back to the default for a broken stored value", async () => {
    await expect(updateSettings(prisma, actor, { minGroupSize: 1 })).rejects.toThrow(/at least 2/);
    await expect(updateSettings(prisma, actor, { retentionDays: 0 })).rejects.toThrow();
    await expect(updateSettings(prisma, actor, { contactEmail: "not an address" })).rejects.toThrow(/email/);
    await prisma.setting.upsert({ where: { key: "retentionDays" }, create: { key: "retentionDays", value: "forever" }, update: { value: "forever" } });
    expect((await getSettings(prisma)).retentionDays).toBe(180);
  });
});

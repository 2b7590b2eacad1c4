// The organisation's privacy settings: how long raw responses are kept, the small-group
// suppression threshold, and who to contact. One row per key in the settings table;
// a missing or unreadable row falls back to its default.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { audit, type AuditActor } from "@/lib/audit/log";

export const DEFAULT_PURPOSE =
  "To practise how we respond to security, privacy and compliance incidents, and to find gaps in our plans and training. Results are used to improve processes, not to assess individual employees.";

export const ZPrivacySettings = z.strictObject({
  /** Days after a session ends before its raw responses, votes and participant names are deleted. */
  retentionDays: z.number().int("retentionDays must be a whole number of days").min(1, "keep raw responses for at least 1 day").max(3650, "keep raw responses for at most 3650 days (10 years)").default(180),
  /** Days without activity after which a session still in the lobby, running or paused counts as aborted. */
  abandonedAfterDays: z.number().int("abandonedAfterDays must be a whole number of days").min(1, "wait at least 1 day before treating an idle session as abandoned").max(365, "abandonedAfterDays can be at most 365").default(14),
  /** k: a report breakdown over fewer respondents than this is hidden. */
  minGroupSize: z.number().int("minGroupSize must be a whole number").min(2, "minGroupSize must be at least 2: a group of one is always identifiable").max(50, "minGroupSize can be at most 50").default(3),
  organisationName: z.string().trim().max(120).default(""),
  /** Where people send privacy questions and export or erasure requests. */
  contactEmail: z.union([z.literal(""), z.string().trim().toLowerCase().email("contactEmail must be an email address").max(254)]).default(""),
  purpose: z.string().trim().min(1, "purpose cannot be empty: say why exercise data is collected").max(2000).default(DEFAULT_PURPOSE),
});
export type TPrivacySettings = z.infer<typeof ZPrivacySettings>;
export type PrivacySettingKey = keyof TPrivacySettings;

/** A partial update: every field optional, no defaults filled in, unknown keys refused. */
export const ZPrivacySettingsPatch = z.strictObject({
  retentionDays: ZPrivacySettings.shape.retentionDays.unwrap().optional(),
  abandonedAfterDays: ZPrivacySettings.shape.abandonedAfterDays.unwrap().optional(),
  minGroupSize: ZPrivacySettings.shape.minGroupSize.unwrap().optional(),
  organisationName: ZPrivacySettings.shape.organisationName.unwrap().optional(),
  contactEmail: ZPrivacySettings.shape.contactEmail.unwrap().optional(),
  purpose: ZPrivacySettings.shape.purpose.unwrap().optional(),
});
export type TPrivacySettingsPatch = z.infer<typeof ZPrivacySettingsPatch>;

export const SETTING_KEYS = Object.keys(ZPrivacySettings.shape) as PrivacySettingKey[];
export const DEFAULT_SETTINGS: TPrivacySettings = ZPrivacySettings.parse({});

type SettingsReader = Pick<PrismaClient, "setting">;

const DAY_MS = 86_400_000;

/** When the raw data of a session that ended at `endedAt` is due for deletion. */
export function retentionDeadline(endedAt: Date, retentionDays: number): Date {
  return new Date(endedAt.getTime() + retentionDays * DAY_MS);
}

export async function getSettings(prisma: SettingsReader): Promise<TPrivacySettings> {
  const rows = await prisma.setting.findMany({ where: { key: { in: SETTING_KEYS } } });
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const settings: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    // A value edited by hand into something invalid must not take the site down.
    const parsed = ZPrivacySettings.shape[key].safeParse(stored.get(key));
    settings[key] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key];
  }
  return settings as TPrivacySettings;
}

export type SettingsChange = Partial<Record<PrivacySettingKey, { old: unknown; new: unknown }>>;

/** Applies a validated patch; audits the keys that really changed, with old and new values. */
export async function updateSettings(
  prisma: PrismaClient,
  actor: AuditActor,
  patch: TPrivacySettingsPatch,
): Promise<{ settings: TPrivacySettings; changed: SettingsChange }> {
  const input = ZPrivacySettingsPatch.parse(patch);
  const current = await getSettings(prisma);
  const changed: SettingsChange = {};
  for (const key of SETTING_KEYS) {
    const next = input[key];
    if (next !== undefined && next !== current[key]) changed[key] = { old: current[key], new: next };
  }
  const keys = Object.keys(changed) as PrivacySettingKey[];
  if (keys.length === 0) return { settings: current, changed };
  await prisma.$transaction(async (tx) => {
    for (const key of keys) {
      const value = changed[key]!.new as Prisma.InputJsonValue;
      await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await audit(tx, actor, "modify", "settings", "privacy", { fields: keys });
  });
  return { settings: { ...current, ...Object.fromEntries(keys.map((k) => [k, changed[k]!.new])) } as TPrivacySettings, changed };
}

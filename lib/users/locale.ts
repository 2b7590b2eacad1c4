// Each user's language for their own e-mail (the weekly digest and any other per-user message)
// and, signed in, for the interface: stored when they use the language switch, or taken from
// a drill invitation's language while they have not chosen one. Null means the app's default.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALE, LOCALES, toLocale, type Locale } from "@/lib/i18n/config";

type Db = PrismaClient | Prisma.TransactionClient;

export const ZUserLocale = z.strictObject({ locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(", ")}` }) });

/** The language a user's e-mail is written in: their own choice, else the app's default. */
export function userLocale(stored: string | null | undefined): Locale {
  return toLocale(stored) ?? DEFAULT_LOCALE;
}

/** The person chose a language (the switch, signed in): it is theirs from now on. */
export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

/**
 * Invitees with an account and no language of their own take the one their invitation was
 * written in; a language the person chose is never overwritten.
 */
export async function adoptInvitationLocales(db: Db, invitees: ReadonlyArray<{ email: string; locale: string }>): Promise<void> {
  const byLocale = new Map<Locale, string[]>();
  for (const inv of invitees) {
    const locale = toLocale(inv.locale);
    if (locale) byLocale.set(locale, [...(byLocale.get(locale) ?? []), inv.email.toLowerCase()]);
  }
  for (const [locale, emails] of byLocale) await db.user.updateMany({ where: { email: { in: emails }, locale: null }, data: { locale } });
}

// The languages of one session: its participants' default interface language and its
// scenario's content language. Read by the participant pages before they render.
import { getPrisma } from "@/lib/db/client";

export type SessionLocales = { locale: string; scenarioLocale: string };

export async function loadSessionLocales(sessionId: string): Promise<SessionLocales | null> {
  if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 64) return null;
  const row = await getPrisma().exerciseSession.findUnique({ where: { id: sessionId }, select: { locale: true, scenario: { select: { locale: true } } } });
  return row ? { locale: row.locale, scenarioLocale: row.scenario.locale } : null;
}

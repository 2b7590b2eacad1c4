// The personal fields of participants, at the boundary between the database and the rest
// of the app: display names and free-text answers are written encrypted under the
// participant's data key and read back here. Callers hand over rows as they came from
// the database and get plain values back.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AAD, isSealed, openText, sealText } from "@/lib/privacy/crypto/cipher";
import { keyringOf, plainNames as names } from "@/lib/privacy/crypto/keyring";

/** Shown in place of a value whose key is gone (the person was erased a moment ago). */
export const ERASED = "(erased)";


export function sealDisplayName(key: Buffer, participantId: string, name: string): string {
  return sealText(key, AAD.displayName(participantId), name);
}

export function sealAnswer(key: Buffer, participantId: string, text: string | null): string | null {
  return text === null ? null : sealText(key, AAD.answer(participantId), text);
}

/** Plain display names by participant id. */
export async function readDisplayNames(prisma: PrismaClient, rows: ReadonlyArray<{ id: string; displayName: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const need: Array<{ id: string; displayName: string }> = [];
  for (const r of rows) {
    const cached = names.get(r.id);
    if (cached !== undefined) out.set(r.id, cached);
    else if (!isSealed(r.displayName)) out.set(r.id, r.displayName); // written before encryption; the startup backfill seals it
    else need.push(r);
  }
  if (need.length) {
    const keys = await keyringOf(prisma).participantKeys(need.map((r) => r.id));
    for (const r of need) {
      const key = keys.get(r.id);
      if (!key) {
        out.set(r.id, ERASED);
        continue;
      }
      const name = openText(key, AAD.displayName(r.id), r.displayName);
      names.set(r.id, name);
      out.set(r.id, name);
    }
  }
  return out;
}

export async function readDisplayName(prisma: PrismaClient, id: string, stored: string): Promise<string> {
  return (await readDisplayNames(prisma, [{ id, displayName: stored }])).get(id)!;
}

/** Plain answer texts, in the order of `rows`. */
export async function readAnswers(prisma: PrismaClient, rows: ReadonlyArray<{ participantId: string; text: string | null }>): Promise<Array<string | null>> {
  const sealed = rows.filter((r) => r.text !== null && isSealed(r.text));
  const keys = sealed.length ? await keyringOf(prisma).participantKeys(sealed.map((r) => r.participantId)) : new Map<string, Buffer>();
  return rows.map((r) => {
    if (r.text === null || !isSealed(r.text)) return r.text;
    const key = keys.get(r.participantId);
    return key ? openText(key, AAD.answer(r.participantId), r.text) : ERASED;
  });
}

/** The same rows with `text` decrypted. */
export async function withAnswers<T extends { participantId: string; text: string | null }>(prisma: PrismaClient, rows: T[]): Promise<T[]> {
  const texts = await readAnswers(prisma, rows);
  return rows.map((r, i) => ({ ...r, text: texts[i] }));
}

/**
 * Rows that carry their participant (`participant: { id, displayName }`) and possibly an
 * answer `text`: both decrypted.
 */
export async function withParticipant<T extends { participant: { id: string; displayName: string }; text?: string | null }>(prisma: PrismaClient, rows: T[]): Promise<T[]> {
  const names = await readDisplayNames(prisma, rows.map((r) => r.participant));
  const texts = await readAnswers(prisma, rows.map((r) => ({ participantId: r.participant.id, text: r.text ?? null })));
  return rows.map((r, i) => ({ ...r, participant: { ...r.participant, displayName: names.get(r.participant.id)! }, ...("text" in r ? { text: texts[i] } : {}) }));
}

// One-time encryption of rows written before personal fields were encrypted: display
// names (with their name index) and free-text answers. Runs at every start and finds
// nothing to do once done. Then rewrites the tables that held plaintext (VACUUM FULL),
// including the audit log, whose old values a migration removed, so the old row versions
// leave the table files.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { nameIndex, SEALED_PREFIX } from "@/lib/privacy/crypto/cipher";
import { keyringOf } from "@/lib/privacy/crypto/keyring";
import { readDisplayName, sealAnswer, sealDisplayName } from "@/lib/privacy/crypto/personal-fields";
import { vacuumTables } from "@/lib/privacy/crypto/shred";

const COMPACTED_KEY = "privacy.plaintextCompacted";
const BATCH = 500;

export type BackfillResult = { participants: number; responses: number; compacted: boolean };

export async function encryptPlaintextRows(prisma: PrismaClient): Promise<BackfillResult> {
  const ring = keyringOf(prisma);
  const prefix = `${SEALED_PREFIX}%`;
  let participants = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<Array<{ id: string; session_id: string; display_name: string }>>`
      select id, session_id, display_name from participants
      where display_name not like ${prefix} or name_index is null order by id limit ${BATCH}`;
    if (!rows.length) break;
    for (const r of rows) {
      await prisma.$transaction(async (tx) => {
        const sessionKey = await ring.sessionKey(r.session_id, tx);
        const key = await ring.ensureParticipantKey(tx, r.session_id, r.id);
        // Already sealed (a crash between the two columns): only the index is missing; it
        // is computed from the plain name, which only the sealed value still holds.
        const name = r.display_name.startsWith(SEALED_PREFIX) ? await readDisplayName(prisma, r.id, r.display_name) : r.display_name;
        await tx.$executeRaw`update participants set display_name = ${sealDisplayName(key, r.id, name)}, name_index = ${nameIndex(sessionKey, name)} where id = ${r.id}`;
      });
      participants++;
    }
  }
  let responses = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<Array<{ id: string; session_id: string; participant_id: string; text: string }>>`
      select id, session_id, participant_id, text from responses where text is not null and text not like ${prefix} order by id limit ${BATCH}`;
    if (!rows.length) break;
    for (const r of rows) {
      const key = await ring.ensureParticipantKey(prisma, r.session_id, r.participant_id);
      await prisma.$executeRaw`update responses set text = ${sealAnswer(key, r.participant_id, r.text)} where id = ${r.id}`;
      responses++;
    }
  }
  const marker = await prisma.setting.findUnique({ where: { key: COMPACTED_KEY } });
  const compact = participants > 0 || responses > 0 || !marker;
  if (compact) {
    await vacuumTables(prisma, ["participants", "responses", "audit_log"], true);
    const value = { at: new Date().toISOString() };
    await prisma.setting.upsert({ where: { key: COMPACTED_KEY }, create: { key: COMPACTED_KEY, value }, update: { value } });
  }
  return { participants, responses, compacted: compact };
}

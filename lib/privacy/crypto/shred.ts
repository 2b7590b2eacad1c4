// After data keys are deleted (erasure, retention, session deletion): rotate the KEK, so
// copies of the deleted keys left in heap pages, the write-ahead log or a backup can no
// longer be unwrapped, then vacuum the tables that held the rows and checkpoint, so the
// database reuses their space and recycles old WAL. The embedded database runs no
// autovacuum, so without this nothing would ever reclaim them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { keyringOf } from "@/lib/privacy/crypto/keyring";

/** Tables whose rows erasure and retention delete. */
export const RAW_DATA_TABLES = ["participants", "responses", "votes", "processed_commands", "data_keys"] as const;

const ROTATION_DUE_KEY = "keys.rotationDue";

export type ShredResult = {
  /** The app replaced the KEK itself (the keyring file). */
  kekRotated: boolean;
  /** The KEK is the operator's (READYROOM_KEK): they must deploy a new one; see docs/privacy.md. */
  kekRotationDue: boolean;
  kekId: string;
};

const LOCK = Symbol.for("readyroom.kekRotation");
type LockHolder = { [LOCK]?: Promise<unknown> };

/** One rotation at a time in this process: a second waits for the first and rotates again. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const g = globalThis as unknown as LockHolder;
  const run = (g[LOCK] ?? Promise.resolve()).catch(() => undefined).then(work);
  g[LOCK] = run;
  return run;
}

export async function vacuumTables(prisma: PrismaClient, tables: readonly string[], full = false): Promise<void> {
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    await prisma.$executeRawUnsafe(`VACUUM ${full ? "(FULL) " : ""}"${table}"`);
  }
  // CHECKPOINT needs a superuser (or pg_checkpoint) on a real server; without it the
  // server's own checkpoints recycle the WAL a little later.
  await prisma.$executeRawUnsafe("CHECKPOINT").catch(() => undefined);
}

/** Call after the transaction that deleted data keys has committed. */
export async function shredDeletedKeys(prisma: PrismaClient, tables: readonly string[] = RAW_DATA_TABLES): Promise<ShredResult> {
  const ring = keyringOf(prisma);
  const rotation = await serialised(() => ring.rotateKek());
  let due = false;
  if (!rotation.rotated) {
    due = true;
    const value = { since: new Date().toISOString(), kekId: rotation.kekId };
    await prisma.setting.upsert({ where: { key: ROTATION_DUE_KEY }, create: { key: ROTATION_DUE_KEY, value }, update: {} });
    console.warn(
      `Readyroom: personal data was erased; deploy a new READYROOM_KEK (with the current one in READYROOM_KEK_PREVIOUS, then without it) so copies of the erased keys in backups and WAL can no longer be unwrapped (docs/privacy.md)`,
    );
  }
  await vacuumTables(prisma, tables);
  return { kekRotated: rotation.rotated, kekRotationDue: due, kekId: rotation.kekId };
}

/**
 * At startup: re-wraps data keys still under a retired KEK (READYROOM_KEK_PREVIOUS, or a
 * keyring file rotation interrupted by a crash), and clears the "rotation due" mark once
 * the KEK has changed since the erasure that set it.
 */
export async function completeKekRotation(prisma: PrismaClient): Promise<{ rewrapped: number; stillDue: boolean }> {
  const ring = keyringOf(prisma);
  const rewrapped = await serialised(async () => {
    const n = await ring.rewrapRetired();
    if (ring.kek.canRotate && ring.kek.retired().length) ring.kek.finishRotation();
    return n;
  });
  const due = await prisma.setting.findUnique({ where: { key: ROTATION_DUE_KEY } });
  const dueKek = (due?.value as { kekId?: string } | undefined)?.kekId;
  if (due && dueKek !== ring.kek.current().id) {
    await prisma.setting.delete({ where: { key: ROTATION_DUE_KEY } }).catch(() => undefined);
    return { rewrapped, stillDue: false };
  }
  return { rewrapped, stillDue: !!due };
}

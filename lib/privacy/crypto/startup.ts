// What a process does with the encryption of personal fields when it opens the database:
// bind the KEK to its client, finish a KEK rotation an earlier run or the operator began,
// and (the server only) encrypt rows written before encryption existed.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { kekSourceFromEnv } from "@/lib/privacy/crypto/kek";
import { attachKeyring, type Keyring } from "@/lib/privacy/crypto/keyring";
import { encryptPlaintextRows, type BackfillResult } from "@/lib/privacy/crypto/backfill";
import { completeKekRotation } from "@/lib/privacy/crypto/shred";

export function attachKeyringFromEnv(prisma: PrismaClient, env: Record<string, string | undefined>, where: { embedded: boolean; dataDir: string }): Keyring {
  return attachKeyring(prisma, kekSourceFromEnv(env, where));
}

export type EncryptionStartup = BackfillResult & { rewrapped: number; kekId: string; kekKind: "file" | "env"; rotationDue: boolean };

export async function prepareEncryption(prisma: PrismaClient, keyring: Keyring): Promise<EncryptionStartup> {
  const rotation = await completeKekRotation(prisma);
  const backfill = await encryptPlaintextRows(prisma);
  return { ...backfill, rewrapped: rotation.rewrapped, rotationDue: rotation.stillDue, kekId: keyring.kek.current().id, kekKind: keyring.kek.kind };
}

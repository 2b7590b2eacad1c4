// What the server does with the audit chain when it opens the database: chain the rows
// written before the chain existed, load (or create) the instance signing key, and sign
// a checkpoint of the head, so every start leaves a signed mark.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { checkpointHead, prepareAuditChain } from "@/lib/audit/chain-store";
import { instanceSigningKey } from "@/lib/audit/signing-key";

export async function startAuditChain(prisma: PrismaClient, where: { embedded: boolean }): Promise<{ legacyChained: number; keyId: string; warning?: string }> {
  const legacyChained = await prepareAuditChain(prisma);
  const key = instanceSigningKey();
  await checkpointHead(prisma, key);
  const warning =
    !where.embedded && key.source === "file"
      ? `no READYROOM_SIGNING_KEY: this node signs with its own key ${key.id}; set the same key on every node (docs/evidence.md)`
      : undefined;
  return { legacyChained, keyId: key.id, warning };
}

// A piece of the audit chain to hand to an outsider: the full rows about one subject (a
// session), and for every other row between them and a signed checkpoint only its content
// hash, so the verifier can recompute every link up to the signed hash without seeing the
// other rows (lib/evidence/manifest.ts checks it).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { contentHash, type Checkpoint } from "@/lib/audit/chain";
import { checkpointHead, toChainRow } from "@/lib/audit/chain-store";
import type { SigningKey } from "@/lib/audit/signing-key";
import type { TSegment } from "@/lib/evidence/manifest";

/** Audit rows about these sessions: the session itself, its report, or naming it in the detail. */
export function aboutSessions(sessionIds: string[]): Prisma.AuditLogWhereInput {
  return { OR: [{ resourceId: { in: sessionIds } }, ...sessionIds.map((id) => ({ detail: { path: ["sessionId"], equals: id } }))] };
}

export async function loadSegment(prisma: PrismaClient, about: Prisma.AuditLogWhereInput, key: SigningKey): Promise<TSegment> {
  const relevant = await prisma.auditChainLink.findMany({ where: { row: about }, select: { seq: true }, orderBy: { seq: "asc" } });
  const wanted = new Set(relevant.map((r) => r.seq));
  const last = relevant.at(-1)?.seq ?? 0n;
  // The earliest checkpoint that covers the last relevant row keeps the segment short.
  const covering = await prisma.auditCheckpoint.findFirst({ where: { seq: { gte: last }, keyId: key.id }, orderBy: { seq: "asc" } });
  const checkpoint: Checkpoint = covering
    ? { seq: covering.seq.toString(), hash: covering.hash, at: covering.at.toISOString(), keyId: covering.keyId, publicKey: covering.publicKey, signature: covering.signature }
    : await checkpointHead(prisma, key);
  const end = BigInt(checkpoint.seq);
  const start = relevant[0]?.seq ?? end + 1n;
  const links: TSegment["links"] = [];
  let startPrevHash = checkpoint.hash;
  let cursor = start - 1n;
  while (cursor < end) {
    const page = await prisma.auditChainLink.findMany({ where: { seq: { gt: cursor, lte: end } }, orderBy: { seq: "asc" }, take: 2000, include: { row: true } });
    if (!page.length) break;
    for (const l of page) {
      if (l.seq === start) startPrevHash = l.prevHash;
      if (!l.row) throw new Error(`audit row ${l.auditId} of link ${l.seq} is missing: run npm run -s audit:verify`);
      const row = toChainRow(l.row);
      const seq = l.seq.toString();
      links.push(wanted.has(l.seq) ? { seq, row } : { seq, contentHash: contentHash(seq, row) });
    }
    cursor = page[page.length - 1].seq;
  }
  return { startSeq: start.toString(), startPrevHash, links, checkpoint };
}

// The audit chain in the database: appending a row with its link, chaining the rows written
// before the chain existed, signing checkpoints, and verifying everything stored.
//
// One order across nodes: every append locks the single audit_chain_head row
// (SELECT ... FOR UPDATE) in the writer's own transaction, takes seq + 1, and moves the head
// in the same transaction. A writer that dies mid-way rolls back row, link and head together,
// so the chain never has a gap or a half-written link. PGlite runs one transaction at a time,
// and the same statements hold on PostgreSQL.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ChainWalker, checkpointMessage, checkpointSignatureValid, contentHash, linkHash, type ChainProblem, type ChainRow, type Checkpoint } from "@/lib/audit/chain";
import type { SigningKey } from "@/lib/audit/signing-key";

export type AuditDb = Prisma.TransactionClient | PrismaClient;
type Head = { seq: bigint; hash: string; legacy_max_id: bigint; legacy_chained: boolean };

type StoredRow = { id: bigint; at: Date; actorId: string | null; actorLabel: string; action: string; resourceType: string; resourceId: string | null; detail: unknown };

export function toChainRow(r: StoredRow): ChainRow {
  return { id: r.id.toString(), at: r.at.toISOString(), actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, resourceType: r.resourceType, resourceId: r.resourceId, detail: r.detail ?? null };
}

async function lockHead(tx: Prisma.TransactionClient): Promise<Head> {
  const rows = await tx.$queryRaw<Head[]>`SELECT "seq", "hash", "legacy_max_id", "legacy_chained" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`;
  if (!rows[0]) throw new Error("audit_chain_head has no row: the audit_chain migration did not run");
  return { ...rows[0], seq: BigInt(rows[0].seq), legacy_max_id: BigInt(rows[0].legacy_max_id) };
}

async function link(tx: Prisma.TransactionClient, head: { seq: bigint; hash: string }, row: StoredRow): Promise<{ seq: bigint; hash: string }> {
  const seq = head.seq + 1n;
  const hash = linkHash(head.hash, contentHash(seq.toString(), toChainRow(row)));
  await tx.auditChainLink.create({ data: { seq, auditId: row.id, prevHash: head.hash, hash } });
  return { seq, hash };
}

async function moveHead(tx: Prisma.TransactionClient, head: { seq: bigint; hash: string }, legacyChained?: boolean) {
  if (legacyChained) await tx.$executeRaw`UPDATE "audit_chain_head" SET "seq" = ${head.seq}, "hash" = ${head.hash}, "legacy_chained" = true WHERE "id" = 1`;
  else await tx.$executeRaw`UPDATE "audit_chain_head" SET "seq" = ${head.seq}, "hash" = ${head.hash} WHERE "id" = 1`;
}

/** Chains the rows written before the chain existed, in id order, once. The head is locked. */
async function chainLegacy(tx: Prisma.TransactionClient, head: Head): Promise<Head> {
  let at = { seq: head.seq, hash: head.hash };
  let after = 0n;
  for (;;) {
    const rows = await tx.auditLog.findMany({ where: { id: { gt: after, lte: head.legacy_max_id }, chain: null }, orderBy: { id: "asc" }, take: 1000 });
    if (!rows.length) break;
    for (const r of rows) at = await link(tx, at, r);
    after = rows[rows.length - 1].id;
  }
  await moveHead(tx, at, true);
  return { ...head, ...at, legacy_chained: true };
}

function inTransaction<T>(db: AuditDb, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as PrismaClient).$transaction(fn, { timeout: 60_000, maxWait: 30_000 }) : fn(db);
}

export type AuditRowInput = Omit<StoredRow, "id" | "at">;

/** Inserts an audit row and its link; in the caller's transaction when given one. */
export function appendAuditRow(db: AuditDb, data: AuditRowInput): Promise<bigint> {
  return inTransaction(db, async (tx) => {
    let head = await lockHead(tx);
    if (!head.legacy_chained) head = await chainLegacy(tx, head);
    const row = await tx.auditLog.create({ data: { ...data, at: new Date(), detail: (data.detail ?? undefined) as object | undefined } });
    await moveHead(tx, await link(tx, head, row));
    return row.id;
  });
}

/** Start-up: chains the rows older than the chain, so the first request does not pay for it. */
export async function prepareAuditChain(prisma: PrismaClient): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const head = await lockHead(tx);
      if (head.legacy_chained) return 0;
      const after = await chainLegacy(tx, head);
      return Number(after.seq - head.seq);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

function toCheckpoint(c: { seq: bigint; hash: string; at: Date; keyId: string; publicKey: string; signature: string }): Checkpoint {
  return { seq: c.seq.toString(), hash: c.hash, at: c.at.toISOString(), keyId: c.keyId, publicKey: c.publicKey, signature: c.signature };
}

/** Signs the chain's current head, or returns the newest checkpoint when it already covers it. */
export async function checkpointHead(prisma: PrismaClient, key: SigningKey): Promise<Checkpoint> {
  const head = await prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  const latest = await prisma.auditCheckpoint.findFirst({ where: { seq: head.seq, keyId: key.id }, orderBy: { id: "desc" } });
  if (latest) return toCheckpoint(latest);
  const at = new Date();
  const body = { seq: head.seq.toString(), hash: head.hash, at: at.toISOString(), keyId: key.id };
  const created = await prisma.auditCheckpoint.create({ data: { seq: head.seq, hash: head.hash, at, keyId: key.id, publicKey: key.publicKey, signature: key.sign(checkpointMessage(body)) } });
  return toCheckpoint(created);
}

export type ChainReport = {
  links: number;
  head: { seq: string; hash: string };
  checkpoints: { verified: number; foreignKeys: string[] };
  problem?: ChainProblem;
};

/** Walks the whole stored chain; stops at the first problem and names the row. */
export async function verifyStoredChain(prisma: PrismaClient, opts: { instanceKeyId?: string; pageSize?: number } = {}): Promise<ChainReport> {
  const checkpoints = (await prisma.auditCheckpoint.findMany({ orderBy: { seq: "asc" } })).map(toCheckpoint);
  const bySeq = new Map<string, Checkpoint[]>();
  for (const c of checkpoints) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const walker = new ChainWalker();
  let verified = 0;
  let problem: ChainProblem | undefined;
  const checkAt = (seq: string, hash: string) => {
    for (const c of bySeq.get(seq) ?? []) {
      if (!checkpointSignatureValid(c)) return { seq, reason: `checkpoint signed at ${c.at} has a bad signature` };
      if (c.hash !== hash) return { seq, reason: `the chain does not match the checkpoint signed at ${c.at} (rows up to here were changed)` };
      verified += 1;
    }
    return undefined;
  };
  problem = checkAt("0", walker.head.hash);
  let cursor = 0n;
  while (!problem) {
    const page = await prisma.auditChainLink.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: opts.pageSize ?? 2000, include: { row: true } });
    if (!page.length) break;
    for (const l of page) {
      if (!l.row) {
        problem = { seq: l.seq.toString(), auditId: l.auditId.toString(), reason: "its audit row is missing (it was deleted)" };
        break;
      }
      if (!walker.push({ seq: l.seq.toString(), prevHash: l.prevHash, hash: l.hash, row: toChainRow(l.row) })) break;
      problem = checkAt(l.seq.toString(), l.hash);
      if (problem) {
        problem.auditId = l.auditId.toString();
        break;
      }
    }
    problem ??= walker.problem;
    cursor = page[page.length - 1].seq;
  }
  const head = await prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  if (!problem && (head.seq.toString() !== walker.head.seq || head.hash !== walker.head.hash)) {
    problem = { seq: head.seq.toString(), reason: `the chain head says link ${head.seq} but the links end at ${walker.head.seq}` };
  }
  if (!problem && checkpoints.some((c) => BigInt(c.seq) > BigInt(walker.head.seq))) problem = { seq: walker.head.seq, reason: "a checkpoint covers links that are missing" };
  if (!problem) {
    const legacyMax = head.legacyChained ? -1n : head.legacyMaxId;
    const unchained = await prisma.auditLog.findFirst({ where: { chain: null, id: { gt: legacyMax } }, orderBy: { id: "asc" }, select: { id: true } });
    if (unchained) problem = { seq: "-", auditId: unchained.id.toString(), reason: "this audit row has no link: it was written around the chain" };
  }
  const foreignKeys = [...new Set(checkpoints.map((c) => c.keyId))].filter((k) => opts.instanceKeyId && k !== opts.instanceKeyId);
  return { links: walker.count, head: walker.head, checkpoints: { verified, foreignKeys }, problem };
}

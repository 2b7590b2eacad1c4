// The audit hash chain, as pure functions: the canonical encoding of an audit row, the
// hash of a link, checkpoint messages, and a verifier that walks links in order and names
// the first one that does not hold. Used by the database writer (lib/audit/chain-store.ts),
// `npm run audit:verify` and the offline evidence verifier, so all three agree byte for byte.
//
// link.hash = SHA-256("readyroom-audit-v1:" + prevHash + ":" + contentHash), where
// contentHash = SHA-256(canonical JSON of the row and its seq). Keeping the row's own hash
// separate lets an evidence pack prove a few rows against a signed checkpoint while
// carrying only the content hashes of the rows in between (docs/evidence.md).
import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
const HASH = /^[0-9a-f]{64}$/;

/** An audit row as the chain sees it: every stored column, bigints and instants as strings. */
export type ChainRow = {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  detail: unknown;
};

export class CanonicalEncodingError extends Error {}

/** JSON with object keys sorted at every level and no whitespace; refuses values JSON cannot carry exactly. */
export function canonicalJson(value: unknown, where = ""): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalEncodingError(`${where || "/"}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${where}/${i}`)).join(",")}]`;
      const keys = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], `${where}/${k}`)}`).join(",")}}`;
    }
    default:
      throw new CanonicalEncodingError(`${where || "/"}: a ${typeof value} has no JSON form`);
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** The hash of one row's content at its place in the chain. */
export function contentHash(seq: string, row: ChainRow): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      seq,
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      action: row.action,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      detail: row.detail ?? null,
    }),
  );
}

export function linkHash(prevHash: string, content: string): string {
  return sha256Hex(`readyroom-audit-v1:${prevHash}:${content}`);
}

/** What a checkpoint signs: the chain had `hash` after link `seq`, stated at `at` by key `keyId`. */
export function checkpointMessage(c: { seq: string; hash: string; at: string; keyId: string }): Buffer {
  return Buffer.from(`readyroom-audit-checkpoint-v1\n${c.seq}\n${c.hash}\n${c.at}\n${c.keyId}\n`, "utf8");
}

export type Checkpoint = { seq: string; hash: string; at: string; keyId: string; publicKey: string; signature: string };

/** Checks a checkpoint's Ed25519 signature against the public key it names (SPKI DER, base64). */
export function checkpointSignatureValid(c: Checkpoint): boolean {
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(c.publicKey, "base64"), format: "der", type: "spki" });
    if (key.asymmetricKeyType !== "ed25519") return false;
    if (keyIdOf(c.publicKey) !== c.keyId) return false;
    return crypto.verify(null, checkpointMessage(c), key, Buffer.from(c.signature, "base64"));
  } catch {
    return false;
  }
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function keyIdOf(publicKeyBase64: string): string {
  return `ed25519:${sha256Hex(Buffer.from(publicKeyBase64, "base64")).slice(0, 16)}`;
}

export type ChainProblem = { seq: string; auditId?: string; reason: string };

/**
 * Walks links in seq order. Each link is either a full row (its content hash is
 * recomputed) or, inside an evidence pack, only the content hash of a row the pack leaves
 * out. The first problem is kept; later links are not judged against a broken one.
 */
export class ChainWalker {
  private prev: string;
  private nextSeq: bigint;
  problem: ChainProblem | undefined;
  count = 0;

  constructor(start: { seq: bigint; prevHash: string } = { seq: 1n, prevHash: GENESIS_HASH }) {
    this.prev = start.prevHash;
    this.nextSeq = start.seq;
  }

  get head(): { seq: string; hash: string } {
    return { seq: (this.nextSeq - 1n).toString(), hash: this.prev };
  }

  push(link: { seq: string; prevHash?: string; hash?: string } & ({ row: ChainRow } | { contentHash: string })): boolean {
    if (this.problem) return false;
    const fail = (reason: string) => {
      this.problem = { seq: link.seq, auditId: "row" in link ? link.row.id : undefined, reason };
      return false;
    };
    if (link.seq !== this.nextSeq.toString()) return fail(`expected link ${this.nextSeq} here, found ${link.seq} (a link is missing or out of order)`);
    if (link.prevHash !== undefined && link.prevHash !== this.prev) return fail("its previous-hash does not match the link before it");
    const content = "row" in link ? contentHash(link.seq, link.row) : link.contentHash;
    if (!HASH.test(content)) return fail("its content hash is not a SHA-256 in hex");
    const hash = linkHash(this.prev, content);
    if (link.hash !== undefined && link.hash !== hash) return fail("its content does not match its hash (the row was changed after it was written)");
    this.prev = hash;
    this.nextSeq += 1n;
    this.count += 1;
    return true;
  }
}

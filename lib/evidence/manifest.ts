// An evidence pack's manifest and its checks, as pure functions over the pack's files:
// the manifest lists every file with its SHA-256 and size, `manifest.sig` is an Ed25519
// signature over the manifest's exact bytes, and the audit-chain segment inside walks to a
// signed checkpoint. The exporter (lib/evidence/pack.ts) and the offline verifier
// (scripts/evidence-verify.ts) share this module, so they cannot disagree.
import crypto from "node:crypto";
import { z } from "zod";
import { ChainWalker, checkpointSignatureValid, keyIdOf, sha256Hex, type ChainRow, type Checkpoint } from "@/lib/audit/chain";

export const PACK_FORMAT = "readyroom-evidence-v1";
export const MANIFEST_FILE = "manifest.json";
export const SIGNATURE_FILE = "manifest.sig";
export const SEGMENT_FILE = "audit-chain.json";

const ZHash = z.string().regex(/^[0-9a-f]{64}$/);

export const ZManifest = z.object({
  format: z.literal(PACK_FORMAT),
  generatedAt: z.string(),
  scope: z.object({ kind: z.enum(["session", "period"]), sessionIds: z.array(z.string()), title: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
  exportedBy: z.object({ userId: z.string(), role: z.string() }),
  key: z.object({ id: z.string(), publicKey: z.string() }),
  scenarios: z.array(z.object({ slug: z.string(), title: z.string(), contentHash: ZHash })),
  files: z.array(z.object({ path: z.string(), sha256: ZHash, bytes: z.number().int().nonnegative(), purpose: z.string() })),
});
export type TManifest = z.infer<typeof ZManifest>;

const ZChainRow = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  detail: z.unknown(),
});
export const ZSegment = z.object({
  startSeq: z.string().regex(/^\d+$/),
  startPrevHash: ZHash,
  links: z.array(z.union([z.object({ seq: z.string(), row: ZChainRow }), z.object({ seq: z.string(), contentHash: ZHash })])),
  checkpoint: z.object({ seq: z.string(), hash: ZHash, at: z.string(), keyId: z.string(), publicKey: z.string(), signature: z.string() }),
});
export type TSegment = { startSeq: string; startPrevHash: string; links: Array<{ seq: string; row: ChainRow } | { seq: string; contentHash: string }>; checkpoint: Checkpoint };

export type PackFile = { path: string; bytes: Uint8Array; purpose: string };

/** The manifest's bytes (stable, readable JSON) and their signature. */
export function signManifest(manifest: TManifest, sign: (message: Buffer) => string): { manifest: Uint8Array; signature: Uint8Array } {
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8");
  return { manifest: bytes, signature: Buffer.from(sign(bytes) + "\n", "utf8") };
}

export function describeFiles(files: PackFile[]): TManifest["files"] {
  return files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length, purpose: f.purpose }));
}

export type PackCheck = { ok: boolean; file?: string; message: string };
export type PackVerdict = { ok: boolean; checks: PackCheck[]; manifest?: TManifest; segment?: { rows: number; links: number; checkpoint: Checkpoint } };

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Checks a pack's files: signature, every hash, no file unlisted, and the audit segment against its checkpoint. */
export function verifyPack(files: Map<string, Uint8Array>): PackVerdict {
  const checks: PackCheck[] = [];
  const fail = (file: string | undefined, message: string): PackVerdict => ({ ok: false, checks: [...checks, { ok: false, file, message }] });

  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) return fail(MANIFEST_FILE, "the pack has no manifest.json");
  const parsed = ZManifest.safeParse(parseJson(manifestBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(MANIFEST_FILE, `manifest.json is not a valid manifest (at /${issue?.path.join("/")}: ${issue?.message})`);
  }
  const manifest = parsed.data;
  if (keyIdOf(manifest.key.publicKey) !== manifest.key.id) return fail(MANIFEST_FILE, "the manifest's key id does not belong to its public key");
  const signature = files.get(SIGNATURE_FILE);
  if (!signature) return fail(SIGNATURE_FILE, "the pack has no manifest.sig");
  let signed = false;
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(manifest.key.publicKey, "base64"), format: "der", type: "spki" });
    signed = crypto.verify(null, manifestBytes, key, Buffer.from(Buffer.from(signature).toString("utf8").trim(), "base64"));
  } catch {
    signed = false;
  }
  if (!signed) return fail(MANIFEST_FILE, `the signature in manifest.sig does not match manifest.json under key ${manifest.key.id}`);
  checks.push({ ok: true, file: MANIFEST_FILE, message: `manifest signed by ${manifest.key.id}` });

  for (const f of manifest.files) {
    const bytes = files.get(f.path);
    if (!bytes) return fail(f.path, `${f.path} is listed in the manifest but missing from the pack`);
    if (bytes.length !== f.bytes || sha256Hex(bytes) !== f.sha256) return fail(f.path, `${f.path} does not match its SHA-256 in the manifest (the file was changed)`);
  }
  checks.push({ ok: true, message: `${manifest.files.length} file(s) match their SHA-256` });
  const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]);
  for (const name of files.keys()) if (!listed.has(name)) return fail(name, `${name} is in the pack but not in the manifest`);

  const segmentParsed = ZSegment.safeParse(parseJson(files.get(SEGMENT_FILE)));
  if (!segmentParsed.success) return fail(SEGMENT_FILE, `${SEGMENT_FILE} is missing or not a chain segment`);
  const segment = segmentParsed.data as TSegment;
  if (!checkpointSignatureValid(segment.checkpoint)) return fail(SEGMENT_FILE, "the audit checkpoint's signature does not hold");
  const walker = new ChainWalker({ seq: BigInt(segment.startSeq), prevHash: segment.startPrevHash });
  for (const link of segment.links) if (!walker.push(link)) break;
  if (walker.problem) return fail(SEGMENT_FILE, `audit link ${walker.problem.seq}${walker.problem.auditId ? ` (audit row ${walker.problem.auditId})` : ""}: ${walker.problem.reason}`);
  if (walker.head.seq !== segment.checkpoint.seq || walker.head.hash !== segment.checkpoint.hash) {
    return fail(SEGMENT_FILE, `the audit segment ends at link ${walker.head.seq}, which is not the signed checkpoint's hash at link ${segment.checkpoint.seq}`);
  }
  const rows = segment.links.filter((l) => "row" in l).length;
  checks.push({ ok: true, file: SEGMENT_FILE, message: `${rows} audit row(s) chain to checkpoint ${segment.checkpoint.seq} signed by ${segment.checkpoint.keyId} at ${segment.checkpoint.at}` });
  if (segment.checkpoint.keyId !== manifest.key.id) checks.push({ ok: true, file: SEGMENT_FILE, message: `note: the checkpoint was signed by ${segment.checkpoint.keyId}, the manifest by ${manifest.key.id} (another node's key)` });
  return { ok: true, checks, manifest, segment: { rows, links: segment.links.length, checkpoint: segment.checkpoint } };
}

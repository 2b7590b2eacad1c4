// Seals an evidence pack: adds the control mapping, lists every file with its SHA-256 in the
// manifest, signs the manifest with the instance key and stores everything uncompressed in a
// ZIP, so a damaged byte shows up as a hash mismatch of its file. Session and period packs
// share it, and the verifier (manifest.ts) checks what it writes.
import { zipSync } from "fflate";
import type { SignedInUser } from "@/lib/auth/types";
import type { SigningKey } from "@/lib/audit/signing-key";
import { controlMapping } from "./controls";
import { MANIFEST_FILE, PACK_FORMAT, SIGNATURE_FILE, describeFiles, signManifest, type PackFile, type TManifest } from "./manifest";
import { jsonBytes, type ScenarioVersion } from "./session-files";

export type EvidencePack = { zip: Uint8Array; fileName: string; manifest: TManifest };

/** A file name fragment from a title: ASCII letters, digits, dots and dashes. */
export function fileStem(title: string, fallback: string): string {
  return title.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || fallback;
}

export function sealPack(input: { files: PackFile[]; scope: TManifest["scope"]; scenarios: ScenarioVersion[]; viewer: SignedInUser; key: SigningKey; now: Date; fileName: string }): EvidencePack {
  const files = [...input.files, { path: "controls.json", bytes: jsonBytes(controlMapping(input.files.map((f) => f.path))), purpose: "which file serves which requirement" }];
  const unique = new Map(input.scenarios.map((s) => [`${s.slug}:${s.contentHash}`, s]));
  const manifest: TManifest = {
    format: PACK_FORMAT,
    generatedAt: input.now.toISOString(),
    scope: input.scope,
    exportedBy: { userId: input.viewer.id, role: input.viewer.role },
    key: { id: input.key.id, publicKey: input.key.publicKey },
    scenarios: [...unique.values()],
    files: describeFiles(files),
  };
  const signed = signManifest(manifest, input.key.sign);
  const mtime = input.now;
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  entries[MANIFEST_FILE] = [signed.manifest, { level: 0, mtime }];
  entries[SIGNATURE_FILE] = [signed.signature, { level: 0, mtime }];
  for (const f of files) entries[f.path] = [f.bytes, { level: 0, mtime }];
  return { zip: zipSync(entries), fileName: input.fileName, manifest };
}

// Builds a session's evidence pack: a ZIP an auditor can check offline (scripts/evidence-verify.ts).
// The session's files come from session-files.ts (as the exporter may see them); the improvement
// items of its AAR plan with their status history; the audit rows about the session with the
// chain up to a signed checkpoint. seal.ts signs the manifest and writes the ZIP.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/config";
import { aboutSessions, loadSegment } from "@/lib/audit/segment";
import type { SigningKey } from "@/lib/audit/signing-key";
import { SEGMENT_FILE, type PackFile } from "./manifest";
import { improvementRecords } from "./improvements";
import { fileStem, sealPack, type EvidencePack } from "./seal";
import { jsonBytes, sessionEvidenceFiles } from "./session-files";

/** README.txt of a pack: how to check it; `about` says what the audit segment covers. */
export function packReadme(about: string, extra = ""): Uint8Array {
  return Buffer.from(
    `Readyroom evidence pack

Check it offline, without the database:  npm run -s evidence:verify <this file>.zip
- manifest.json lists every file with its SHA-256; manifest.sig is an Ed25519 signature over
  manifest.json's exact bytes, by the key named in manifest.json (compare its id with the one
  the instance's administrator publishes).
- audit-chain.json holds the audit rows about ${about} and, for the rows in between, their
  content hashes, up to a checkpoint signed by the instance key: the rows are in the audit log as
  it was when the checkpoint was signed, unchanged.
- controls.json says which file serves which requirement (docs/evidence.md in the source).
${extra}`,
    "utf8",
  );
}

export async function buildSessionEvidence(prisma: PrismaClient, sessionId: string, viewer: SignedInUser, locale: Locale, key: SigningKey, now = new Date()): Promise<EvidencePack> {
  const session = await sessionEvidenceFiles(prisma, sessionId, viewer, { dir: "", pdfLocale: locale, now });
  const { report } = session;
  const planned = [...report.plan.items, ...report.plan.carried];
  const [records, segment] = await Promise.all([improvementRecords(prisma, { id: { in: planned.map((i) => i.id) } }, now), loadSegment(prisma, aboutSessions([sessionId]), key)]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const plan = { items: planned.map((p) => ({ ...p, ...byId.get(p.id) })) };
  const files: PackFile[] = [
    ...session.files,
    { path: "improvements.json", bytes: jsonBytes(plan), purpose: "improvement items with their status history" },
    { path: SEGMENT_FILE, bytes: jsonBytes(segment), purpose: "the audit rows about this session, chained to a signed checkpoint" },
    { path: "README.txt", bytes: packReadme("this session"), purpose: "how to check this pack" },
  ];
  return sealPack({
    files,
    scope: { kind: "session", sessionIds: [sessionId], title: report.overview.title, from: report.overview.startedAt, to: report.overview.endedAt },
    scenarios: [session.scenario],
    viewer,
    key,
    now,
    fileName: `evidence-${fileStem(report.overview.title, "session")}-${now.toISOString().slice(0, 10)}.zip`,
  });
}

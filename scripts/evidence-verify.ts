// `npm run -s evidence:verify FILE.zip`: checks an evidence pack offline, with no database
// and no secret: the manifest's signature, every file's SHA-256, and the audit-chain segment
// against its signed checkpoint (lib/evidence/manifest.ts). Prints what the pack proves, or
// names the file that does not hold and exits 1.
import fs from "node:fs";
import { unzipSync } from "fflate";
import { verifyPack } from "@/lib/evidence/manifest";

function main(argv: string[]): number {
  const file = argv[0];
  if (!file || argv.length > 1) {
    console.error("usage: npm run -s evidence:verify FILE.zip");
    return 2;
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(code === "ENOENT" ? `evidence:verify: ${file} does not exist` : `evidence:verify: ${file} is not a readable ZIP (${e instanceof Error ? e.message : String(e)})`);
    return code === "ENOENT" ? 2 : 1;
  }
  const verdict = verifyPack(new Map(Object.entries(entries)));
  for (const c of verdict.checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.file ? `${c.file}: ` : ""}${c.message}`);
  if (!verdict.ok) {
    const bad = verdict.checks.at(-1);
    console.error(`evidence pack NOT valid: ${bad?.file ?? "pack"}: ${bad?.message}`);
    return 1;
  }
  const m = verdict.manifest!;
  const s = verdict.segment!;
  console.log("");
  console.log("This pack proves:");
  console.log(`- these ${m.files.length} files are exactly as the instance with key ${m.key.id} exported them at ${m.generatedAt} (${m.scope.kind} "${m.scope.title}", exported by a ${m.exportedBy.role.toLowerCase()});`);
  for (const sc of m.scenarios) console.log(`- the scenario exercised was "${sc.title}" (${sc.slug}), version ${sc.contentHash.slice(0, 16)}…;`);
  console.log(`- its ${s.rows} audit row(s) were in the instance's audit log, unchanged and in this order, when checkpoint ${s.checkpoint.seq} was signed at ${s.checkpoint.at} by ${s.checkpoint.keyId}.`);
  console.log("It does not prove who the key belongs to: compare the key id with the one the instance's administrator publishes.");
  return 0;
}

process.exit(main(process.argv.slice(2)));

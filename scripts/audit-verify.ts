// `npm run -s audit:verify`: checks the whole audit hash chain and every signed checkpoint
// (lib/audit/chain-store.ts). Prints a summary; on the first link that does not hold it
// names the row and exits 1. Reaches the database like the admin CLI (lib/cli/database.ts).
import fs from "node:fs";
import path from "node:path";
import { openCliDatabase } from "@/lib/cli/database";
import { verifyStoredChain } from "@/lib/audit/chain-store";
import { SIGNING_KEY_FILE, signingKeyFromEnv } from "@/lib/audit/signing-key";

function instanceKeyId(): string | undefined {
  const hasKey = process.env.READYROOM_SIGNING_KEY?.trim() || fs.existsSync(path.join(path.resolve(process.env.DATA_DIR || ".data"), SIGNING_KEY_FILE));
  return hasKey ? signingKeyFromEnv(process.env).id : undefined;
}

async function main(): Promise<number> {
  const db = await openCliDatabase(process.env, { keyring: false });
  try {
    const report = await verifyStoredChain(db.prisma, { instanceKeyId: instanceKeyId() });
    if (report.problem) {
      const row = report.problem.auditId ? `audit row ${report.problem.auditId}` : "the chain";
      console.error(`audit chain BROKEN at link ${report.problem.seq} (${row}): ${report.problem.reason}`);
      console.error(`links checked before it: ${report.links}`);
      return 1;
    }
    console.log(`audit chain OK: ${report.links} link(s), head ${report.head.seq} ${report.head.hash}`);
    console.log(`signed checkpoints verified: ${report.checkpoints.verified}`);
    if (report.checkpoints.foreignKeys.length) console.log(`note: some checkpoints are signed by other keys than this instance's: ${report.checkpoints.foreignKeys.join(", ")}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`audit:verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);

// Applies prisma/migrations with `prisma migrate deploy`, run as a child process
// against whatever DATABASE_URL the caller has (the embedded socket or a server).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export function projectRoot(): string {
  // node_modules/prisma/package.json -> project root
  return path.resolve(path.dirname(require.resolve("prisma/package.json")), "..", "..");
}

export class MigrationError extends Error {}

export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot(),
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    const text = output.join("");
    const line = text.split("\n").find((l) => /^Error|P\d{4}/.test(l.trim())) ?? text.trim().split("\n").pop();
    throw new MigrationError(`database migration failed: ${line?.trim() ?? "unknown error"}`);
  }
}

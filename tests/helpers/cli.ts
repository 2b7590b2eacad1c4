// Runs the admin CLI (scripts/admin.ts) as its own process, asynchronously: the test's event
// loop keeps running meanwhile, so its pooled HTTP connections notice a server closing them
// instead of being reused dead after a long, blocking call.
import { spawn } from "node:child_process";
import { ROOT } from "./app";

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runAdmin(dataDir: string, args: string[], timeoutMs = 150_000): Promise<CliResult> {
  return runScript("scripts/admin.ts", args, { DATA_DIR: dataDir }, timeoutMs);
}

/** Runs one of scripts/*.ts; `env` is laid over the test's own (DATABASE_URL removed unless given). */
export function runScript(script: string, args: string[], extraEnv: Record<string, string>, timeoutMs = 150_000): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

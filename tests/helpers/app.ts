// Starts the real built server (dist/server.js) as a child process for integration
// and browser tests, on a free port, with its own data directory.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inject } from "vitest";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * The V8 flags `npm start` runs the server with (package.json): a 64 MB young generation,
 * so the garbage of a burst of thousands of messages dies young instead of being promoted
 * and collected by full GCs (docs/performance.md measures it).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
const SERVER = path.join(ROOT, "dist", "server.js");

/** What a test file needs of a server: its address, its data directory, its output, the demo logins. */
export type AppHandle = {
  url: string;
  dataDir: string;
  logs: () => string;
  demoPassword(role: "ADMIN" | "FACILITATOR" | "MANAGER"): string;
  stop(): Promise<number | null>;
};

/** A server this file started itself (its process is the file's to kill). */
export type RunningApp = AppHandle & {
  proc: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/** Reads the demo logins file the server writes into its data directory. */
function demoPasswordIn(dataDir: string, role: string): string {
  const logins = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-logins.json"), "utf8")) as Array<{ role: string; password: string | null }>;
  const found = logins.find((l) => l.role === role);
  if (!found?.password) throw new Error(`no demo password for ${role} in ${dataDir}`);
  return found.password;
}

/** The run's temporary folder from the global setup (deleted when the run ends), or "" outside vitest's workers. */
function injectedRunDir(): string {
  try {
    return inject("testRunDir") || "";
  } catch {
    return "";
  }
}

function runDir(): string {
  return injectedRunDir() || os.tmpdir();
}

/** The file in a run's folder that gets a line per server start; templates.ts reports the count. */
export const SERVER_STARTS = "server-starts.log";

/** Records a server start in the run's folder (`dir`: the run folder when not in a test worker). */
export function countServerStart(label: string, dir = injectedRunDir()): void {
  if (dir) fs.appendFileSync(path.join(dir, SERVER_STARTS), `${label}\n`);
}

/** Data directories this test file made (a module per file): removed when the file ends. */
const madeHere = new Set<string>();

export function tempDataDir(prefix = "rr-test-"): string {
  const dir = fs.mkdtempSync(path.join(runDir(), prefix));
  madeHere.add(dir);
  return dir;
}

/**
 * Deletes this file's data directories (about 40 MB each), so a run's disk use stays that of
 * the files running now. tests/setup/cleanup.ts calls it after the file's own afterAll hooks
 * have stopped its servers.
 */
export function removeTempDataDirs(): void {
  for (const dir of madeHere) fs.rmSync(dir, { recursive: true, force: true });
  madeHere.clear();
}

/**
 * Gives a new data directory the run's migrated template database, so the server's start
 * finds every migration applied and skips the step. A directory that already holds a
 * database (a restart) is left alone.
 */
export function seedFromTemplate(dataDir: string): void {
  let template = "";
  try {
    template = inject("embeddedTemplate");
  } catch {
    return; // outside vitest (the benchmark): the server migrates as on a first start
  }
  const target = path.join(dataDir, "pgdata");
  if (!template || fs.existsSync(target)) return;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.cpSync(template, target, { recursive: true });
}

function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: "0", HOST: "127.0.0.1" };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.NEXTAUTH_URL;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the server to completion (for startup failures); resolves with exit code and output. */
export function runServerExpectingExit(env: Record<string, string | undefined>, timeoutMs = 60_000) {
  if (!fs.existsSync(SERVER)) throw new Error("dist/server.js is missing: run `npm run build` (npm test does it for you)");
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER], { cwd: ROOT, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout!.on("data", (d) => (stdout += d));
    proc.stderr!.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`server did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export type StartOptions = {
  dataDir?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** false: an empty data directory, so the server creates and migrates its database itself. */
  fromTemplate?: boolean;
  /** true: another script imports the bundle, as `npm start` (scripts/start.mjs) does, instead of node running it. */
  imported?: boolean;
};

/** A script that imports the server bundle, as scripts/start.mjs does (without its build check). */
function importingScript(): string {
  const file = path.join(runDir(), "import-server.mjs");
  fs.writeFileSync(file, `await import(${JSON.stringify(pathToFileURL(SERVER).href)});\n`);
  return file;
}

export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
  if (!fs.existsSync(SERVER)) throw new Error("dist/server.js is missing: run `npm run build` (npm test does it for you)");
  const dataDir = opts.dataDir ?? tempDataDir();
  // A directory named after another (`${a.dataDir}-b`) in the run's folder is this file's too.
  if (path.dirname(path.resolve(dataDir)) === path.resolve(runDir())) madeHere.add(dataDir);
  if (!opts.env?.DATABASE_URL && opts.fromTemplate !== false) seedFromTemplate(dataDir);
  const entry = opts.imported ? importingScript() : SERVER;
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], {
    cwd: ROOT,
    env: baseEnv({ DATA_DIR: dataDir, ...opts.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${opts.timeoutMs ?? 90_000} ms:\n${output}`)), opts.timeoutMs ?? 90_000);
    const check = () => {
      // A PUBLIC_URL may name https behind a proxy; the test talks to the local port.
      const m = output.match(/is running at (https?:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready:\n${output}`));
    });
  });
  // A server that never got ready is stopped, so a failed start leaves nothing running.
  const url = await ready.catch(async (e: unknown) => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGKILL");
      await exited;
    }
    throw e;
  });
  countServerStart(path.basename(dataDir));

  const app: RunningApp = {
    url,
    dataDir,
    proc,
    logs: () => output,
    demoPassword: (role) => demoPasswordIn(dataDir, role),
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill("SIGTERM");
      return exited;
    },
    async kill(signal = "SIGKILL") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await exited;
    },
  };
  return app;
}

/** TEST_SHARED_APP=0 gives every sharedApp() file its own server again (to compare, or to debug). */
export const SHARING = process.env.TEST_SHARED_APP !== "0";

/**
 * The project's one shared server, started by tests/setup/shared-app.ts. For files that run
 * the server as `npm start` does and scope every check to records they create themselves.
 * stop() leaves it running: the global teardown stops it after the last file.
 */
export async function sharedApp(): Promise<AppHandle> {
  if (!SHARING) return startApp();
  const { dataDir, logFile, stateFile } = inject("sharedApp");
  const url = await sharedAppUrl(stateFile);
  return { url, dataDir, logs: () => fs.readFileSync(logFile, "utf8"), demoPassword: (role) => demoPasswordIn(dataDir, role), stop: async () => null };
}

/** The shared server boots during the unit tests: waits for the address it writes once ready. */
async function sharedAppUrl(stateFile: string, timeoutMs = 240_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(stateFile)) {
    if (Date.now() > until) throw new Error(`the shared test server was not ready within ${timeoutMs} ms (${stateFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { url?: string; error?: string };
  if (!state.url) throw new Error(`the shared test server did not start: ${state.error}`);
  return state.url;
}

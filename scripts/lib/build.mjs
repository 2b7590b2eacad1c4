// Builds the app (Prisma client, Next.js, the server bundle) when the sources have
// changed since the last build; shared by `npm start` and `npm test`.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const STAMP = path.join(root, ".next", "readyroom-build.json");
const INPUTS = ["app", "components", "lib", "messages", "i18n", "scenarios", "prisma", "server.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];

function walk(p, out) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    if (p.endsWith(`${path.sep}generated`)) return;
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else out.push(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}`);
}

function fingerprint() {
  const files = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  return crypto.createHash("sha256").update(files.join("\n")).digest("hex");
}

const buildEnv = () => ({ ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: buildEnv() });
  if (r.status !== 0) {
    console.error(`Readyroom build failed during ${label}.`);
    process.exit(r.status ?? 1);
  }
}

export function isBuildCurrent() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    return stamp.fingerprint === fingerprint() && fs.existsSync(path.join(root, "dist", "server.js"));
  } catch {
    return false;
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function ensureBuilt({ force = false } = {}) {
  if (!force && isBuildCurrent()) return false;
  const before = begin();
  run(bin("next"), ["build"], "next build");
  finish(before);
  return true;
}

/** Says so and generates the Prisma client; returns the sources' fingerprint, taken before building (a file edited during the build makes the next run rebuild). */
function begin() {
  console.log("Building Readyroom (first run or sources changed)…");
  const before = fingerprint();
  run(process.execPath, [path.join(root, "scripts", "prisma.mjs"), "generate"], "prisma generate");
  return before;
}

/** The server bundle, then the stamp that says the build is current. */
function finish(fingerprintBefore) {
  run(process.execPath, [path.join(root, "scripts", "build-server.mjs")], "the server bundle");
  fs.writeFileSync(STAMP, JSON.stringify({ fingerprint: fingerprintBefore, builtAt: new Date().toISOString() }));
}

/**
 * Builds (as ensureBuilt with force) and runs `task` (an async function) beside `next build`
 * once the Prisma client is generated: the build type-checks on one core for much of its
 * time, so on a 2-core machine the other core is free for it. Resolves with `task`'s result;
 * a failed build ends the process as ensureBuilt does, after `task` has finished.
 */
export async function buildAlongside(task) {
  const before = begin();
  const build = new Promise((resolve) => {
    const child = spawn(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: buildEnv() });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
  const [status, result] = await Promise.all([build, task()]);
  if (status !== 0) {
    console.error("Readyroom build failed during next build.");
    process.exit(status);
  }
  finish(before);
  return result;
}
